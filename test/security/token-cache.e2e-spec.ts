/**
 * Authenticated tokens are remembered per process (src/auth/authenticated-tokens.ts), and a
 * change to a token is never outlived by the memory of it: changes made through this process
 * count at once, changes made anywhere else (another replica, the token CLI, SQL) as soon as the
 * database's notice arrives.
 */
import { eventually } from '../helpers/eventually';
import { createBoard, createTeam } from '../helpers/factories';
import { bearer, issueToken } from '../helpers/api-tokens';
import { startTestApp, TestApp } from '../helpers/test-app';
import { usingPostgres } from '../helpers/test-database';

const VIEWER = `{ viewer { tokenId grants { teamId role } } }`;
const BOARD = `query ($id: ID!) { board(id: $id) { id } }`;

const codeOf = async (
  t: TestApp,
  query: string,
  token: string,
  variables = {},
): Promise<string> => {
  const res = await t.gql(query, variables, bearer(token));
  return res.errors?.[0]?.extensions.code ?? 'OK';
};

describe('remembered tokens', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("see this process's revocations, rotations and grants on the very next request", async () => {
    const teamA = await createTeam(t);
    const teamB = await createTeam(t);
    const boardB = await createBoard(t, teamB.id);
    const token = await issueToken(t, { teamId: teamA.id, role: 'VIEWER' });
    expect(await codeOf(t, VIEWER, token.token)).toBe('OK');
    expect(await codeOf(t, BOARD, token.token, { id: boardB.id })).toBe('NOT_FOUND');

    await t.ok(
      `mutation ($token: ID!, $team: ID!) { grantTeamRole(tokenId: $token, teamId: $team, role: VIEWER) { id } }`,
      { token: token.id, team: teamB.id },
    );
    expect(await codeOf(t, BOARD, token.token, { id: boardB.id })).toBe('OK');

    const rotated = await t.ok<{ rotateApiToken: { token: string } }>(
      `mutation ($id: ID!) { rotateApiToken(id: $id) { token } }`,
      { id: token.id },
    );
    expect(await codeOf(t, VIEWER, token.token)).toBe('UNAUTHENTICATED');
    const secret = rotated.rotateApiToken.token;
    expect(await codeOf(t, VIEWER, secret)).toBe('OK');

    await t.ok(`mutation ($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: token.id });
    expect(await codeOf(t, VIEWER, secret)).toBe('UNAUTHENTICATED');
  });

  it('see a change made outside this process once its notice arrives', async () => {
    const team = await createTeam(t);
    const token = await issueToken(t, { teamId: team.id, role: 'VIEWER' });
    expect(await codeOf(t, VIEWER, token.token)).toBe('OK');
    // As the token CLI or another replica would: straight to the database.
    await t.prisma
      .$executeRaw`UPDATE api_tokens SET revoked_at = now() WHERE id = ${token.id}::uuid`;
    await eventually(async () => (await codeOf(t, VIEWER, token.token)) === 'UNAUTHENTICATED', {
      intervalMs: 20,
      message: 'the revoked token is refused',
    });
  });
});

const describeOnPostgres = usingPostgres() ? describe : describe.skip;

describeOnPostgres('remembered tokens on two replicas of one PostgreSQL', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ database: a.database });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('a token revoked on one replica is refused by the other once its notice arrives', async () => {
    const team = await createTeam(a);
    const token = await issueToken(a, { teamId: team.id, role: 'VIEWER' });
    expect(await codeOf(b, VIEWER, token.token)).toBe('OK');
    expect(await codeOf(b, VIEWER, token.token)).toBe('OK');
    await a.ok(`mutation ($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: token.id });
    expect(await codeOf(a, VIEWER, token.token)).toBe('UNAUTHENTICATED');
    await eventually(async () => (await codeOf(b, VIEWER, token.token)) === 'UNAUTHENTICATED', {
      intervalMs: 20,
      message: 'the other replica refuses the revoked token',
    });
  });
});
