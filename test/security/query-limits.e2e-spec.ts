/**
 * Limits on what one GraphQL request may ask for (OWASP API4, GraphQL cheat sheet): depth,
 * aliases, page size, cost, one operation per document, no batched arrays, a body size limit.
 * Each rejection has its own extensions.code and a message naming the limit and its value, and
 * happens before anything runs.
 */
import { createTeam } from '../helpers/factories';
import { codeOf } from '../helpers/graphql-errors';
import { teamWorld, type TeamWorld } from '../helpers/team-world';
import { startTestApp, type GraphqlResponse, type TestApp } from '../helpers/test-app';

/** `task(id) { team { activeSprint { team { … id } } } }`, `depth` fields deep. */
function deepQuery(depth: number): string {
  let selection = 'id';
  for (let level = depth - 1; level >= 2; level--)
    selection = `${level % 2 === 0 ? 'team' : 'activeSprint'} { ${selection} }`;
  return `query ($id: ID!) { task(id: $id) { ${selection} } }`;
}

describe('GraphQL request limits', () => {
  let t: TestApp;
  let world: TeamWorld;

  beforeAll(async () => {
    t = await startTestApp();
    world = await teamWorld(t, 'Q');
    // An active sprint, so that the deep queries that are allowed resolve all the way down.
    await t.ok(`mutation ($id: ID!) { startSprint(id: $id) { id } }`, { id: world.sprint });
  });

  afterAll(async () => {
    await t.close();
  });

  function expectLimit(res: GraphqlResponse<unknown>, code: string, message: RegExp): void {
    expect(res.status).toBe(400);
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => e.extensions.code)).toEqual([code]);
    expect(res.errors?.[0]?.message).toMatch(message);
  }

  it('rejects a 20-deep query, naming the limit of 10, and accepts 10 levels', async () => {
    expectLimit(
      await t.gql(deepQuery(20), { id: world.task.id }),
      'DEPTH_LIMIT_EXCEEDED',
      /^Query depth 20 exceeds the limit of 10$/,
    );
    expectLimit(
      await t.gql(deepQuery(11), { id: world.task.id }),
      'DEPTH_LIMIT_EXCEEDED',
      /depth 11 .* limit of 10/,
    );
    const ten = await t.gql(deepQuery(10), { id: world.task.id });
    expect(ten.errors).toBeUndefined();
    expect(JSON.stringify(ten.data)).toContain(world.sprint);
    // Fragments are expanded: hiding the depth in them does not help.
    const fragmented = await t.gql(
      `query ($id: ID!) { task(id: $id) { ...Deep } }
       fragment Deep on Task { team { activeSprint { team { activeSprint { team { activeSprint { team { activeSprint { team { activeSprint { id } } } } } } } } } } }`,
      { id: world.task.id },
    );
    expectLimit(fragmented, 'DEPTH_LIMIT_EXCEEDED', /depth 12 exceeds the limit of 10/);
  });

  it('rejects 1,000 aliases, naming the limit of 15, and accepts 15', async () => {
    const aliased = (n: number): string =>
      `{ ${Array.from({ length: n }, (_v, i) => `a${i}: viewer { name }`).join(' ')} }`;
    expectLimit(
      await t.gql(aliased(1000)),
      'ALIAS_LIMIT_EXCEEDED',
      /^The query uses more than 15 aliases \(the limit\)$/,
    );
    expectLimit(await t.gql(aliased(16)), 'ALIAS_LIMIT_EXCEEDED', /more than 15 aliases/);
    const fifteen = await t.gql(aliased(15));
    expect(fifteen.errors).toBeUndefined();
    expect(Object.keys(fifteen.data ?? {})).toHaveLength(15);

    // Nothing runs: sixteen aliased mutations create no team at all.
    const teams = await t.prisma.team.count();
    const creates = Array.from(
      { length: 16 },
      (_v, i) => `c${i}: createTeam(input: { key: "AL${i}", name: "Alias ${i}" }) { id }`,
    );
    expectLimit(await t.gql(`mutation { ${creates.join(' ')} }`), 'ALIAS_LIMIT_EXCEEDED', /15/);
    expect(await t.prisma.team.count()).toBe(teams);
  });

  it('rejects first: 100000, naming the limit of 100, in the query or in a variable', async () => {
    const tasks = `query ($teamId: ID!, $first: Int) { tasks(teamId: $teamId, first: $first) { edges { node { id } } } }`;
    expectLimit(
      await t.gql(
        `query ($teamId: ID!) { tasks(teamId: $teamId, first: 100000) { edges { node { id } } } }`,
        { teamId: world.team.id },
      ),
      'PAGE_SIZE_LIMIT_EXCEEDED',
      /^first is at most 100 \(got 100000\)$/,
    );
    expectLimit(
      await t.gql(tasks, { teamId: world.team.id, first: 100000 }),
      'PAGE_SIZE_LIMIT_EXCEEDED',
      /at most 100/,
    );
    // Nested connections are held to the same page size.
    expectLimit(
      await t.gql(
        `query ($id: ID!) { board(id: $id) { columns { tasks(first: 101) { edges { node { id } } } } } }`,
        { id: world.board.id },
      ),
      'PAGE_SIZE_LIMIT_EXCEEDED',
      /got 101/,
    );
    const hundred = await t.gql(tasks, { teamId: world.team.id, first: 100 });
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data?.tasks.edges.length).toBeGreaterThanOrEqual(3);
  });

  it('rejects a query over the cost budget, naming the cost and the limit of 20000', async () => {
    const expensive = await t.gql(
      `{ teams { boards { columns { tasks(first: 100) { edges { node { id title } } } } } } }`,
    );
    expectLimit(expensive, 'COST_LIMIT_EXCEEDED', /^Query cost \d+ exceeds the limit of 20000/);
    const cost = Number(/cost (\d+)/.exec(expensive.errors?.[0]?.message ?? '')?.[1]);
    expect(cost).toBeGreaterThan(20000);
    // A full page of tasks with every field a card shows stays well within the budget.
    const page = await t.gql(
      `query ($teamId: ID!) { tasks(teamId: $teamId, first: 100) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { id key title description type priority estimate labels source rank
          createdAt updatedAt startedAt completedAt resolution reopenCount } }
      } }`,
      { teamId: world.team.id },
    );
    expect(page.errors).toBeUndefined();
  });

  it('rejects two operations in one document, naming the limit of 1', async () => {
    const res = await t.gql(`query First { viewer { name } } query Second { teams { id } }`);
    expectLimit(
      res,
      'OPERATION_LIMIT_EXCEEDED',
      /^A request may hold one operation; this one holds 2 \(the limit is 1\)$/,
    );
    // Even when the client names which one to run.
    const named = await t.http.post('/graphql').set('content-type', 'application/json').send({
      query: `query First { viewer { name } } query Second { teams { id } }`,
      operationName: 'First',
    });
    expect(named.status).toBe(400);
    expect(named.body.errors[0].extensions.code).toBe('OPERATION_LIMIT_EXCEEDED');
  });

  it('rejects a batched array of operations, naming the limit of 1', async () => {
    const teams = await t.prisma.team.count();
    const res = await t.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .send([
        { query: '{ viewer { name } }' },
        { query: 'mutation { createTeam(input: { key: "BATCH", name: "Batch" }) { id } }' },
      ]);
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].extensions.code).toBe('BATCHING_NOT_ALLOWED');
    expect(res.body.errors[0].message).toMatch(/one operation per request \(the limit is 1\)/);
    expect(await t.prisma.team.count()).toBe(teams);
  });

  it('rejects a body over the limit with 413, naming the limit in bytes', async () => {
    const teams = await t.prisma.team.count();
    const filler = 'x'.repeat(1024 * 1024 + 1);
    const res = await t.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({
        query: `mutation ($name: String!) { createTeam(input: { key: "BIG", name: $name }) { id } }`,
        variables: { name: filler },
      });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      statusCode: 413,
      error: 'PAYLOAD_TOO_LARGE',
      message: 'Request body is larger than the limit of 1048576 bytes',
    });
    expect(await t.prisma.team.count()).toBe(teams);
    // Just under the limit is parsed (and then refused on its merits, not its size).
    const under = await t.gql(
      `mutation ($name: String!) { createTeam(input: { key: "BIG", name: $name }) { id } }`,
      { name: 'x'.repeat(1000) },
    );
    expect(codeOf(under)).toBe('BAD_USER_INPUT');
  });

  it('bounds the other list sizes a client can ask for', async () => {
    const team = await createTeam(t);
    const noise = await t.gql(
      `query ($teamId: ID!) { alertNoiseReport(teamId: $teamId, from: "2031-01-01", to: "2031-01-31", limit: 100000) { __typename } }`,
      { teamId: team.id },
    );
    expect(codeOf(noise)).toBe('BAD_USER_INPUT');
    const velocity = await t.gql(
      `query ($teamId: ID!) { velocityReport(teamId: $teamId, lastSprints: 100000) { __typename } }`,
      { teamId: team.id },
    );
    expect(codeOf(velocity)).toBe('BAD_USER_INPUT');
    const flow = await t.gql(
      `query ($teamId: ID!) { flowReport(teamId: $teamId, from: "2000-01-01", to: "2031-01-31") { __typename } }`,
      { teamId: team.id },
    );
    expect(codeOf(flow)).toBe('BAD_USER_INPUT');
  });
});
