import { buildSchema, Kind, parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { boardReadOf } from './board-read-selection';

const schema = buildSchema(`
  type Query { board(id: ID!): Board  sprint(id: ID!): Sprint  viewer: String }
  type Board { id: ID! name: String! version: Int! columns: [Column!]! }
  type Column { id: ID! name: String! taskCount: Int! tasks(first: Int): TaskConnection! }
  type TaskConnection { totalCount: Int! edges: [TaskEdge!]! }
  type TaskEdge { node: Task! }
  type Task { id: ID! title: String! sprint: Sprint assignee: Member }
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
    ).toEqual({ variable: 'b' });
    expect(shape(`{ board(id: "x") { name version } }`)).toEqual({ value: 'x' });
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
    ]) {
      expect({ source, shape: shape(source) }).toEqual({ source, shape: null });
    }
  });
});
