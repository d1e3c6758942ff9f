/**
 * Object-level authorization for every operation (OWASP API1). The operations are read from the
 * running schema by introspection; each argument that names an object is filled with team A's
 * objects and the operation is called with team B's admin token. A's objects must answer exactly
 * like missing ones (NOT_FOUND, same message), no data of A may come back and none of A's rows
 * may change. A's admin making the same calls proves they are valid ones. An operation the
 * matrix cannot classify fails the first test, so a new operation cannot go unchecked; REST
 * routes are enumerated from the router the same way.
 */
import { randomUUID } from 'node:crypto';
import { bearer, issueToken } from '../helpers/api-tokens';
import {
  callOperation,
  comparable,
  comparableRest,
  ID_ARGUMENTS,
  idKindOfRoute,
  inRunOrder,
  planOf,
  VERB_ORDER,
  verbOf,
  type Plan,
  type Resolve,
  type Slot,
} from '../helpers/operation-plans';
import { codeOf } from '../helpers/graphql-errors';
import {
  fingerprints,
  missingValue,
  resolverFor,
  SWAPPED_OBJECTS,
  teamWorld,
  worldValue,
  type TeamWorld,
} from '../helpers/team-world';
import { introspect, type Schema } from '../helpers/schema-introspection';
import { snapshotTeam } from '../helpers/team-snapshot';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** Operations that name no object: each has its own check below. Keep this list short. */
const WITHOUT_REFERENCES = ['viewer', 'teams', 'createTeam'];
/** Operations for the instance admin only: team admins get FORBIDDEN whatever they name. */
const INSTANCE_ADMIN_ONLY = ['createTeam', 'grantTeamRole'];
/** REST routes that take no API token: they authenticate on their own terms, or not at all. */
const PUBLIC_ROUTES = [
  'GET /health/live',
  'GET /health/ready',
  'GET /metrics',
  'POST /webhooks/:integrationId',
  // The web app's files and page (src/web): no data, the token is typed into the page.
  'GET /{*path}',
];

interface Route {
  method: string;
  path: string;
}

/** The REST routes the application serves, from the Express router. */
function routesOf(t: TestApp): Route[] {
  const express = t.app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  return express.router.stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods).map((method) => ({
          method: method.toUpperCase(),
          path: layer.route!.path,
        }))
      : [],
  );
}

