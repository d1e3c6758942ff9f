// The web app's own GraphQL documents, exactly as it sends them: read from the typed documents
// graphql-codegen generates from web/src (web/src/gql/graphql.ts, `npm run web:codegen`), so a
// scenario measures what the page asks for, not a copy that drifts from it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { print } from 'graphql';
import { ROOT } from './lib.mjs';

const GENERATED = join(ROOT, 'web', 'src', 'gql', 'graphql.ts');

/** The text of the web app's operation `name` (e.g. 'BoardWithCards'), fragments included. */
export function webOperation(name) {
  const source = readFileSync(GENERATED, 'utf8');
  const line = source.split('\n').find((l) => l.startsWith(`export const ${name}Document = `));
  if (!line) throw new Error(`${name}Document is not in ${GENERATED}: run npm run web:codegen`);
  const json = line.slice(line.indexOf('= ') + 2, line.lastIndexOf(' as unknown as '));
  return print(JSON.parse(json));
}
