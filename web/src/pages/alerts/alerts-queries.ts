import { graphql } from '../../gql';

/** An integration as the alerts page shows it (never its token or HMAC secret). */
export const AlertIntegrationFields = graphql(`
  fragment AlertIntegrationFields on AlertIntegration {
    id
    kind
    name
    webhookUrl
    createdAt
    lastDeliveryAt
    tokenRotatedAt
    previousTokenExpiresAt
    hasHmacSecret
    hmacTimestampHeader
    alertmanagerUrl
    alertmanagerAuth
    dedupBy
    reopenWindowMinutes
    board {
      id
      name
      columns {
        id
        name
      }
    }
    column {
      id
      name
    }
    resolveColumn {
      id
      name
    }
    rules {
      minSeverity
      ignore {
        matchers {
          label
          op
          value
        }
      }
      priorityOverrides {
        priority
        matchers {
          label
          op
          value
        }
      }
      routes {
        columnId
        matchers {
          label
          op
          value
        }
      }
    }
  }
`);

export const AlertIntegrations = graphql(`
  query AlertIntegrations($teamId: ID!) {
    alertIntegrations(teamId: $teamId) {
      ...AlertIntegrationFields
    }
  }
`);

export const CreateAlertIntegration = graphql(`
  mutation CreateAlertIntegration($input: CreateAlertIntegrationInput!) {
    createAlertIntegration(input: $input) {
      integration {
        ...AlertIntegrationFields
      }
      token
      webhookUrl
    }
  }
`);

export const RotateIntegrationToken = graphql(`
  mutation RotateIntegrationToken($id: ID!, $graceMinutes: Int) {
    rotateIntegrationToken(id: $id, graceMinutes: $graceMinutes) {
      integration {
        ...AlertIntegrationFields
      }
      token
      previousTokenExpiresAt
    }
  }
`);

export const UpdateAlertIntegration = graphql(`
  mutation UpdateAlertIntegration($id: ID!, $input: UpdateAlertIntegrationInput!) {
    updateAlertIntegration(id: $id, input: $input) {
      ...AlertIntegrationFields
    }
  }
`);

export const WebhookDeliveries = graphql(`
  query WebhookDeliveries($integrationId: ID!, $after: String) {
    webhookDeliveries(integrationId: $integrationId, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...WebhookDeliveryFields
        }
      }
    }
  }
`);

export const WebhookDeliveryFields = graphql(`
  fragment WebhookDeliveryFields on WebhookDelivery {
    id
    receivedAt
    outcome
    body
    contentType
    error
    headers
    requestId
    replayOfId
    summary {
      received
      created
      updated
      resolved
      reopened
      ignored
    }
    items {
      dedupKey
      outcome
      alert {
        id
        title
        status
      }
      task {
        id
        key
        title
      }
    }
  }
`);

export const ReplayWebhookDelivery = graphql(`
  mutation ReplayWebhookDelivery($id: ID!) {
    replayWebhookDelivery(id: $id) {
      ...WebhookDeliveryFields
    }
  }
`);

/** The team's alert activity: the inbox re-reads when its integration's alerts change. */
export const AlertActivityFeed = graphql(`
  subscription AlertActivityFeed($teamId: ID!) {
    alertActivity(teamId: $teamId) {
      kind
      alert {
        id
        integration {
          id
        }
      }
    }
  }
`);
