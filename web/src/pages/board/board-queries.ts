import { graphql } from '../../gql';

export const BoardCardFields = graphql(`
  fragment BoardCard on Task {
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

/** The board's columns and version; the cards come per column (BoardColumnCards). */
export const BoardMeta = graphql(`
  query BoardMeta($id: ID!) {
    board(id: $id) {
      id
      name
      version
      columns {
        ...BoardColumn
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
