# syntax=docker/dockerfile:1
# Loopboard image: build with the dev toolchain, run with production dependencies only.
#   docker build -t loopboard .
#   docker run -p 3000:3000 -v loopboard-data:/data loopboard     # embedded PGlite in /data
#   docker run -p 3000:3000 -e DATABASE_URL=postgresql://... loopboard
# docker-compose.yml runs it next to PostgreSQL.

# The Node.js line CI tests on (package.json engines: >=20.19). Override with --build-arg.
ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: install everything, generate the Prisma client, compile, drop dev dependencies ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# Dependencies first, so this layer is reused until package*.json change. --ignore-scripts skips
# the postinstall `prisma generate` (prisma/ is not here yet; it runs explicitly below) and the
# engine downloads of Prisma's CLI, which the service does not use (migrations run through the
# Wasm schema engine, a regular dependency).
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund

COPY scripts ./scripts
COPY prisma ./prisma
COPY tsconfig.json tsconfig.build.json nest-cli.json .swcrc ./
COPY src ./src
# The web app (web/dist, built by `npm run build` with Vite) is served by the service at `/`.
COPY web ./web

# The client is generated into src/generated and compiled with the rest into dist/generated;
# `npm run build` also builds the web app into web/dist.
# Pruning (not a second install) keeps the same resolved tree and runs no install scripts.
RUN npm run generate \
 && npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# --- runtime ------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime

# V8's heap limit, as `npm start` sets it (package.json start:prod; .ci/run checks they agree): with
# it V8 collects before the heap grows far past what is live, which keeps a replica's peak RSS under
# 300 MB in every benchmark scenario; the storms and reports need well under half of it.
ENV NODE_OPTIONS="--max-old-space-size=384 --v8-pool-size=1"
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data

WORKDIR /app

# The application files stay owned by root (read-only for the service); only /data is writable.
# The service finds prisma/ (schema and migrations, applied at start) by walking up from dist/.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist

# Embedded PGlite data (used when DATABASE_URL is unset). The image's `node` user (uid 1000) owns
# it, and a new named volume mounted here inherits that ownership.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]

USER node
EXPOSE 3000

# No curl in slim images: node's fetch. 200 only when the database answers and migrations are
# applied. The start period covers the first start on PGlite (initdb plus migrations).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# node runs as PID 1 directly (not through npm) so SIGTERM reaches the service's graceful
# shutdown (SHUTDOWN_TIMEOUT_MS, 10 s by default: give `docker stop` a longer timeout).
CMD ["node", "dist/main.js"]
