import {
  ArgumentNode,
  DocumentNode,
  getNamedType,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  OperationTypeNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { ValueNode } from 'graphql';

/**
 * The fields a cached board answer may hold: exactly those whose every change moves
 * `Board.version` (the live-updates triggers: the board, its columns, their cards, the alerts on
 * those cards, and the team and members the board shows). A query that selects anything else
 * (a sprint, a card's history, an integration's settings) is executed as usual. Adding a field
 * here means its changes must bump the board version in the same transaction (see the
 * migrations). The root fields are further held to the shapes boardReadOf accepts.
 */
const VERSIONED_FIELDS: Record<string, ReadonlySet<string>> = {
  Query: new Set(['board', 'tasks']),
  Board: new Set(['id', 'name', 'version', 'createdAt', 'team', 'columns']),
  Team: new Set(['id', 'key', 'name']),
  Column: new Set(['id', 'name', 'category', 'wipLimit', 'position', 'taskCount', 'tasks']),
  TaskConnection: new Set(['totalCount', 'edges', 'pageInfo']),
  TaskEdge: new Set(['cursor', 'node']),
  PageInfo: new Set(['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor']),
  Task: new Set([
    'id',
    'key',
    'number',
    'title',
    'description',
    'type',
    'priority',
    'estimate',
    'rank',
    'labels',
    'source',
    'planned',
    'addedToSprintAt',
    'createdAt',
    'updatedAt',
    'startedAt',
    'completedAt',
    'reopenCount',
    'resolution',
    'column',
    'assignee',
    'alerts',
  ]),
  Member: new Set(['id', 'name', 'email', 'capacityPerDay', 'removedAt']),
  Alert: new Set([
    'id',
    'dedupKey',
    'fingerprint',
    'groupKey',
    'status',
    'severity',
    'name',
    'title',
    'description',
    'environment',
    'component',
    'instance',
    'value',
    'labels',
    'annotations',
    'links',
    'startsAt',
    'endsAt',
    'firstSeenAt',
    'lastSeenAt',
    'occurrences',
    'firings',
    'flaps',
    'acknowledged',
    'mutedUntil',
    'lastDeliveryId',
    'integration',
  ]),
  // The source an alert card's badge names: a rename bumps the team's boards.
  AlertIntegration: new Set(['id', 'kind', 'name']),
};

/** Filter fields of `tasks` that keep the list within one board's versioned state. */
const BOARD_TASK_FILTERS = new Set(['boardId', 'source']);

/** Where a cacheable read names an id: a variable, or a literal in the document. */
export type BoardIdSource = { variable: string } | { value: string };

/** What a cacheable read is of. */
export interface BoardReadShape {
  /** The board whose version the answer is stored and served under. */
  board: BoardIdSource;
  /**
   * For a team's task list filtered to the board (`tasks(teamId:, filter: { boardId })`): the
   * team argument, served from the cache only when it is the board's own team.
   */
  team?: BoardIdSource;
}

/** The id a source names, given the request's variables (undefined: not a string). */
export function idOf(
  source: BoardIdSource,
  variables: Record<string, unknown>,
): string | undefined {
  const value = 'value' in source ? source.value : variables[source.variable];
  return typeof value === 'string' ? value : undefined;
}

function sourceOf(value: ValueNode | undefined): BoardIdSource | null {
  if (value?.kind === Kind.VARIABLE) return { variable: value.name.value };
  if (value?.kind === Kind.STRING) return { value: value.value };
  return null;
}

const argument = (args: readonly ArgumentNode[] | undefined, name: string): ValueNode | undefined =>
  args?.find((a) => a.name.value === name)?.value;

/**
 * `tasks(teamId:, filter: { boardId:, source: })` with first/after: the board's cards, paged.
 * The filter must be written out (not one variable) and hold nothing but the board and the
 * source, so that the list depends on nothing the board version does not cover.
 */
function boardTasksShape(args: readonly ArgumentNode[] | undefined): BoardReadShape | null {
  if (!args?.every((a) => ['teamId', 'filter', 'first', 'after'].includes(a.name.value)))
    return null;
  const team = sourceOf(argument(args, 'teamId'));
  const filter = argument(args, 'filter');
  if (!team || filter?.kind !== Kind.OBJECT) return null;
  if (!filter.fields.every((f) => BOARD_TASK_FILTERS.has(f.name.value))) return null;
  const board = sourceOf(filter.fields.find((f) => f.name.value === 'boardId')?.value);
  return board ? { board, team } : null;
}

/**
 * Whether an operation is a read the board read cache may answer: a query whose only root field
 * (besides `__typename`) is `board(id:)`, or a team's `tasks` filtered to one board (see
 * boardTasksShape), selecting only versioned fields, with no directives on the root. Null
 * otherwise. Pure; the caller memoizes it per parsed document.
 */
export function boardReadOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): BoardReadShape | null {
  if (operation.operation !== OperationTypeNode.QUERY) return null;
  let shape: BoardReadShape | null = null;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.directives?.length) return null;
    if (selection.name.value === '__typename') continue;
    if (shape) return null;
    if (selection.name.value === 'board') {
      const board = sourceOf(argument(selection.arguments, 'id'));
      shape = board && { board };
    } else if (selection.name.value === 'tasks') {
      shape = boardTasksShape(selection.arguments);
    }
    if (!shape) return null;
  }
  if (!shape) return null;

  let covered = true;
  const typeInfo = new TypeInfo(schema);
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  for (const node of [operation, ...fragments]) {
    visit(
      node,
      visitWithTypeInfo(typeInfo, {
        Field(field) {
          const name = field.name.value;
          if (name === '__typename') return;
          const parent = typeInfo.getParentType();
          const type = parent && getNamedType(parent);
          if (!type || !VERSIONED_FIELDS[type.name]?.has(name)) covered = false;
        },
      }),
    );
  }
  return covered ? shape : null;
}
