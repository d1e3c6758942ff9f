import { graphql } from '../../gql';

export const BoardCardBaseFields = graphql(`
  fragment BoardCardBase on Task {
    id
    key
    title
    priority
    type
    estimate
    labels
    source
    rank
    column {
      id
    }
    assignee {
      id
      name
    }
  }
`);

/** A card as the board draws it: BoardCardBase and its alerts' state and source. */
export const BoardCardFields = graphql(`
  fragment BoardCard on Task {
    ...BoardCardBase
    alerts {
      id
      status
      occurrences
      integration {
        id
        kind
        name
      }
    }
  }
`);

export const BoardColumnFields = graphql(`
  fragment BoardColumn on Column {
    id
    name
    category
    position
    wipLimit
  }
`);

/**
 * The board whole in one request: version, columns and their first 100 cards without their
 * alerts (a list per card would multiply the query's cost by the page size); the alert cards'
 * alerts come from BoardAlertCards, a column of more than 100 cards from BoardColumnCards.
 */
export const BoardWithCards = graphql(`
  query BoardWithCards($id: ID!) {
    board(id: $id) {
      id
      name
      version
      columns {
        ...BoardColumn
        tasks(first: 100) {
          edges {
            node {
              ...BoardCardBase
            }
          }
          pageInfo {
            hasNextPage
          }
        }
      }
    }
  }
`);

export const BoardAlertCards = graphql(`
  query BoardAlertCards($teamId: ID!, $boardId: ID!, $after: String) {
    tasks(
      teamId: $teamId
      filter: { boardId: $boardId, source: ALERT }
      first: 100
      after: $after
    ) {
      edges {
        node {
          id
          alerts {
            id
            status
            occurrences
            integration {
              id
              kind
              name
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const BoardVersion = graphql(`
  query BoardVersion($id: ID!) {
    board(id: $id) {
      id
      version
    }
  }
`);

export const BoardColumnCards = graphql(`
  query BoardColumnCards($teamId: ID!, $columnId: ID!, $after: String) {
    tasks(teamId: $teamId, filter: { columnId: $columnId }, first: 100, after: $after) {
      edges {
        node {
          ...BoardCard
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const BoardChanges = graphql(`
  subscription BoardChanges($boardId: ID!) {
    boardChanged(boardId: $boardId) {
      kind
      version
      taskId
      columnId
      task {
        ...BoardCard
      }
      column {
        ...BoardColumn
      }
    }
  }
`);

export const MoveCard = graphql(`
  mutation MoveCard($input: MoveTaskInput!) {
    moveTask(input: $input) {
      ...BoardCard
    }
  }
`);
