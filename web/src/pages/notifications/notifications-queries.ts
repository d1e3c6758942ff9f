import { graphql } from '../../gql';

/** A channel as the notifications page shows it (its URL without the path; never its secret). */
export const NotificationChannelFields = graphql(`
  fragment NotificationChannelFields on NotificationChannel {
    id
    teamId
    kind
    name
    target
    enabled
    signed
    createdAt
    events {
      type
      minPriority
    }
  }
`);

export const NotificationChannels = graphql(`
  query NotificationChannels($teamId: ID!) {
    notificationChannels(teamId: $teamId) {
      ...NotificationChannelFields
    }
  }
`);

export const CreateNotificationChannel = graphql(`
  mutation CreateNotificationChannel($input: CreateNotificationChannelInput!) {
    createNotificationChannel(input: $input) {
      channel {
        ...NotificationChannelFields
      }
      signingSecret
    }
  }
`);

export const UpdateNotificationChannel = graphql(`
  mutation UpdateNotificationChannel($id: ID!, $input: UpdateNotificationChannelInput!) {
    updateNotificationChannel(id: $id, input: $input) {
      ...NotificationChannelFields
    }
  }
`);

export const DeleteNotificationChannel = graphql(`
  mutation DeleteNotificationChannel($id: ID!) {
    deleteNotificationChannel(id: $id)
  }
`);

export const TestNotificationChannel = graphql(`
  mutation TestNotificationChannel($id: ID!) {
    testNotificationChannel(id: $id) {
      delivered
      statusCode
      error
    }
  }
`);

export const NotificationDeliveryFields = graphql(`
  fragment NotificationDeliveryFields on NotificationDelivery {
    id
    eventId
    eventType
    summary
    status
    attempts
    lastError
    lastStatusCode
    createdAt
    nextAttemptAt
    giveUpAt
    finishedAt
    attemptLog {
      at
      statusCode
      error
      durationMs
      outcome
    }
  }
`);

export const NotificationDeliveries = graphql(`
  query NotificationDeliveries($channelId: ID!, $first: Int) {
    notificationDeliveries(channelId: $channelId, first: $first) {
      ...NotificationDeliveryFields
    }
  }
`);

export const ResendNotification = graphql(`
  mutation ResendNotification($id: ID!) {
    resendNotification(id: $id) {
      ...NotificationDeliveryFields
    }
  }
`);

/** The team's alert activity: alert cards are the events most often told, so re-read then. */
export const NotificationAlertActivity = graphql(`
  subscription NotificationAlertActivity($teamId: ID!) {
    alertActivity(teamId: $teamId) {
      kind
    }
  }
`);