describe('cross-team access, for every operation in the schema', () => {
  let t: TestApp;
  let schema: Schema;
  let plans: Plan[];
  let A: TeamWorld;
  let B: TeamWorld;

  beforeAll(async () => {
    t = await startTestApp();
    schema = await introspect(t);
    plans = schema.operations.map((operation) => planOf(schema, operation));
    A = await teamWorld(t, 'A');
    B = await teamWorld(t, 'B');
    // A token with a role on both teams: B's admin sees it, but not what it may do on A.
    const shared = await issueToken(t, { teamId: A.team.id, role: 'VIEWER', name: 'shared' });
    await t.ok(
      `mutation ($id: ID!, $team: ID!) { grantTeamRole(tokenId: $id, teamId: $team, role: VIEWER) { id } }`,
      {
        id: shared.id,
        team: B.team.id,
      },
    );
  });

  afterAll(async () => {
    await t.close();
  });

  const nameOf = (plan: Plan): string => plan.operation.field.name;
  const call = (
    plan: Plan,
    resolve: Resolve,
    token: string,
    options: { omitOptionalReferences?: boolean; only?: Slot } = {},
  ): ReturnType<typeof callOperation> => callOperation(t, schema, plan, resolve, token, options);
  const leaks = (data: unknown, world: TeamWorld): string[] => {
    const text = JSON.stringify(data ?? null);
    return fingerprints(world).filter((value) => text.includes(value));
  };

  it('classifies every Query and Mutation field', () => {
    const problems: string[] = [];
    const names = plans.map(nameOf);
    for (const plan of plans) {
      const name = nameOf(plan);
      for (const u of plan.unclassified) problems.push(`${name}: ${u.path}: ${u.reason}`);
      if (plan.slots.length === 0 && !WITHOUT_REFERENCES.includes(name))
        problems.push(`${name}: names no object and has no check of its own`);
      if (plan.slots.length > 0 && WITHOUT_REFERENCES.includes(name))
        problems.push(`${name}: now names objects; remove it from WITHOUT_REFERENCES`);
      if (plan.operation.root === 'mutation' && !VERB_ORDER.includes(verbOf(name)))
        problems.push(`${name}: verb "${verbOf(name)}" has no place in VERB_ORDER`);
    }
    const listed = [...WITHOUT_REFERENCES, ...INSTANCE_ADMIN_ONLY, ...Object.keys(SWAPPED_OBJECTS)];
    for (const name of listed)
      if (!names.includes(name)) problems.push(`${name}: listed here but not in the schema`);
    expect(problems).toEqual([]);
    // The matrix covers the whole API, not a sample of it.
    expect(plans.filter((p) => p.operation.root === 'query').length).toBeGreaterThanOrEqual(19);
    expect(plans.filter((p) => p.operation.root === 'mutation').length).toBeGreaterThanOrEqual(37);
  });

  it('cannot classify an operation with an unknown reference (so a new one fails the matrix)', () => {
    const id = {
      kind: 'NON_NULL',
      name: null,
      ofType: { kind: 'SCALAR', name: 'ID', ofType: null },
    };
    const unknownArgument = planOf(schema, {
      root: 'query',
      field: {
        name: 'project',
        type: id,
        args: [{ name: 'projectId', type: id, defaultValue: null }],
      },
    });
    const unknownObject = planOf(schema, {
      root: 'mutation',
      field: {
        name: 'archiveRoadmap',
        type: id,
        args: [{ name: 'id', type: id, defaultValue: null }],
      },
    });
    expect(unknownArgument.unclassified).toEqual([
      { path: 'projectId', reason: 'ID! looks like a reference' },
    ]);
    expect(unknownObject.unclassified).toEqual([
      { path: 'id', reason: 'ID! looks like a reference' },
    ]);
    // The known ones are classified by name, wherever they appear.
    expect(ID_ARGUMENTS.carryOverToSprintId).toBe('sprint2');
  });

  it("B's admin can neither read nor change A's objects through any operation", async () => {
    const before = await snapshotTeam(t, A.team.id);
    const problems: string[] = [];
    let calls = 0;
    for (const plan of plans.filter((p) => p.slots.length > 0)) {
      const name = nameOf(plan);
      const expected = INSTANCE_ADMIN_ONLY.includes(name) ? 'FORBIDDEN' : 'NOT_FOUND';

      // Every reference to A's objects, then to objects that do not exist.
      const withA = await call(plan, (s) => worldValue(A, s.kind), B.admin.token);
      const missing = await call(
        plan,
        (s) => missingValue(s.kind, worldValue(A, s.kind)),
        B.admin.token,
      );
      calls += 2;
      if (codeOf(withA.res) !== expected)
        problems.push(`${name}: ${codeOf(withA.res) ?? 'no error'} instead of ${expected}`);
      const seen = comparable(withA.res, withA.sent);
      const reference = comparable(missing.res, missing.sent);
      if (seen !== reference)
        problems.push(
          `${name}: A's objects answer unlike missing ones:\n  ${seen}\n  ${reference}`,
        );
      const leaked = leaks(withA.res.data, A);
      if (leaked.length) problems.push(`${name}: returned A's data ${leaked.join(', ')}`);

      // One reference to A among B's own objects: A's object must still look missing.
      if (plan.slots.length > 1) {
        for (const target of plan.slots) {
          const pick =
            (other: Resolve): Resolve =>
            (s) =>
              s.path === target.path ? other(s) : worldValue(B, s.kind);
          const only = { only: target };
          const oneA = await call(
            plan,
            pick((s) => worldValue(A, s.kind)),
            B.admin.token,
            only,
          );
          const oneMissing = await call(
            plan,
            pick((s) => missingValue(s.kind, worldValue(A, s.kind))),
            B.admin.token,
            only,
          );
          calls += 2;
          const oneSeen = comparable(oneA.res, oneA.sent);
          const oneReference = comparable(oneMissing.res, oneMissing.sent);
          if (oneSeen !== oneReference)
            problems.push(
              `${name} with only ${target.path} of A:\n  ${oneSeen}\n  ${oneReference}`,
            );
          const leakedOne = leaks(oneA.res.data, A);
          if (leakedOne.length)
            problems.push(`${name} (${target.path}): returned A's data ${leakedOne.join(', ')}`);
        }
      }

      // B's own objects: a read answers B's data, with nothing of A mixed in.
      if (plan.operation.root === 'query') {
        const own = await call(plan, (s) => worldValue(B, s.kind), B.admin.token);
        calls += 1;
        if (own.res.errors?.length) problems.push(`${name} on B's objects: ${codeOf(own.res)}`);
        const leakedOwn = leaks(own.res.data, A);
        if (leakedOwn.length)
          problems.push(`${name} on B's objects: returned A's data ${leakedOwn.join(', ')}`);
      }

      // Without its optional references, an operation answers B's data only (or refuses).
      if (plan.slots.every((s) => !s.required)) {
        const bare = await call(plan, () => [], B.admin.token, { omitOptionalReferences: true });
        calls += 1;
        const leakedBare = leaks(bare.res.data, A);
        if (leakedBare.length)
          problems.push(`${name} without references: returned A's data ${leakedBare.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
    expect(calls).toBeGreaterThan(150);
    expect(await snapshotTeam(t, A.team.id)).toEqual(before);
  });

  it("answers the operations that name no object with the caller's own data only", async () => {
    const as = bearer(B.admin.token);
    const viewer = await t.gql(
      `{ viewer { tokenId instanceAdmin grants { teamId role } } }`,
      {},
      as,
    );
    expect(viewer.data?.viewer).toEqual({
      tokenId: B.admin.id,
      instanceAdmin: false,
      grants: [{ teamId: B.team.id, role: 'ADMIN' }],
    });
    const teams = await t.gql(`{ teams { id } }`, {}, as);
    expect(teams.data?.teams).toEqual([{ id: B.team.id }]);
    const before = await t.prisma.team.count();
    const created = await t.gql(
      `mutation { createTeam(input: { key: "EVIL", name: "Evil" }) { id } }`,
      {},
      as,
    );
    expect(codeOf(created)).toBe('FORBIDDEN');
    expect(await t.prisma.team.count()).toBe(before);
  });

  it("B's admin cannot fetch A's report files, which answer like missing ones", async () => {
    const problems: string[] = [];
    const routes = routesOf(t);
    expect(routes.length).toBeGreaterThanOrEqual(7);
    for (const route of routes) {
      const label = `${route.method} ${route.path}`;
      if (PUBLIC_ROUTES.includes(label)) continue;
      const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const kinds = params.map((param) => idKindOfRoute(route.path, param));
      if (route.method !== 'GET' || kinds.some((k) => k === null)) {
        problems.push(`${label}: not public and not classified`);
        continue;
      }
      const fill = (value: (i: number) => string): string => {
        let i = 0;
        return route.path.replace(/:(\w+)/g, () => value(i++));
      };
      const ids = (world: TeamWorld) => (i: number) => [worldValue(world, kinds[i]!)].flat()[0]!;
      const absent = kinds.map(() => randomUUID());
      const asB = await t.http.get(fill(ids(A))).set(bearer(B.admin.token));
      const asMissing = await t.http.get(fill((i) => absent[i]!)).set(bearer(B.admin.token));
      const asA = await t.http.get(fill(ids(A))).set(bearer(A.admin.token));
      const asNobody = await t.anon.get(fill(ids(A)));
      if (asB.status !== 404) problems.push(`${label}: ${asB.status} for B's admin`);
      const foreign = kinds.map((_k, i) => ids(A)(i));
      if (comparableRest(asB, foreign) !== comparableRest(asMissing, absent))
        problems.push(`${label}: A's object answers unlike a missing one`);
      if (leaks(asB.body, A).filter((v) => !foreign.includes(v)).length)
        problems.push(`${label}: returned A's data`);
      if (asA.status !== 200) problems.push(`${label}: ${asA.status} for A's admin`);
      if (asNobody.status !== 401) problems.push(`${label}: ${asNobody.status} without a token`);
    }
    for (const listed of PUBLIC_ROUTES)
      if (!routes.some((r) => `${r.method} ${r.path}` === listed))
        problems.push(`${listed}: listed as public but not served`);
    expect(problems).toEqual([]);
  });

  it("A's admin can make every one of those calls on A's objects (positive control)", async () => {
    const problems: string[] = [];
    for (const plan of inRunOrder(plans.filter((p) => p.slots.length > 0))) {
      const name = nameOf(plan);
      const resolve = resolverFor(A, name);
      if (INSTANCE_ADMIN_ONLY.includes(name)) {
        const refused = await call(plan, resolve, A.admin.token);
        if (codeOf(refused.res) !== 'FORBIDDEN')
          problems.push(`${name}: a team admin got ${codeOf(refused.res) ?? 'no error'}`);
      }
      const token = INSTANCE_ADMIN_ONLY.includes(name) ? t.adminToken : A.admin.token;
      const { res } = await call(plan, resolve, token);
      if (res.errors?.length || !res.data?.[name])
        problems.push(`${name}: ${JSON.stringify(res.errors ?? res.data)}`);
    }
    expect(problems).toEqual([]);
  });
});
