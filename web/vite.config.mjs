// The web app's build (npm run web:build): web/dist, served by the service at `/`.
// `npm run web:dev` serves it with hot reload, the API proxied to a service on localhost:3000.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Everything stays a file of this origin (the CSP allows no inline content).
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/graphql': { target: 'http://localhost:3000', ws: true } },
  },
});
