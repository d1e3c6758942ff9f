import { graphql } from '../../gql';

export const CardDetail = graphql(`
  query CardDetail($key: String!) {
    task(key: $key) {
      ...BoardCard
      description
      createdAt
      startedAt
      completedAt
      planned
      reopenCount
      sprint {
        id
        name
      }
      history {
        id
        at
        actor
        kind
        from
        to
        note
      }
      alerts {
        id
        title
        status
        severity
        environment
        component
        instance
        value
        description
        occurrences
        firstSeenAt
        lastSeenAt
        links {
          title
          url
        }
      }
    }
  }
`);

export const AlertDeliveries = graphql(`
  query AlertDeliveries($integrationId: ID!) {
    webhookDeliveries(integrationId: $integrationId, first: 25) {
      edges {
        node {
          id
          receivedAt
          outcome
          items {
            outcome
            alert {
              id
            }
          }
        }
      }
    }
  }
`);

export const CreateCard = graphql(`
  mutation CreateCard($input: CreateTaskInput!) {
    createTask(input: $input) {
      ...BoardCard
    }
  }
`);

export const UpdateCard = graphql(`
  mutation UpdateCard($id: ID!, $input: UpdateTaskInput!) {
    updateTask(id: $id, input: $input) {
      ...BoardCard
    }
  }
`);
