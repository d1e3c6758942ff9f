import type { GraphQLRequestListener } from '@apollo/server';
import {
  buildSchema,
  GraphQLError,
  Kind,
  OperationDefinitionNode,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import {
  aliasLimit,
  costLimitPlugin,
  DEFAULT_LIST_COST,
  depthLimit,
  LimitCode,
  singleOperation,
} from './query-limits';

const schema = buildSchema(`
  type Query { team(id: ID!): Team  teams: [Team!]!  viewer: Viewer! }
  type Viewer { name: String! }
  type Team { id: ID! name: String! members: [Member!]! boards: [Board!]! tasks(first: Int): TaskConnection! }
  type Member { id: ID! team: Team! }
  type Board { id: ID! team: Team! columns: [Column!]! }
  type Column { id: ID! board: Board! tasks(first: Int): TaskConnection! }
  type TaskConnection { totalCount: Int! edges: [TaskEdge!]! pageInfo: PageInfo! }
  type TaskEdge { cursor: String! node: Task! }
  type Task { id: ID! title: String! labels: [String!]! }
  type PageInfo { hasNextPage: Boolean! }
  type Mutation { rename(id: ID!, name: String!): Team! }
`);

function errorsOf(rule: ReturnType<typeof depthLimit>, query: string): readonly GraphQLError[] {
  return validate(schema, parse(query), [...specifiedRules, rule]);
}

/** `team { members { team { members … } } }` with `depth` fields. */
function nested(depth: number): string {
  let selection = 'id';
  for (let level = depth - 1; level >= 2; level--)
    selection = `${level % 2 === 0 ? 'members' : 'team'} { ${selection} }`;
  return `{ team(id: "1") { ${selection} } }`;
}

/** Runs the cost plugin on a document as Apollo would; returns the error it throws, if any. */
async function costError(
  maxCost: number,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLError | undefined> {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const listener = (await costLimitPlugin(maxCost).requestDidStart!(
    {} as never,
  )) as GraphQLRequestListener<never>;
  try {
    await listener.didResolveOperation!({
      document,
      operation,
      schema,
      request: { variables },
    } as never);
    return undefined;
  } catch (error) {
    return error as GraphQLError;
  }
}

/** The cost the plugin computes, read back from its message under a budget of 0. */
async function costOf(query: string, variables: Record<string, unknown> = {}): Promise<number> {
  const error = await costError(0, query, variables);
  return Number(/cost (\d+)/.exec(error?.message ?? '')?.[1] ?? 0);
}

describe('depthLimit', () => {
  it('accepts a query as deep as the limit', () => {
    expect(errorsOf(depthLimit(10), nested(10))).toEqual([]);
  });

  it('rejects one level more, naming the depth and the limit', () => {
    const errors = errorsOf(depthLimit(10), nested(11));
    expect(errors.map((e) => [e.extensions.code, e.message])).toEqual([
      [LimitCode.DEPTH, 'Query depth 11 exceeds the limit of 10'],
    ]);
  });

  it('counts the fields inside fragments and inline fragments', () => {
    const query = `{ team(id: "1") { ...A } }
      fragment A on Team { members { ... on Member { team { members { id } } } } }`;
    expect(errorsOf(depthLimit(5), query)).toEqual([]);
    expect(errorsOf(depthLimit(4), query)[0]?.message).toBe('Query depth 5 exceeds the limit of 4');
  });

  it('does not count introspection fields (their own depth rule applies)', () => {
    expect(errorsOf(depthLimit(2), `{ __schema { types { fields { name } } } }`)).toEqual([]);
  });
});

describe('aliasLimit', () => {
  const aliases = (n: number): string =>
    `{ ${Array.from({ length: n }, (_v, i) => `a${i}: viewer { name }`).join(' ')} }`;

  it('accepts as many aliases as the limit', () => {
    expect(errorsOf(aliasLimit(15), aliases(15))).toEqual([]);
  });

  it('rejects one more with a single error naming the limit, however many there are', () => {
    const errors = errorsOf(aliasLimit(15), aliases(1000));
    expect(errors.map((e) => [e.extensions.code, e.message])).toEqual([
      [LimitCode.ALIASES, 'The query uses more than 15 aliases (the limit)'],
    ]);
  });

  it('counts aliases inside nested selections and fragments', () => {
    const query = `{ t: team(id: "1") { ...F } } fragment F on Team { x: id y: name }`;
    expect(errorsOf(aliasLimit(2), query)).toHaveLength(1);
    expect(errorsOf(aliasLimit(3), query)).toEqual([]);
  });
});

describe('singleOperation', () => {
  it('accepts one operation with fragments', () => {
    expect(
      errorsOf(singleOperation(), `query A { viewer { ...V } } fragment V on Viewer { name }`),
    ).toEqual([]);
  });

  it('rejects two, naming the count and the limit', () => {
    const errors = errorsOf(
      singleOperation(),
      `query A { viewer { name } } query B { teams { id } }`,
    );
    expect(errors.map((e) => [e.extensions.code, e.message])).toEqual([
      [LimitCode.OPERATIONS, 'A request may hold one operation; this one holds 2 (the limit is 1)'],
    ]);
  });
});

describe('costLimitPlugin', () => {
  it('charges 1 per object (scalars are free) and multiplies plain lists by the default list size', async () => {
    // teams (1) + 20 × (id + name: free)
    expect(await costOf(`{ teams { id name } }`)).toBe(1);
    // Lists within lists multiply: teams (1) + 20 × boards (1 + 20 × 0).
    expect(await costOf(`{ teams { boards { id } } }`)).toBe(1 + DEFAULT_LIST_COST * 1);
    expect(await costOf(`{ teams { boards { team { id } } } }`)).toBe(
      1 + DEFAULT_LIST_COST * (1 + DEFAULT_LIST_COST * 1),
    );
  });

  it('prices a connection by its page size, not its edges a second time', async () => {
    // team (1) + tasks (1) + first × (edges (1) + 1 × node (1)); id and title are free
    expect(
      await costOf(`{ team(id: "1") { tasks(first: 10) { edges { node { id title } } } } }`),
    ).toBe(1 + 1 + 10 * (1 + 1 * 1));
    // Without `first`, the default page size (50) counts.
    expect(await costOf(`{ team(id: "1") { tasks { edges { node { id } } } } }`)).toBe(
      1 + 1 + 50 * (1 + 1 * 1),
    );
  });

  it('reads `first` from variables', async () => {
    const query = `query ($n: Int) { team(id: "1") { tasks(first: $n) { totalCount } } }`;
    // team (1) + tasks (1); totalCount is a scalar
    expect(await costOf(query, { n: 5 })).toBe(1 + 1);
    const edges = `query ($n: Int) { team(id: "1") { tasks(first: $n) { edges { cursor } } } }`;
    expect(await costOf(edges, { n: 5 })).toBe(1 + 1 + 5 * 1);
    expect(await costOf(edges, { n: 100 })).toBe(1 + 1 + 100 * 1);
  });

  it('prices fragments and inline fragments like the fields they stand for', async () => {
    const plain = await costOf(`{ teams { id boards { id } } }`);
    expect(await costOf(`{ teams { ...T } } fragment T on Team { id boards { id } }`)).toBe(plain);
    expect(await costOf(`{ teams { ... on Team { id boards { id } } } }`)).toBe(plain);
  });

  it('rejects a query over the budget, naming its cost and the limit', async () => {
    const error = await costError(
      20000,
      `{ teams { boards { columns { tasks(first: 100) { edges { node { id title } } } } } } }`,
    );
    expect(error?.extensions.code).toBe(LimitCode.COST);
    expect(error?.message).toMatch(/^Query cost \d+ exceeds the limit of 20000; /);
  });

  it('accepts a query within the budget', async () => {
    expect(
      await costError(
        20000,
        `{ team(id: "1") { tasks(first: 100) { edges { node { id title labels } } } } }`,
      ),
    ).toBeUndefined();
  });

  it('rejects a page larger than 100 anywhere in the query, naming the limit and the value', async () => {
    const error = await costError(
      10_000_000,
      `query ($n: Int) { teams { boards { columns { tasks(first: $n) { totalCount } } } } }`,
      { n: 100000 },
    );
    expect(error?.extensions.code).toBe(LimitCode.PAGE_SIZE);
    expect(error?.message).toBe('first is at most 100 (got 100000)');
  });

  it('prices mutations against the mutation type', async () => {
    // rename (1) + members (1, its 20 items' scalars free)
    expect(await costOf(`mutation { rename(id: "1", name: "x") { id members { id } } }`)).toBe(
      1 + 1,
    );
  });
});
