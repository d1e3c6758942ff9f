// Prints what `npm run web:codegen` would write, as JSON [{filename, content}], writing nothing
// (test/web/codegen.e2e-spec.ts compares it with the committed web/src/gql/).
import { generate } from '@graphql-codegen/cli';
import config from './codegen.mjs';

const outputs = await generate({ ...config, cwd: process.cwd(), silent: true }, false);
process.stdout.write(
  JSON.stringify(outputs.map(({ filename, content }) => ({ filename, content }))),
);
