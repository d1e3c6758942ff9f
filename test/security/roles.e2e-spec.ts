/**
 * Roles on a team: VIEWER reads, MEMBER works on tasks and cards, ADMIN manages the team (boards,
 * sprints, members, integrations, tokens); the instance admin creates teams and grants roles.
 * Every operation of the schema is called with each team role; requests without a valid token
 * are refused, and the open endpoints stay open.
 */
import {
  anonymousGql,
  bearer,
  issueToken,
  type IssuedToken,
  type Role,
} from '../helpers/api-tokens';
import { callOperation, inRunOrder, planOf, type Plan } from '../helpers/operation-plans';
import { codeOf } from '../helpers/graphql-errors';
import { introspect, type Schema } from '../helpers/schema-introspection';
import { resolverFor, teamWorld, type TeamWorld } from '../helpers/team-world';
import { snapshotTeam } from '../helpers/team-snapshot';
import { createTeam } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';

const RANK: Record<Role, number> = { VIEWER: 1, MEMBER: 2, ADMIN: 3 };
/** Reads only team admins may make. */
const ADMIN_QUERIES = ['apiTokens', 'auditEvents', 'notificationDeliveries'];
/** Changes to tasks and cards: members may make them. */
const MEMBER_MUTATIONS = [
  'createTask',
  'updateTask',
  'moveTask',
  'deleteTask',
  'closeTaskAsWontFix',
  'unmuteAlert',
  'setIncidentCause',
];
const INSTANCE_ADMIN_ONLY = ['createTeam', 'grantTeamRole'];

/** What an operation needs: a team role, the instance admin, or (null) any valid token. */
function roleNeeded(plan: Plan): Role | 'INSTANCE_ADMIN' | null {
  const name = plan.operation.field.name;
  if (INSTANCE_ADMIN_ONLY.includes(name)) return 'INSTANCE_ADMIN';
  if (plan.slots.length === 0) return null;
  if (plan.operation.root === 'query') return ADMIN_QUERIES.includes(name) ? 'ADMIN' : 'VIEWER';
  return MEMBER_MUTATIONS.includes(name) ? 'MEMBER' : 'ADMIN';
}

const refusedTo = (role: Role) => (plan: Plan) => {
  const needed = roleNeeded(plan);
  return needed === 'INSTANCE_ADMIN' || (needed !== null && RANK[needed] > RANK[role]);
};
const allowedTo = (role: Role) => (plan: Plan) => {
  const needed = roleNeeded(plan);
  return needed !== null && needed !== 'INSTANCE_ADMIN' && RANK[needed] <= RANK[role];
};

