import { buildSchema, Kind, parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { boardReadOf } from './board-read-selection';

const schema = buildSchema(`
  type Query {
    board(id: ID!): Board
    sprint(id: ID!): Sprint
    viewer: String
    tasks(teamId: ID!, filter: TaskFilter, first: Int, after: String): TaskConnection!
  }
  input TaskFilter { boardId: ID, source: TaskSource, assigneeId: ID }
  enum TaskSource { MANUAL ALERT }
  type Board { id: ID! name: String! version: Int! columns: [Column!]! }
  type Column { id: ID! name: String! taskCount: Int! tasks(first: Int): TaskConnection! }
  type TaskConnection { totalCount: Int! edges: [TaskEdge!]! }
  type TaskEdge { node: Task! }
  type Task { id: ID! title: String! sprint: Sprint assignee: Member alerts: [Alert!]! }
  type Alert { id: ID! status: String! occurrences: Int! integration: AlertIntegration! }
  type AlertIntegration { id: ID! kind: String! name: String! webhookUrl: String! }
  type Member { id: ID! name: String! }
  type Sprint { id: ID! name: String! }
`);

function shape(source: string): ReturnType<typeof boardReadOf> {
  const document = parse(source);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  return boardReadOf(schema, document, operation);
}

describe('boardReadOf', () => {
  it('takes a board read of versioned fields, by variable or literal id, through fragments', () => {
    expect(
      shape(`query ($b: ID!) { __typename board(id: $b) { id columns { ...C } } }
        fragment C on Column { name tasks(first: 5) { totalCount edges { node { title assignee { name } } } } }`),
    ).toEqual({ board: { variable: 'b' } });
    expect(shape(`{ board(id: "x") { name version } }`)).toEqual({ board: { value: 'x' } });
  });

  it("takes a team's task list filtered to one board, naming the board and the team", () => {
    expect(
      shape(`query ($t: ID!, $b: ID!, $after: String) {
        tasks(teamId: $t, filter: { boardId: $b, source: ALERT }, first: 100, after: $after) {
          edges { node { id alerts { id status occurrences integration { id kind name } } } }
        }
      }`),
    ).toEqual({ board: { variable: 'b' }, team: { variable: 't' } });
    expect(shape(`{ tasks(teamId: "t", filter: { boardId: "b" }) { totalCount } }`)).toEqual({
      board: { value: 'b' },
      team: { value: 't' },
    });
  });

  it('refuses anything else', () => {
    for (const source of [
      `{ board(id: "x") { columns { tasks { edges { node { sprint { name } } } } } } }`,
      `{ board(id: "x") { name } viewer }`,
      `{ a: board(id: "x") { name } b: board(id: "y") { name } }`,
      `query ($s: Boolean!) { board(id: "x") @include(if: $s) { name } }`,
      `{ ... on Query { board(id: "x") { name } } }`,
      `{ sprint(id: "x") { name } }`,
      `mutation { board(id: "x") { name } }`,
      `{ board(id: "x") { name } }
       fragment S on Sprint { name }`,
      // A task list that is not one board's, or selects what a board version does not cover.
      `{ tasks(teamId: "t") { totalCount } }`,
      `query ($f: TaskFilter) { tasks(teamId: "t", filter: $f) { totalCount } }`,
      `{ tasks(teamId: "t", filter: { boardId: "b", assigneeId: "m" }) { totalCount } }`,
      `{ tasks(teamId: "t", filter: { source: ALERT }) { totalCount } }`,
      `{ tasks(filter: { boardId: "b" }) { totalCount } }`,
      `{ tasks(teamId: "t", filter: { boardId: "b" }) { edges { node { alerts { integration { webhookUrl } } } } } }`,
      `{ tasks(teamId: "t", filter: { boardId: "b" }) { totalCount } board(id: "b") { name } }`,
    ]) {
      expect({ source, shape: shape(source) }).toEqual({ source, shape: null });
    }
  });
});
