import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from './helpers/test-app';

const SCHEMA_PATH = join(__dirname, '..', 'src', 'schema.graphql');

/**
 * The committed `src/schema.graphql` is the API under review: this fails when the code's schema
 * has moved on without it. `npm run schema` (UPDATE_SCHEMA=1) rewrites the file instead.
 */
describe('committed GraphQL schema', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('matches the schema the code builds', () => {
    const actual = `${printSchema(lexicographicSortSchema(t.app.get(GraphQLSchemaHost).schema))}\n`;
    // Sanity: a schema that lost its root types would otherwise be "committed" silently.
    expect(actual).toContain('type Query {');
    expect(actual).toContain('type Mutation {');

    if (process.env.UPDATE_SCHEMA === '1') {
      writeFileSync(SCHEMA_PATH, actual);
      return;
    }
    const committed = existsSync(SCHEMA_PATH) ? readFileSync(SCHEMA_PATH, 'utf8') : '';
    if (committed !== actual) {
      throw new Error(
        `src/schema.graphql is stale: run \`npm run schema\` and commit the result.\n\n${lineDiff(committed, actual)}`,
      );
    }
  });
});

/** The first differing lines, so the failure shows what moved without a diff tool. */
function lineDiff(committed: string, actual: string, max = 20): string {
  const a = committed.split('\n');
  const b = actual.split('\n');
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && out.length < max; i++) {
    if (a[i] === b[i]) continue;
    out.push(
      `line ${i + 1}:\n  committed: ${a[i] ?? '(end of file)'}\n  code:      ${b[i] ?? '(end of file)'}`,
    );
  }
  return out.join('\n');
}
