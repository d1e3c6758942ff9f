/**
 * The error contract of the GraphQL API: a stable `extensions.code`, the failing fields for bad
 * input, the request id on every error, and nothing internal (stack traces, SQL, Prisma
 * messages) in any answer.
 */
import { randomUUID } from 'node:crypto';
import { TeamsService } from '../../src/teams/teams.service';
import { startTestApp, TestApp, GraphqlResponse } from '../helpers/test-app';

const CREATE_TEAM = `mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id key } }`;
const TEAM = `query ($id: ID) { team(id: $id) { id key } }`;

/** Checks what every error answer must have, and returns its errors. */
function expectErrorContract(res: GraphqlResponse): NonNullable<GraphqlResponse['errors']> {
  expect(res.errors?.length).toBeGreaterThan(0);
  const requestId = res.headers['x-request-id'];
  expect(requestId).toBeTruthy();
  for (const error of res.errors!) {
    expect(typeof error.extensions.code).toBe('string');
    expect(error.extensions.requestId).toBe(requestId);
  }
  const body = JSON.stringify(res.errors);
  expect(body).not.toContain('stacktrace');
  expect(body).not.toMatch(/\n\s+at /);
  return res.errors!;
}

describe('GraphQL errors', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('answers invalid input with BAD_USER_INPUT listing every failing field', async () => {
    const res = await t.gql(CREATE_TEAM, { input: { key: 'x', name: '   ' } });
    expect(res.status).toBe(200);
    expect(res.data).toBeNull();
    const [error] = expectErrorContract(res);
    expect(error!.path).toEqual(['createTeam']);
    expect(error!.extensions.code).toBe('BAD_USER_INPUT');
    expect(error!.extensions.fields).toEqual([
      {
        field: 'input.key',
        message:
          'must be 2 to 10 characters: an uppercase letter, then uppercase letters or digits',
      },
      { field: 'input.name', message: 'must not be empty' },
    ]);
    expect(error!.message).toContain('input.key');
    expect(await t.prisma.team.count()).toBe(0);
  });

  it('answers an unknown id with NOT_FOUND', async () => {
    const id = randomUUID();
    const res = await t.gql(TEAM, { id });
    const [error] = expectErrorContract(res);
    expect(error).toMatchObject({
      message: `Team ${id} not found`,
      path: ['team'],
      extensions: { code: 'NOT_FOUND', entity: 'Team' },
    });
  });

  it('answers a malformed id with BAD_USER_INPUT naming the argument', async () => {
    const res = await t.gql(TEAM, { id: 'not-an-id' });
    const [error] = expectErrorContract(res);
    expect(error!.extensions.code).toBe('BAD_USER_INPUT');
    expect(error!.extensions.fields).toEqual([{ field: 'id', message: 'must be an id' }]);
  });

  it('answers a duplicate key with CONFLICT naming the field', async () => {
    await t.ok(CREATE_TEAM, { input: { key: 'DUP', name: 'First' } });
    const res = await t.gql(CREATE_TEAM, { input: { key: 'DUP', name: 'Second' } });
    const [error] = expectErrorContract(res);
    expect(error).toMatchObject({
      message: 'Team key DUP is already taken',
      extensions: { code: 'CONFLICT', field: 'input.key' },
    });
  });

  it('answers a variable of the wrong shape with BAD_USER_INPUT', async () => {
    const res = await t.gql(CREATE_TEAM, { input: { key: 'OK' } });
    const [error] = expectErrorContract(res);
    expect(error!.extensions.code).toBe('BAD_USER_INPUT');
    expect(error!.message).toContain('Field "name" of required type "String!" was not provided');
  });

  it('keeps the request id sent by the client on errors', async () => {
    const res = await t.gql(TEAM, { id: 'nope' }, { 'x-request-id': 'client-trace-7' });
    expect(res.headers['x-request-id']).toBe('client-trace-7');
    expect(expectErrorContract(res)[0]!.extensions.requestId).toBe('client-trace-7');
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED and the request id', async () => {
    const res = await t.gql('{ teams { id ');
    expect(res.status).toBe(400);
    const [error] = expectErrorContract(res);
    expect(error!.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers an unknown field with GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await t.gql('{ teams { id shoeSize } }');
    expect(res.status).toBe(400);
    const [error] = expectErrorContract(res);
    expect(error!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error!.message).toContain('shoeSize');
  });

  it('hides an unexpected error behind INTERNAL_SERVER_ERROR and logs it with the request id', async () => {
    const internal = Object.assign(
      new Error(
        'Invalid `prisma.team.findMany()` invocation: Raw query failed. Code: `42P01`. SELECT "public"."teams"."id" FROM "public"."teams"',
      ),
      { code: 'P2010' },
    );
    jest.spyOn(t.app.get(TeamsService), 'list').mockRejectedValueOnce(internal);

    const res = await t.gql('{ teams { id } }', undefined, { 'x-request-id': 'boom-1' });
    expect(res.status).toBe(200);
    const [error] = expectErrorContract(res);
    expect(error).toEqual({
      message: 'Internal server error',
      locations: [{ line: 1, column: 3 }],
      path: ['teams'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'boom-1' },
    });
    expect(JSON.stringify(res.errors)).not.toMatch(/prisma|SELECT|42P01|P2010/i);

    const logged = t.logs.find(
      (line) => line.requestId === 'boom-1' && line.msg === 'Unhandled error in GraphQL request',
    );
    expect(logged).toMatchObject({ level: 'error', path: ['teams'] });
    expect((logged!.err as { message: string }).message).toBe(internal.message);
  });
});