describe('team roles', () => {
  let t: TestApp;
  let schema: Schema;
  let plans: Plan[];

  beforeAll(async () => {
    t = await startTestApp();
    schema = await introspect(t);
    plans = schema.operations.map((operation) => planOf(schema, operation));
  });

  afterAll(async () => {
    await t.close();
  });

  describe.each([
    ['VIEWER', 39, 15],
    ['MEMBER', 33, 21],
    ['ADMIN', 2, 52],
  ] as const)('%s, on every operation', (role, refusals, permissions) => {
    let world: TeamWorld;
    let token: IssuedToken;

    beforeAll(async () => {
      world = await teamWorld(t, role);
      token = await issueToken(t, { teamId: world.team.id, role });
    });

    it('is refused what needs a higher role, and changes nothing', async () => {
      const before = await snapshotTeam(t, world.team.id);
      const problems: string[] = [];
      const refused = plans.filter(refusedTo(role));
      for (const plan of refused) {
        const name = plan.operation.field.name;
        const { res } = await callOperation(t, schema, plan, resolverFor(world, name), token.token);
        const message = res.errors?.[0]?.message ?? '';
        const expected =
          roleNeeded(plan) === 'INSTANCE_ADMIN'
            ? 'Only the instance admin may do this'
            : `the token has ${role}`;
        if (codeOf(res) !== 'FORBIDDEN' || !message.includes(expected))
          problems.push(`${name}: ${codeOf(res) ?? 'no error'} ${message}`);
      }
      expect(problems).toEqual([]);
      expect(refused.length).toBeGreaterThanOrEqual(refusals);
      expect(await snapshotTeam(t, world.team.id)).toEqual(before);
    });

    it('may make every call its role allows', async () => {
      const problems: string[] = [];
      const allowed = plans.filter(allowedTo(role));
      for (const plan of inRunOrder(allowed)) {
        const name = plan.operation.field.name;
        const { res } = await callOperation(t, schema, plan, resolverFor(world, name), token.token);
        if (res.errors?.length || !res.data?.[name])
          problems.push(`${name}: ${JSON.stringify(res.errors)}`);
      }
      expect(problems).toEqual([]);
      expect(allowed.length).toBeGreaterThanOrEqual(permissions);
    });
  });

  it('lets a member create, move, update and close a card as won’t fix, as the database shows', async () => {
    const world = await teamWorld(t, 'M');
    const member = bearer((await issueToken(t, { teamId: world.team.id, role: 'MEMBER' })).token);
    const created = await t.gql(
      `mutation ($input: CreateTaskInput!) { createTask(input: $input) { id } }`,
      { input: { teamId: world.team.id, title: 'By a member', boardId: world.board.id } },
      member,
    );
    const id = created.data?.createTask.id as string;
    const moved = await t.gql(
      `mutation ($input: MoveTaskInput!) { moveTask(input: $input) { id } }`,
      { input: { taskId: id, columnId: world.column2 } },
      member,
    );
    const updated = await t.gql(
      `mutation ($id: ID!) { updateTask(id: $id, input: { title: "Renamed", estimate: 3 }) { id } }`,
      { id },
      member,
    );
    const closed = await t.gql(
      `mutation ($id: ID!) { closeTaskAsWontFix(taskId: $id) { id } }`,
      { id: world.alertTask },
      member,
    );
    expect([created, moved, updated, closed].map((r) => r.errors)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const row = await t.prisma.task.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ title: 'Renamed', estimate: 3, columnId: world.column2 });
    const card = await t.prisma.task.findUniqueOrThrow({ where: { id: world.alertTask } });
    expect(card.resolution).toBe('WONT_FIX');
    const alert = await t.prisma.alert.findUniqueOrThrow({ where: { id: world.alert } });
    expect(alert.mutedUntil).not.toBeNull();
  });

  it('lets only the instance admin create teams and grant roles', async () => {
    const world = await teamWorld(t, 'I');
    const admin = bearer(world.admin.token);
    const teams = await t.prisma.team.count();
    const refused = await t.gql(
      `mutation { createTeam(input: { key: "NOPE", name: "Nope" }) { id } }`,
      {},
      admin,
    );
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(await t.prisma.team.count()).toBe(teams);
    const ok = await t.gql(
      `mutation { createTeam(input: { key: "YEP", name: "Yep" }) { id key } }`,
    );
    expect(ok.data?.createTeam.key).toBe('YEP');

    // A team admin cannot raise a token's role, even on its own team.
    const grant = `mutation ($token: ID!, $team: ID!) {
      grantTeamRole(tokenId: $token, teamId: $team, role: ADMIN) { grants { teamId role } }
    }`;
    const variables = { token: world.apiToken.id, team: world.team.id };
    expect(codeOf(await t.gql(grant, variables, admin))).toBe('FORBIDDEN');
    const granted = await t.gql(grant, variables);
    expect(granted.data?.grantTeamRole.grants).toEqual([{ teamId: world.team.id, role: 'ADMIN' }]);
  });

  it("lists only the caller's teams", async () => {
    const one = await createTeam(t);
    const two = await createTeam(t);
    await createTeam(t);
    const token = await issueToken(t, { teamId: one.id, role: 'VIEWER' });
    await t.ok(
      `mutation ($token: ID!, $team: ID!) { grantTeamRole(tokenId: $token, teamId: $team, role: MEMBER) { id } }`,
      { token: token.id, team: two.id },
    );
    const mine = await t.gql(`{ teams { id } }`, {}, bearer(token.token));
    expect(mine.data?.teams.map((team: { id: string }) => team.id).sort()).toEqual(
      [one.id, two.id].sort(),
    );
    const all = await t.ok<{ teams: { id: string }[] }>(`{ teams { id } }`);
    expect(all.teams.length).toBe(await t.prisma.team.count());
    expect(all.teams.length).toBeGreaterThan(2);
  });

  it('refuses requests without a valid token: UNAUTHENTICATED in GraphQL, 401 for files', async () => {
    const world = await teamWorld(t, 'U');
    const query = `query ($id: ID!) { task(id: $id) { id title } }`;
    const variables = { id: world.task.id };
    const none = await anonymousGql(t, query, variables);
    const answers = [none];
    for (const authorization of [
      'Bearer lb_not_a_token_at_all_but_long_enough_to_look_like_one_xx',
      `Bearer ${world.admin.token}x`,
      `Basic ${Buffer.from('admin:admin').toString('base64')}`,
      'Bearer',
      world.admin.token,
    ])
      answers.push(await t.gql(query, variables, { authorization }));
    for (const res of answers) {
      expect(res.data).toBeNull();
      expect(res.errors?.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
      expect(res.errors?.[0]?.message).toBe(none.errors?.[0]?.message);
    }

    for (const file of ['capacity.json', 'capacity.csv', 'burndown.svg']) {
      const path = `/reports/sprints/${world.sprint}/${file}`;
      const anonymous = await t.anon.get(path);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toMatchObject({ error: 'UNAUTHENTICATED' });
      expect((await t.http.get(path).set(bearer(world.apiToken.token))).status).toBe(200);
    }
  });

  it('keeps /health/* and /metrics open', async () => {
    expect((await t.anon.get('/health/live')).status).toBe(200);
    expect((await t.anon.get('/health/ready')).status).toBe(200);
    const metrics = await t.anon.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('# TYPE');
  });
});
