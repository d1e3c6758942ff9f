// GraphQL documents shared by several scenarios.

/** Scenario 2's board read: the whole board, 100 cards per column, with assignees and labels. */
export const BOARD_QUERY = `query Board($id: ID!) {
  board(id: $id) {
    columns {
      id
      name
      tasks(first: 100) {
        totalCount
        edges { node { id key title labels assignee { name } } }
      }
    }
  }
}`;
