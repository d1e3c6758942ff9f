/**
 * Builders for the security specs: tokens with team roles, a team holding one object of every
 * kind (the cross-team matrix's "world"), a snapshot of a team's rows, and the schema's
 * operations read by introspection with their arguments filled from a world's objects.
 */
import { randomUUID } from 'node:crypto';
import { createIntegration, postWebhook, type IntegrationRef } from './alert-factories';
import { amAlert, amGroup } from './alert-builders';
import {
  addMember,
  createBoard,
  createSprint,
  createTask,
  createTeam,
  type BoardRef,
  type TaskRef,
  type TeamRef,
} from './factories';
import type { Prisma } from '../../src/generated/prisma/client';
import type { GraphqlResponse, TestApp } from './test-app';

export type Role = 'VIEWER' | 'MEMBER' | 'ADMIN';

let counter = 0;
const next = (): number => ++counter;

export const bearer = (token: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
});

export interface IssuedToken {
  id: string;
  token: string;
}

export const CREATE_TOKEN = `mutation ($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id name prefix instanceAdmin grants { teamId role } createdAt lastUsedAt expiresAt revokedAt } }
}`;

/** A token through the API (as the instance admin unless `as` is another token). */
export async function issueToken(
  t: TestApp,
  input: { teamId?: string; role?: Role; instanceAdmin?: boolean; name?: string },
  as?: string,
): Promise<IssuedToken> {
  const res = await t.gql<{ createApiToken: { token: string; apiToken: { id: string } } }>(
    CREATE_TOKEN,
    { input: { name: input.name ?? `token ${next()}`, ...input } },
    as ? bearer(as) : {},
  );
  if (res.errors?.length || !res.data)
    throw new Error(`createApiToken failed: ${JSON.stringify(res.errors)}`);
  return { id: res.data.createApiToken.apiToken.id, token: res.data.createApiToken.token };
}

/** The first error's code (or undefined when the call succeeded). */
export const codeOf = (res: GraphqlResponse<unknown>): string | undefined =>
  res.errors?.[0]?.extensions.code;

// --- a team with one object of every kind ------------------------------------------------------

export interface TeamWorld {
  team: TeamRef & { name: string };
  /** A token with ADMIN on this team only. */
  admin: IssuedToken;
  member: string;
  board: BoardRef;
  /** The TODO column: holds task, task2 and task3, in that order. */
  column: string;
  /** The IN_PROGRESS column. */
  column2: string;
  /** Two PLANNED sprints. */
  sprint: string;
  sprint2: string;
  task: TaskRef;
  task2: TaskRef;
  task3: TaskRef;
  integration: IntegrationRef;
  alert: string;
  /** The card the alert became. */
  alertTask: string;
  delivery: string;
  /** A VIEWER token of this team (an object that team admins manage). */
  apiToken: IssuedToken;
  /** Two pending replan proposals (of no task) on `sprint`: one to accept, one to reject. */
  replanProposal: string;
  replanProposal2: string;
}

/** Builds, as the instance admin, a team with every kind of object the API exposes. */
export async function teamWorld(t: TestApp, label: string): Promise<TeamWorld> {
  const name = `World ${label} ${randomUUID().slice(0, 8)}`;
  const team = await createTeam(t, { name });
  const admin = await issueToken(t, { teamId: team.id, role: 'ADMIN', name: `${label} admin` });
  const member = (await addMember(t, team.id, { capacityPerDay: 2 })).id;
  const board = await createBoard(t, team.id);
  const column = board.column.TODO!.id;
  const column2 = board.column.IN_PROGRESS!.id;
  const sprint = (
    await createSprint(t, team.id, { startDate: '2031-03-03', endDate: '2031-03-14' })
  ).id;
  const sprint2 = (
    await createSprint(t, team.id, { startDate: '2031-03-17', endDate: '2031-03-28' })
  ).id;
  const onBoard = { boardId: board.id, columnId: column, assigneeId: member, estimate: 2 };
  const task = await createTask(t, team.id, onBoard);
  const task2 = await createTask(t, team.id, onBoard);
  const task3 = await createTask(t, team.id, onBoard);
  const integration = await createIntegration(t, team.id, { boardId: board.id, name: label });
  const posted = await postWebhook(t, integration, amGroup([amAlert()]));
  if (posted.status !== 200)
    throw new Error(`webhook post failed: ${posted.status} ${posted.text}`);
  const delivery = (posted.body as { deliveryId: string }).deliveryId;
  const alerts = await t.ok<{
    alerts: { edges: { node: { id: string; task: { id: string } } }[] };
  }>(`query ($teamId: ID!) { alerts(teamId: $teamId) { edges { node { id task { id } } } } }`, {
    teamId: team.id,
  });
  const alertNode = alerts.alerts.edges[0]!.node;
  const apiToken = await issueToken(t, {
    teamId: team.id,
    role: 'VIEWER',
    name: `${label} viewer`,
  });
  const proposal = (sequence: number) =>
    t.prisma.replanProposal.create({
      data: {
        sprintId: sprint,
        sequence,
        usedPoints: 0,
        reservedPoints: 0,
        overflowPoints: 0,
        coveredPoints: 0,
        targetPoints: 0,
        proposedPoints: 0,
        tasks: [],
      },
    });
  const replanProposal = (await proposal(1)).id;
  const replanProposal2 = (await proposal(2)).id;
  return {
    team: { ...team, name },
    admin,
    member,
    board,
    column,
    column2,
    sprint,
    sprint2,
    task,
    task2,
    task3,
    integration,
    alert: alertNode.id,
    alertTask: alertNode.task.id,
    delivery,
    apiToken,
    replanProposal,
    replanProposal2,
  };
}

