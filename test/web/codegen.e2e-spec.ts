/**
 * The web app's typed operations (web/src/gql/, committed) match what GraphQL Code Generator
 * makes from src/schema.graphql and the documents in web/src: `npm run web:codegen` updates them.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/spawn-service';

describe('web codegen', () => {
  it('is up to date with the schema and the operations (npm run web:codegen)', () => {
    const outputs = JSON.parse(
      execFileSync(process.execPath, ['web/codegen-output.mjs'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      }),
    ) as { filename: string; content: string }[];
    expect(outputs.map((o) => o.filename).sort()).toEqual([
      'web/src/gql/gql.ts',
      'web/src/gql/graphql.ts',
      'web/src/gql/index.ts',
    ]);
    for (const output of outputs) {
      const onDisk = readFileSync(join(REPO_ROOT, output.filename), 'utf8');
      expect([output.filename, onDisk === output.content]).toEqual([output.filename, true]);
    }
  });
});
