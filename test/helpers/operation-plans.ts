/**
 * How to call any operation of the schema: which of its arguments are references to objects
 * (and to which kind), values for the rest, the order in which one set of objects can take every
 * mutation, and answers reduced to what a client can learn from them.
 */
import { randomUUID } from 'node:crypto';
import { bearer } from './api-tokens';
import {
  documentFor,
  isList,
  isRequired,
  namedType,
  renderType,
  type InputValue,
  type Operation,
  type Schema,
} from './schema-introspection';
import type { IdKind } from './team-world';
import type { GraphqlResponse, TestApp } from './test-app';

let counter = 0;
const next = (): number => ++counter;

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
  deploymentId: 'deployment',
  tokenId: 'apiToken',
  channelId: 'notificationChannel',
};

/** What a root `id` argument names, from the operation's name (most specific first). */
const ID_BY_OPERATION: [RegExp, IdKind][] = [
  // Report files of a team (`/reports/teams/:id/delivery.json`): not a delivery's.
  [/^\/reports\/teams\//, 'team'],
  [/apitoken/i, 'apiToken'],
  [/replanproposal/i, 'replanProposal'],
  [/notificationchannel/i, 'notificationChannel'],
  [/notification/i, 'notification'],
  [/integration/i, 'integration'],
  [/delivery/i, 'delivery'],
  [/deployment/i, 'deployment'],
  [/alert/i, 'alert'],
  [/column/i, 'column'],
  [/board/i, 'board'],
  [/sprint/i, 'sprint'],
  [/member/i, 'member'],
  [/task/i, 'task'],
  [/team/i, 'team'],
];

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
  // A name that never resolves (RFC 6761): accepted, and never reached.
  url: () => 'https://hooks.loopboard.invalid/notify',
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
  'test',
  'resend',
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