/** Strings that identify a world's objects: none of them may appear in another team's answers. */
export function fingerprints(world: TeamWorld): string[] {
  return [
    world.team.id,
    world.team.name,
    world.admin.id,
    world.member,
    world.board.id,
    ...world.board.columns.map((c) => c.id),
    world.sprint,
    world.sprint2,
    ...[world.task, world.task2, world.task3].flatMap((task) => [task.id, task.key]),
    world.integration.id,
    world.alert,
    world.alertTask,
    world.delivery,
    world.apiToken.id,
    world.replanProposal,
    world.replanProposal2,
  ];
}

/** The table of each model in a team snapshot; `tokenGrants` come with their tokens. */
export const SNAPSHOT_MODELS: Record<Prisma.ModelName, string> = {
  Team: 'team',
  TaskCounter: 'taskCounter',
  Member: 'members',
  Board: 'boards',
  BoardVersion: 'boardVersions',
  LiveCommitHook: 'liveCommitHooks',
  BoardColumn: 'columns',
  Sprint: 'sprints',
  SprintMember: 'availability',
  SprintReserveEvent: 'reserveEvents',
  ReplanProposal: 'replanProposals',
  Task: 'tasks',
  TaskEvent: 'taskEvents',
  AlertIntegration: 'integrations',
  WebhookDelivery: 'deliveries',
  Alert: 'alerts',
  AlertEpisode: 'episodes',
  ApiToken: 'tokens',
  TokenGrant: 'tokens',
  AuditEvent: 'audit',
};

/**
 * Every row that belongs to a team, in a stable order: equal snapshots mean nothing changed.
 * SNAPSHOT_MODELS is typed by Prisma's model names, so a new table does not compile until it is
 * placed here.
 */
export async function snapshotTeam(t: TestApp, teamId: string): Promise<unknown> {
  const p = t.prisma;
  const byId = { orderBy: { id: 'asc' as const } };
  const snapshot = {
    team: await p.team.findUnique({ where: { id: teamId } }),
    taskCounter: await p.taskCounter.findUnique({ where: { teamId } }),
    members: await p.member.findMany({ where: { teamId }, ...byId }),
    boards: await p.board.findMany({ where: { teamId }, ...byId }),
    boardVersions: await p.boardVersion.findMany({
      where: { board: { teamId } },
      orderBy: { boardId: 'asc' },
    }),
    // Rows of transactions in flight: always none once they committed or rolled back.
    liveCommitHooks: await p.liveCommitHook.findMany(),
    columns: await p.boardColumn.findMany({ where: { board: { teamId } }, ...byId }),
    sprints: await p.sprint.findMany({ where: { teamId }, ...byId }),
    availability: await p.sprintMember.findMany({
      where: { sprint: { teamId } },
      orderBy: [{ sprintId: 'asc' }, { memberId: 'asc' }],
    }),
    reserveEvents: await p.sprintReserveEvent.findMany({ where: { sprint: { teamId } }, ...byId }),
    replanProposals: await p.replanProposal.findMany({ where: { sprint: { teamId } }, ...byId }),
    tasks: await p.task.findMany({ where: { teamId }, ...byId }),
    taskEvents: await p.taskEvent.findMany({ where: { teamId }, ...byId }),
    integrations: await p.alertIntegration.findMany({ where: { teamId }, ...byId }),
    deliveries: await p.webhookDelivery.findMany({ where: { integration: { teamId } }, ...byId }),
    alerts: await p.alert.findMany({ where: { teamId }, ...byId }),
    episodes: await p.alertEpisode.findMany({ where: { teamId }, ...byId }),
    // Using a token is not changing it: lastUsedAt is left out.
    tokens: await p.apiToken.findMany({
      where: { grants: { some: { teamId } } },
      omit: { lastUsedAt: true },
      include: { grants: { orderBy: { teamId: 'asc' } } },
      ...byId,
    }),
    audit: await p.auditEvent.findMany({ where: { teamId }, ...byId }),
  };
  const missing = Object.values(SNAPSHOT_MODELS).filter((key) => !(key in snapshot));
  if (missing.length) throw new Error(`snapshotTeam does not read ${missing.join(', ')}`);
  return JSON.parse(
    JSON.stringify(snapshot, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    ),
  );
}

