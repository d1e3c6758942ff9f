import {
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

/**
 * The fields a cached board answer may hold: exactly those whose every change moves
 * `Board.version` (the live-updates triggers: the board, its columns, their cards, the alerts on
 * those cards, and the team and members the board shows). A query that selects anything else
 * (a sprint, a card's history, an integration) is executed as usual. Adding a field here means
 * its changes must bump the board version in the same transaction (see the migrations).
 */
const VERSIONED_FIELDS: Record<string, ReadonlySet<string>> = {
  Query: new Set(['board']),
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
  ]),
};

/** Where a cacheable read names its board: a variable, or a literal id in the document. */
export type BoardIdSource = { variable: string } | { value: string };

/**
 * Whether an operation is a whole-board read the cache may answer: a query whose only root
 * field (besides `__typename`) is `board(id:)`, selecting only versioned fields, with no
 * directives on the root. Null otherwise. Pure; the caller memoizes it per parsed document.
 */
export function boardReadOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): BoardIdSource | null {
  if (operation.operation !== OperationTypeNode.QUERY) return null;
  let source: BoardIdSource | null = null;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.directives?.length) return null;
    if (selection.name.value === '__typename') continue;
    if (selection.name.value !== 'board' || source) return null;
    const id = selection.arguments?.find((a) => a.name.value === 'id')?.value;
    if (id?.kind === Kind.VARIABLE) source = { variable: id.name.value };
    else if (id?.kind === Kind.STRING) source = { value: id.value };
    else return null;
  }
  if (!source) return null;

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
  return covered ? source : null;
}
