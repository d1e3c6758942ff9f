/**
 * Who may subscribe to what, over graphql-ws: the connection's token decides, as over HTTP; a
 * token that stops working closes its socket; the rate limit and query limits apply.
 */
import { createBoard, createTask, createTeam } from '../helpers/factories';
import { BOARD_CHANGED, connectLive, listen, LiveClient } from '../helpers/live-client';
import { issueToken } from '../helpers/api-tokens';
import { startTestApp, TestApp } from '../helpers/test-app';

describe('subscription access', () => {
  let t: TestApp;
  let url: string;
  const clients: LiveClient[] = [];
  const connect = async (token: string | null): Promise<LiveClient> => {
    const client = await connectLive(url, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { GRAPHQL_RATE_LIMIT_PER_MINUTE: '40' } });
    url = await listen(t);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await t?.close();
  });

  const codeOf = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
    result.errors?.[0]?.extensions?.code;

  it('refuses a connection without a token, or with an unknown one, with 4403', async () => {
    for (const token of [null, 'lb_not_a_real_token_at_all_000000000000000000']) {
      const client = await connect(token);
      expect(await client.waitClosed()).toMatchObject({ code: 4403 });
    }
  });

  it("answers NOT_FOUND to a token of team B subscribing to team A's board, and sends it nothing", async () => {
    const a = await createTeam(t);
    const b = await createTeam(t);
    const boardA = await createBoard(t, a.id);
    const boardB = await createBoard(t, b.id);
    const tokenB = await issueToken(t, { teamId: b.id, role: 'ADMIN' });
    const client = await connect(tokenB.token);

    const foreign = client.subscribe(BOARD_CHANGED, { b: boardA.id });
    const refused = await foreign.next();
    expect(refused.data ?? null).toBeNull();
    expect(codeOf(refused)).toBe('NOT_FOUND');
    await foreign.ended();

    // Its own board's events still arrive; A's change before it never does.
    const own = client.subscribe(BOARD_CHANGED, { b: boardB.id });
    await expect(
      (async () => {
        for (;;) {
          await createTask(t, a.id, { boardId: boardA.id });
          await createTask(t, b.id, { boardId: boardB.id });
          const next = await own.next(() => true, 3_000).catch(() => null);
          if (next) return next;
        }
      })(),
    ).resolves.toMatchObject({ data: { boardChanged: { boardId: boardB.id } } });
    expect(foreign.results).toHaveLength(1);
    expect(own.results.every((r) => r.data?.boardChanged.boardId === boardB.id)).toBe(true);
  });

  it('closes the socket of a token that is revoked, wherever it was revoked', async () => {
    const team = await createTeam(t);
    const viewer = await issueToken(t, { teamId: team.id, role: 'VIEWER' });
    const client = await connect(viewer.token);
    await t.ok(`mutation ($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: viewer.id });
    expect(await client.waitClosed()).toMatchObject({ code: 4403 });
  });

  it('closes the socket when the token expires', async () => {
    const team = await createTeam(t);
    const expiresAt = new Date(Date.now() + 2_000).toISOString();
    const res = await t.gql<{ createApiToken: { token: string } }>(
      `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
      { input: { name: 'short-lived', teamId: team.id, role: 'VIEWER', expiresAt } },
    );
    const client = await connect(res.data?.createApiToken.token as string);
    expect(client.closed).toBeNull();
    expect(await client.waitClosed()).toMatchObject({ code: 4403 });
  });

  it("ends a subscription with NOT_FOUND when its token loses the board's team", async () => {
    const team = await createTeam(t);
    const board = await createBoard(t, team.id);
    const token = await issueToken(t, { teamId: team.id, role: 'VIEWER' });
    const client = await connect(token.token);
    const feed = client.subscribe(BOARD_CHANGED, { b: board.id });
    // Subscribed once a change arrives.
    for (let i = 0; !feed.results.length; i++) {
      await createTask(t, team.id, { boardId: board.id });
      await feed.next(() => true, 2_000).catch(() => null);
      if (i > 10) throw new Error('never subscribed');
    }
    // No API takes a grant away yet; an operator's SQL does, and every replica hears it.
    await t.prisma.tokenGrant.deleteMany({ where: { tokenId: token.id, teamId: team.id } });
    const last = await feed.next((r) => Boolean(r.errors));
    expect(codeOf(last)).toBe('NOT_FOUND');
    await feed.ended();
    expect(client.closed).toBeNull();
  });

  it('applies the query limits to subscription documents', async () => {
    const team = await createTeam(t);
    const board = await createBoard(t, team.id);
    const client = await connect(t.adminToken);
    const deep = client.subscribe(
      `subscription ($b: ID!) { boardChanged(boardId: $b) { task { team { boards { team { boards { team { boards { team { boards { id } } } } } } } } } } }`,
      { b: board.id },
    );
    await deep.ended();
    expect(JSON.stringify(deep.error)).toContain('DEPTH_LIMIT_EXCEEDED');

    const query = client.subscribe(`query { viewer { name } }`);
    await query.ended();
    expect(JSON.stringify(query.error)).toContain('only subscriptions run over the WebSocket');
  });

  it('spends the same per-token budget as HTTP requests', async () => {
    const team = await createTeam(t);
    const board = await createBoard(t, team.id);
    const token = await issueToken(t, { teamId: team.id, role: 'VIEWER' });
    const client = await connect(token.token);
    // 45 subscribes against a budget of 40 a minute: the last ones are refused at once.
    const feeds = Array.from({ length: 45 }, () =>
      client.subscribe(`subscription ($b: ID!) { boardChanged(boardId: $b) { version } }`, {
        b: board.id,
      }),
    );
    await Promise.race(feeds.map((f) => f.ended()));
    const refused = feeds.filter((f) => f.completed);
    expect(refused.length).toBeGreaterThan(0);
    expect(JSON.stringify(refused[0]?.error)).toContain('TOO_MANY_REQUESTS');
    const http = await t.gql(`{ viewer { name } }`, {}, { authorization: `Bearer ${token.token}` });
    expect(http.status).toBe(429);
  });
});