// --- the schema by introspection ---------------------------------------------------------------

export interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
export interface InputValue {
  name: string;
  type: TypeRef;
  defaultValue: string | null;
}
export interface FieldDef {
  name: string;
  args: InputValue[];
  type: TypeRef;
}
export interface SchemaType {
  kind: string;
  name: string;
  fields: FieldDef[] | null;
  inputFields: InputValue[] | null;
  enumValues: { name: string }[] | null;
}
export interface Operation {
  root: 'query' | 'mutation';
  field: FieldDef;
}
export interface Schema {
  operations: Operation[];
  types: Map<string, SchemaType>;
}

const TYPE_REF = `kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;
export const INTROSPECTION = `{
  __schema {
    queryType { name }
    mutationType { name }
    types {
      kind name
      fields { name args { name defaultValue type { ${TYPE_REF} } } type { ${TYPE_REF} } }
      inputFields { name defaultValue type { ${TYPE_REF} } }
      enumValues { name }
    }
  }
}`;

/** Every Query and Mutation field of the running schema, read by introspection. */
export async function introspect(t: TestApp): Promise<Schema> {
  const data = await t.ok<{
    __schema: {
      queryType: { name: string };
      mutationType: { name: string } | null;
      types: SchemaType[];
    };
  }>(INTROSPECTION);
  const types = new Map(data.__schema.types.map((type) => [type.name, type]));
  const rootFields = (name: string | undefined): FieldDef[] =>
    (name ? types.get(name)?.fields : null) ?? [];
  return {
    types,
    operations: [
      ...rootFields(data.__schema.queryType.name).map((field) => ({
        root: 'query' as const,
        field,
      })),
      ...rootFields(data.__schema.mutationType?.name).map((field) => ({
        root: 'mutation' as const,
        field,
      })),
    ],
  };
}

export function namedType(type: TypeRef): string {
  let current: TypeRef = type;
  while (current.ofType) current = current.ofType;
  return current.name ?? '';
}

export function renderType(type: TypeRef): string {
  if (type.kind === 'NON_NULL') return `${renderType(type.ofType!)}!`;
  if (type.kind === 'LIST') return `[${renderType(type.ofType!)}]`;
  return type.name ?? '';
}

const isRequired = (value: InputValue): boolean =>
  value.type.kind === 'NON_NULL' && value.defaultValue === null;
const isList = (type: TypeRef): boolean =>
  type.kind === 'LIST' || (type.kind === 'NON_NULL' && type.ofType?.kind === 'LIST');

/**
 * A selection of every field without required arguments, to `depth` levels of objects. The
 * connection (and its edges) an operation returns does not count as a level: its nodes get the
 * fields of the level below; nested connections count like any object.
 */
export function selectionFor(schema: Schema, typeName: string, depth = 2, top = true): string {
  const type = schema.types.get(typeName);
  if (!type?.fields) return '';
  const wrapper = top && /(Connection|Edge)$/.test(typeName);
  const parts: string[] = [];
  for (const field of type.fields) {
    if (field.args.some(isRequired)) continue;
    const inner = schema.types.get(namedType(field.type));
    if (!inner || inner.kind === 'SCALAR' || inner.kind === 'ENUM') parts.push(field.name);
    else if (inner.kind === 'OBJECT' && depth > 1) {
      const unwrap = wrapper && /(Connection|Edge)$/.test(inner.name);
      const sub = selectionFor(schema, inner.name, unwrap ? depth : depth - 1, unwrap);
      if (sub) parts.push(`${field.name} { ${sub} }`);
    }
  }
  return parts.join(' ');
}

// --- arguments: which are object references, and values for the rest --------------------------

/** The objects of a world an argument may point to. */
export type IdKind =
  | 'team'
  | 'teamKey'
  | 'task'
  | 'task2'
  | 'task3'
  | 'taskKey'
  | 'tasks'
  | 'board'
  | 'column'
  | 'column2'
  | 'columns'
  | 'sprint'
  | 'sprint2'
  | 'member'
  | 'integration'
  | 'alert'
  | 'delivery'
  | 'apiToken'
  | 'replanProposal'
  | 'replanProposal2';

/** Arguments and input fields that name objects, wherever they appear. */
export const ID_ARGUMENTS: Record<string, IdKind> = {
  teamId: 'team',
  taskId: 'task',
  afterTaskId: 'task2',
  beforeTaskId: 'task3',
  taskIds: 'tasks',
  boardId: 'board',
  columnId: 'column',
  resolveColumnId: 'column2',
  moveTasksToColumnId: 'column2',
  columnIds: 'columns',
  sprintId: 'sprint',
  carryOverToSprintId: 'sprint2',
  memberId: 'member',
  assigneeId: 'member',
  integrationId: 'integration',
  alertId: 'alert',
  deliveryId: 'delivery',
  tokenId: 'apiToken',
};

/** What a root `id` argument names, from the operation's name (most specific first). */
const ID_BY_OPERATION: [RegExp, IdKind][] = [
  [/apitoken/i, 'apiToken'],
  [/replanproposal/i, 'replanProposal'],
  [/integration/i, 'integration'],
  [/delivery/i, 'delivery'],
  [/alert/i, 'alert'],
  [/column/i, 'column'],
  [/board/i, 'board'],
  [/sprint/i, 'sprint'],
  [/member/i, 'member'],
  [/task/i, 'task'],
  [/team/i, 'team'],
];

export function worldValue(world: TeamWorld, kind: IdKind): string | string[] {
  switch (kind) {
    case 'team':
      return world.team.id;
    case 'teamKey':
      return world.team.key;
    case 'task':
      return world.task.id;
    case 'task2':
      return world.task2.id;
    case 'task3':
      return world.task3.id;
    case 'taskKey':
      return world.task.key;
    case 'tasks':
      return [world.task.id];
    case 'board':
      return world.board.id;
    case 'column':
      return world.column;
    case 'column2':
      return world.column2;
    case 'columns':
      return world.board.columns.map((c) => c.id);
    case 'sprint':
      return world.sprint;
    case 'sprint2':
      return world.sprint2;
    case 'member':
      return world.member;
    case 'integration':
      return world.integration.id;
    case 'alert':
      return world.alert;
    case 'delivery':
      return world.delivery;
    case 'apiToken':
      return world.apiToken.id;
    case 'replanProposal':
      return world.replanProposal;
    case 'replanProposal2':
      return world.replanProposal2;
  }
}

/** A reference of the same shape that names nothing. */
export function missingValue(kind: IdKind, like: string | string[]): string | string[] {
  if (Array.isArray(like)) return like.map(() => randomUUID());
  if (kind === 'teamKey') return 'ZZ9NONE';
  if (kind === 'taskKey') return 'ZZ9NONE-999';
  return randomUUID();
}

/** Values for arguments that are not references, by name first, then by type. */
const VALUES_BY_NAME: Record<string, () => unknown> = {
  name: () => `Sec ${next()}`,
  title: () => `Sec ${next()}`,
  key: () => `SK${next()}`,
  startDate: () => '2031-03-03',
  endDate: () => '2031-03-14',
  from: () => '2031-01-01',
  to: () => '2031-12-31',
  op: () => 'EQ',
  label: () => 'severity',
  value: () => 'critical',
  daysOff: () => 0,
  role: () => 'VIEWER',
};
/** Optional arguments worth sending anyway (a token needs a role with its team). */
const FILL_OPTIONAL = new Set(['role']);
const VALUES_BY_TYPE: Record<string, () => unknown> = {
  String: () => `v${next()}`,
  Int: () => 1,
  Float: () => 1,
  Boolean: () => false,
  Date: () => '2031-03-03',
  DateTime: () => '2031-03-03T00:00:00.000Z',
  JSON: () => ({}),
};

/** Where a reference goes in an operation's variables, and what it names. */
export interface Slot {
  path: string;
  kind: IdKind;
  required: boolean;
}

export type Unclassified = { path: string; reason: string };

/** How to fill one operation: its reference slots, or why it cannot be classified. */
export interface Plan {
  operation: Operation;
  slots: Slot[];
  unclassified: Unclassified[];
}

function idKindOf(
  operation: Operation,
  value: InputValue,
  atRoot: boolean,
): IdKind | null | 'unknown' {
  const mapped = ID_ARGUMENTS[value.name];
  if (mapped) return mapped;
  const typeName = namedType(value.type);
  if (atRoot && (value.name === 'id' || value.name === 'key')) {
    const found = ID_BY_OPERATION.find(([pattern]) => pattern.test(operation.field.name))?.[1];
    if (!found) return 'unknown';
    if (value.name === 'id') return found;
    if (found === 'team') return 'teamKey';
    if (found === 'task') return 'taskKey';
    return 'unknown';
  }
  if (typeName === 'ID' || /Ids?$/.test(value.name)) return 'unknown';
  return null;
}

/** Whether an input type (transitively) holds a reference. */
function holdsReference(
  schema: Schema,
  operation: Operation,
  typeName: string,
  seen = new Set<string>(),
): boolean {
  const type = schema.types.get(typeName);
  if (!type?.inputFields || seen.has(typeName)) return false;
  seen.add(typeName);
  return type.inputFields.some(
    (f) =>
      idKindOf(operation, f, false) !== null ||
      holdsReference(schema, operation, namedType(f.type), seen),
  );
}

export type Resolve = (slot: Slot) => string | string[];

/** What a REST route parameter names: by name, or for `:id` by the path (`/sprints/:id`). */
export function idKindOfRoute(path: string, param: string): IdKind | null {
  if (ID_ARGUMENTS[param]) return ID_ARGUMENTS[param];
  if (param !== 'id') return null;
  return ID_BY_OPERATION.find(([pattern]) => pattern.test(path))?.[1] ?? null;
}

/**
 * Variables for an operation: references from `resolve`, required values generated, optional
 * input objects included only when they hold references. Records every slot and every argument
 * it cannot classify.
 */
export function buildVariables(
  schema: Schema,
  operation: Operation,
  resolve: Resolve,
  omitOptionalReferences = false,
): { variables: Record<string, unknown>; slots: Slot[]; unclassified: Unclassified[] } {
  const slots: Slot[] = [];
  const unclassified: Unclassified[] = [];

  const valueOf = (
    value: InputValue,
    path: string,
    atRoot: boolean,
    required: boolean,
  ): unknown => {
    const kind = idKindOf(operation, value, atRoot);
    if (kind === 'unknown') {
      unclassified.push({ path, reason: `${renderType(value.type)} looks like a reference` });
      return undefined;
    }
    if (kind) {
      const slot = { path, kind, required };
      slots.push(slot);
      if (!required && omitOptionalReferences) return undefined;
      return resolve(slot);
    }
    const typeName = namedType(value.type);
    const type = schema.types.get(typeName);
    const fill = required || FILL_OPTIONAL.has(value.name);
    if (type?.kind === 'INPUT_OBJECT') {
      if (!required && !holdsReference(schema, operation, typeName)) return undefined;
      const object: Record<string, unknown> = {};
      for (const field of type.inputFields ?? []) {
        const inner = valueOf(field, `${path}.${field.name}`, false, isRequired(field));
        if (inner !== undefined) object[field.name] = inner;
      }
      return isList(value.type) ? [object] : object;
    }
    if (!fill) return undefined;
    const generated =
      VALUES_BY_NAME[value.name]?.() ??
      (type?.kind === 'ENUM' ? type.enumValues?.[0]?.name : VALUES_BY_TYPE[typeName]?.());
    if (generated === undefined) {
      unclassified.push({ path, reason: `no value for a required ${renderType(value.type)}` });
      return undefined;
    }
    return isList(value.type) ? [generated] : generated;
  };

  const variables: Record<string, unknown> = {};
  for (const arg of operation.field.args) {
    const value = valueOf(arg, arg.name, true, isRequired(arg));
    if (value !== undefined) variables[arg.name] = value;
  }
  return { variables, slots, unclassified };
}

/** The document for an operation; the arguments given in `variables` are passed as variables. */
export function documentFor(
  schema: Schema,
  operation: Operation,
  variables: Record<string, unknown>,
): string {
  const { field } = operation;
  const args = field.args.filter((a) => a.name in variables);
  const declared = args.map((a) => `$${a.name}: ${renderType(a.type)}`);
  const passed = args.map((a) => `${a.name}: $${a.name}`);
  const selection = selectionFor(schema, namedType(field.type));
  return `${operation.root}${declared.length ? ` (${declared.join(', ')})` : ''} {
  ${field.name}${passed.length ? `(${passed.join(', ')})` : ''}${selection ? ` { ${selection} }` : ''}
}`;
}

/** Calls an operation with references from `resolve`; returns the answer and the references sent. */
export async function callOperation(
  t: TestApp,
  schema: Schema,
  plan: Plan,
  resolve: Resolve,
  token: string,
  options: { omitOptionalReferences?: boolean; only?: Slot } = {},
): Promise<{ res: GraphqlResponse; sent: string[] }> {
  const sent: string[] = [];
  const { variables } = buildVariables(
    schema,
    plan.operation,
    (slot) => {
      const value = resolve(slot);
      if (!options.only || options.only.path === slot.path) sent.push(...[value].flat());
      return value;
    },
    options.omitOptionalReferences,
  );
  const res = await t.gql(documentFor(schema, plan.operation, variables), variables, bearer(token));
  return { res, sent };
}

/**
 * The order in which one set of objects can take every mutation, by verb: additions first,
 * state changes next, removals last. A new verb must be placed here.
 */
export const VERB_ORDER = [
  'reorder',
  'create',
  'add',
  'update',
  'rename',
  'set',
  'plan',
  'unplan',
  'move',
  'replay',
  'rotate',
  'grant',
  'start',
  // Replan proposals are decided while `sprint` runs.
  'accept',
  'reject',
  'close',
  'unmute',
  'revoke',
  'remove',
  'delete',
];

export const verbOf = (name: string): string => /^[a-z]+/.exec(name)?.[0] ?? name;

/** Queries first, then mutations in VERB_ORDER. */
export function inRunOrder(plans: Plan[]): Plan[] {
  const position = (plan: Plan): number =>
    plan.operation.root === 'query' ? -1 : VERB_ORDER.indexOf(verbOf(plan.operation.field.name));
  return [...plans].sort((a, b) => position(a) - position(b));
}

/** Calls in that order that need another object of the same kind (the first one changed). */
export const SWAPPED_OBJECTS: Record<string, Partial<Record<IdKind, IdKind>>> = {
  // `sprint` is CLOSED by then; only PLANNED sprints can be deleted.
  deleteSprint: { sprint: 'sprint2' },
  // The first proposal was accepted by then.
  rejectReplanProposal: { replanProposal: 'replanProposal2' },
};

/** A world's objects for a call made in run order. */
export const resolverFor =
  (world: TeamWorld, operationName: string): Resolve =>
  (slot) =>
    worldValue(world, SWAPPED_OBJECTS[operationName]?.[slot.kind] ?? slot.kind);

/** A GraphQL request without any credentials. */
export async function anonymousGql(
  t: TestApp,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphqlResponse> {
  const res = await t.anon
    .post('/graphql')
    .set('content-type', 'application/json')
    .send({ query, variables });
  const body = res.body as {
    data?: Record<string, unknown> | null;
    errors?: GraphqlResponse['errors'];
  };
  return { status: res.status, data: body.data ?? null, errors: body.errors, headers: res.headers };
}

export function planOf(schema: Schema, operation: Operation): Plan {
  const { slots, unclassified } = buildVariables(schema, operation, () => randomUUID());
  return { operation, slots, unclassified };
}

/** A response reduced to what a client can learn from it, references replaced by `<ref>`. */
export function comparable(res: GraphqlResponse<unknown>, references: string[]): string {
  return withoutReferences(
    {
      status: res.status,
      data: res.data,
      errors: res.errors?.map((e) => {
        const { requestId: _requestId, ...extensions } = e.extensions;
        return { message: e.message, path: e.path, extensions };
      }),
    },
    references,
  );
}

/** A REST answer reduced the same way (its request id dropped). */
export function comparableRest(
  res: { status: number; body: unknown },
  references: string[],
): string {
  const { requestId: _requestId, ...body } = (res.body ?? {}) as Record<string, unknown>;
  return withoutReferences({ status: res.status, body }, references);
}

function withoutReferences(shape: unknown, references: string[]): string {
  let text = JSON.stringify(shape);
  for (const reference of [...references].sort((a, b) => b.length - a.length))
    text = text.split(reference).join('<ref>');
  return text;
}
