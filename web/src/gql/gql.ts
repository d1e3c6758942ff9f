/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AlertIntegrationFields on AlertIntegration {\n    id\n    kind\n    name\n    webhookUrl\n    createdAt\n    lastDeliveryAt\n    tokenRotatedAt\n    previousTokenExpiresAt\n    hasHmacSecret\n    hmacTimestampHeader\n    dedupBy\n    reopenWindowMinutes\n    board {\n      id\n      name\n      columns {\n        id\n        name\n      }\n    }\n    column {\n      id\n      name\n    }\n    resolveColumn {\n      id\n      name\n    }\n    rules {\n      minSeverity\n      ignore {\n        matchers {\n          label\n          op\n          value\n        }\n      }\n      priorityOverrides {\n        priority\n        matchers {\n          label\n          op\n          value\n        }\n      }\n      routes {\n        columnId\n        matchers {\n          label\n          op\n          value\n        }\n      }\n    }\n  }\n": typeof types.AlertIntegrationFieldsFragmentDoc,
    "\n  query AlertIntegrations($teamId: ID!) {\n    alertIntegrations(teamId: $teamId) {\n      ...AlertIntegrationFields\n    }\n  }\n": typeof types.AlertIntegrationsDocument,
    "\n  mutation CreateAlertIntegration($input: CreateAlertIntegrationInput!) {\n    createAlertIntegration(input: $input) {\n      integration {\n        ...AlertIntegrationFields\n      }\n      token\n      webhookUrl\n    }\n  }\n": typeof types.CreateAlertIntegrationDocument,
    "\n  mutation RotateIntegrationToken($id: ID!, $graceMinutes: Int) {\n    rotateIntegrationToken(id: $id, graceMinutes: $graceMinutes) {\n      integration {\n        ...AlertIntegrationFields\n      }\n      token\n      previousTokenExpiresAt\n    }\n  }\n": typeof types.RotateIntegrationTokenDocument,
    "\n  mutation UpdateAlertIntegration($id: ID!, $input: UpdateAlertIntegrationInput!) {\n    updateAlertIntegration(id: $id, input: $input) {\n      ...AlertIntegrationFields\n    }\n  }\n": typeof types.UpdateAlertIntegrationDocument,
    "\n  query WebhookDeliveries($integrationId: ID!, $after: String) {\n    webhookDeliveries(integrationId: $integrationId, first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...WebhookDeliveryFields\n        }\n      }\n    }\n  }\n": typeof types.WebhookDeliveriesDocument,
    "\n  fragment WebhookDeliveryFields on WebhookDelivery {\n    id\n    receivedAt\n    outcome\n    body\n    contentType\n    error\n    headers\n    requestId\n    replayOfId\n    summary {\n      received\n      created\n      updated\n      resolved\n      reopened\n      ignored\n    }\n    items {\n      dedupKey\n      outcome\n      alert {\n        id\n        title\n        status\n      }\n      task {\n        id\n        key\n        title\n      }\n    }\n  }\n": typeof types.WebhookDeliveryFieldsFragmentDoc,
    "\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDelivery(id: $id) {\n      ...WebhookDeliveryFields\n    }\n  }\n": typeof types.ReplayWebhookDeliveryDocument,
    "\n  subscription AlertActivityFeed($teamId: ID!) {\n    alertActivity(teamId: $teamId) {\n      kind\n      alert {\n        id\n        integration {\n          id\n        }\n      }\n    }\n  }\n": typeof types.AlertActivityFeedDocument,
    "\n  fragment BoardCardBase on Task {\n    id\n    key\n    title\n    priority\n    type\n    estimate\n    labels\n    source\n    rank\n    column {\n      id\n    }\n    assignee {\n      id\n      name\n    }\n  }\n": typeof types.BoardCardBaseFragmentDoc,
    "\n  fragment BoardCard on Task {\n    ...BoardCardBase\n    alerts {\n      id\n      status\n      occurrences\n      integration {\n        id\n        kind\n        name\n      }\n    }\n  }\n": typeof types.BoardCardFragmentDoc,
    "\n  fragment BoardColumn on Column {\n    id\n    name\n    category\n    position\n    wipLimit\n  }\n": typeof types.BoardColumnFragmentDoc,
    "\n  query BoardWithCards($id: ID!) {\n    board(id: $id) {\n      id\n      name\n      version\n      columns {\n        ...BoardColumn\n        tasks(first: 100) {\n          edges {\n            node {\n              ...BoardCardBase\n            }\n          }\n          pageInfo {\n            hasNextPage\n          }\n        }\n      }\n    }\n  }\n": typeof types.BoardWithCardsDocument,
    "\n  query BoardAlertCards($teamId: ID!, $boardId: ID!, $after: String) {\n    tasks(\n      teamId: $teamId\n      filter: { boardId: $boardId, source: ALERT }\n      first: 100\n      after: $after\n    ) {\n      edges {\n        node {\n          id\n          alerts {\n            id\n            status\n            occurrences\n            integration {\n              id\n              kind\n              name\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.BoardAlertCardsDocument,
    "\n  query BoardVersion($id: ID!) {\n    board(id: $id) {\n      id\n      version\n    }\n  }\n": typeof types.BoardVersionDocument,
    "\n  query BoardColumnCards($teamId: ID!, $columnId: ID!, $after: String) {\n    tasks(teamId: $teamId, filter: { columnId: $columnId }, first: 100, after: $after) {\n      edges {\n        node {\n          ...BoardCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.BoardColumnCardsDocument,
    "\n  subscription BoardChanges($boardId: ID!) {\n    boardChanged(boardId: $boardId) {\n      kind\n      version\n      taskId\n      columnId\n      task {\n        ...BoardCard\n      }\n      column {\n        ...BoardColumn\n      }\n    }\n  }\n": typeof types.BoardChangesDocument,
    "\n  mutation MoveCard($input: MoveTaskInput!) {\n    moveTask(input: $input) {\n      ...BoardCard\n    }\n  }\n": typeof types.MoveCardDocument,
    "\n  query CardDetail($key: String!) {\n    task(key: $key) {\n      ...BoardCard\n      description\n      createdAt\n      startedAt\n      completedAt\n      planned\n      reopenCount\n      sprint {\n        id\n        name\n      }\n      history {\n        id\n        at\n        actor\n        kind\n        from\n        to\n        note\n      }\n      alerts {\n        id\n        title\n        status\n        severity\n        environment\n        component\n        instance\n        value\n        description\n        occurrences\n        firstSeenAt\n        lastSeenAt\n        links {\n          title\n          url\n        }\n      }\n    }\n  }\n": typeof types.CardDetailDocument,
    "\n  query AlertDeliveries($integrationId: ID!) {\n    webhookDeliveries(integrationId: $integrationId, first: 25) {\n      edges {\n        node {\n          id\n          receivedAt\n          outcome\n          items {\n            outcome\n            alert {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.AlertDeliveriesDocument,
    "\n  mutation CreateCard($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      ...BoardCard\n    }\n  }\n": typeof types.CreateCardDocument,
    "\n  mutation UpdateCard($id: ID!, $input: UpdateTaskInput!) {\n    updateTask(id: $id, input: $input) {\n      ...BoardCard\n    }\n  }\n": typeof types.UpdateCardDocument,
    "\n  query Teams {\n    teams {\n      id\n      key\n      name\n    }\n  }\n": typeof types.TeamsDocument,
    "\n  query TeamShell($key: String!) {\n    team(key: $key) {\n      id\n      key\n      name\n      boards {\n        id\n        name\n      }\n      members {\n        id\n        name\n      }\n      activeSprint {\n        id\n        name\n      }\n    }\n  }\n": typeof types.TeamShellDocument,
};
const documents: Documents = {
    "\n  fragment AlertIntegrationFields on AlertIntegration {\n    id\n    kind\n    name\n    webhookUrl\n    createdAt\n    lastDeliveryAt\n    tokenRotatedAt\n    previousTokenExpiresAt\n    hasHmacSecret\n    hmacTimestampHeader\n    dedupBy\n    reopenWindowMinutes\n    board {\n      id\n      name\n      columns {\n        id\n        name\n      }\n    }\n    column {\n      id\n      name\n    }\n    resolveColumn {\n      id\n      name\n    }\n    rules {\n      minSeverity\n      ignore {\n        matchers {\n          label\n          op\n          value\n        }\n      }\n      priorityOverrides {\n        priority\n        matchers {\n          label\n          op\n          value\n        }\n      }\n      routes {\n        columnId\n        matchers {\n          label\n          op\n          value\n        }\n      }\n    }\n  }\n": types.AlertIntegrationFieldsFragmentDoc,
    "\n  query AlertIntegrations($teamId: ID!) {\n    alertIntegrations(teamId: $teamId) {\n      ...AlertIntegrationFields\n    }\n  }\n": types.AlertIntegrationsDocument,
    "\n  mutation CreateAlertIntegration($input: CreateAlertIntegrationInput!) {\n    createAlertIntegration(input: $input) {\n      integration {\n        ...AlertIntegrationFields\n      }\n      token\n      webhookUrl\n    }\n  }\n": types.CreateAlertIntegrationDocument,
    "\n  mutation RotateIntegrationToken($id: ID!, $graceMinutes: Int) {\n    rotateIntegrationToken(id: $id, graceMinutes: $graceMinutes) {\n      integration {\n        ...AlertIntegrationFields\n      }\n      token\n      previousTokenExpiresAt\n    }\n  }\n": types.RotateIntegrationTokenDocument,
    "\n  mutation UpdateAlertIntegration($id: ID!, $input: UpdateAlertIntegrationInput!) {\n    updateAlertIntegration(id: $id, input: $input) {\n      ...AlertIntegrationFields\n    }\n  }\n": types.UpdateAlertIntegrationDocument,
    "\n  query WebhookDeliveries($integrationId: ID!, $after: String) {\n    webhookDeliveries(integrationId: $integrationId, first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...WebhookDeliveryFields\n        }\n      }\n    }\n  }\n": types.WebhookDeliveriesDocument,
    "\n  fragment WebhookDeliveryFields on WebhookDelivery {\n    id\n    receivedAt\n    outcome\n    body\n    contentType\n    error\n    headers\n    requestId\n    replayOfId\n    summary {\n      received\n      created\n      updated\n      resolved\n      reopened\n      ignored\n    }\n    items {\n      dedupKey\n      outcome\n      alert {\n        id\n        title\n        status\n      }\n      task {\n        id\n        key\n        title\n      }\n    }\n  }\n": types.WebhookDeliveryFieldsFragmentDoc,
    "\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDelivery(id: $id) {\n      ...WebhookDeliveryFields\n    }\n  }\n": types.ReplayWebhookDeliveryDocument,
    "\n  subscription AlertActivityFeed($teamId: ID!) {\n    alertActivity(teamId: $teamId) {\n      kind\n      alert {\n        id\n        integration {\n          id\n        }\n      }\n    }\n  }\n": types.AlertActivityFeedDocument,
    "\n  fragment BoardCardBase on Task {\n    id\n    key\n    title\n    priority\n    type\n    estimate\n    labels\n    source\n    rank\n    column {\n      id\n    }\n    assignee {\n      id\n      name\n    }\n  }\n": types.BoardCardBaseFragmentDoc,
    "\n  fragment BoardCard on Task {\n    ...BoardCardBase\n    alerts {\n      id\n      status\n      occurrences\n      integration {\n        id\n        kind\n        name\n      }\n    }\n  }\n": types.BoardCardFragmentDoc,
    "\n  fragment BoardColumn on Column {\n    id\n    name\n    category\n    position\n    wipLimit\n  }\n": types.BoardColumnFragmentDoc,
    "\n  query BoardWithCards($id: ID!) {\n    board(id: $id) {\n      id\n      name\n      version\n      columns {\n        ...BoardColumn\n        tasks(first: 100) {\n          edges {\n            node {\n              ...BoardCardBase\n            }\n          }\n          pageInfo {\n            hasNextPage\n          }\n        }\n      }\n    }\n  }\n": types.BoardWithCardsDocument,
    "\n  query BoardAlertCards($teamId: ID!, $boardId: ID!, $after: String) {\n    tasks(\n      teamId: $teamId\n      filter: { boardId: $boardId, source: ALERT }\n      first: 100\n      after: $after\n    ) {\n      edges {\n        node {\n          id\n          alerts {\n            id\n            status\n            occurrences\n            integration {\n              id\n              kind\n              name\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.BoardAlertCardsDocument,
    "\n  query BoardVersion($id: ID!) {\n    board(id: $id) {\n      id\n      version\n    }\n  }\n": types.BoardVersionDocument,
    "\n  query BoardColumnCards($teamId: ID!, $columnId: ID!, $after: String) {\n    tasks(teamId: $teamId, filter: { columnId: $columnId }, first: 100, after: $after) {\n      edges {\n        node {\n          ...BoardCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.BoardColumnCardsDocument,
    "\n  subscription BoardChanges($boardId: ID!) {\n    boardChanged(boardId: $boardId) {\n      kind\n      version\n      taskId\n      columnId\n      task {\n        ...BoardCard\n      }\n      column {\n        ...BoardColumn\n      }\n    }\n  }\n": types.BoardChangesDocument,
    "\n  mutation MoveCard($input: MoveTaskInput!) {\n    moveTask(input: $input) {\n      ...BoardCard\n    }\n  }\n": types.MoveCardDocument,
    "\n  query CardDetail($key: String!) {\n    task(key: $key) {\n      ...BoardCard\n      description\n      createdAt\n      startedAt\n      completedAt\n      planned\n      reopenCount\n      sprint {\n        id\n        name\n      }\n      history {\n        id\n        at\n        actor\n        kind\n        from\n        to\n        note\n      }\n      alerts {\n        id\n        title\n        status\n        severity\n        environment\n        component\n        instance\n        value\n        description\n        occurrences\n        firstSeenAt\n        lastSeenAt\n        links {\n          title\n          url\n        }\n      }\n    }\n  }\n": types.CardDetailDocument,
    "\n  query AlertDeliveries($integrationId: ID!) {\n    webhookDeliveries(integrationId: $integrationId, first: 25) {\n      edges {\n        node {\n          id\n          receivedAt\n          outcome\n          items {\n            outcome\n            alert {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": types.AlertDeliveriesDocument,
    "\n  mutation CreateCard($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      ...BoardCard\n    }\n  }\n": types.CreateCardDocument,
    "\n  mutation UpdateCard($id: ID!, $input: UpdateTaskInput!) {\n    updateTask(id: $id, input: $input) {\n      ...BoardCard\n    }\n  }\n": types.UpdateCardDocument,
    "\n  query Teams {\n    teams {\n      id\n      key\n      name\n    }\n  }\n": types.TeamsDocument,
    "\n  query TeamShell($key: String!) {\n    team(key: $key) {\n      id\n      key\n      name\n      boards {\n        id\n        name\n      }\n      members {\n        id\n        name\n      }\n      activeSprint {\n        id\n        name\n      }\n    }\n  }\n": types.TeamShellDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AlertIntegrationFields on AlertIntegration {\n    id\n    kind\n    name\n    webhookUrl\n    createdAt\n    lastDeliveryAt\n    tokenRotatedAt\n    previousTokenExpiresAt\n    hasHmacSecret\n    hmacTimestampHeader\n    dedupBy\n    reopenWindowMinutes\n    board {\n      id\n      name\n      columns {\n        id\n        name\n      }\n    }\n    column {\n      id\n      name\n    }\n    resolveColumn {\n      id\n      name\n    }\n    rules {\n      minSeverity\n      ignore {\n        matchers {\n          label\n          op\n          value\n        }\n      }\n      priorityOverrides {\n        priority\n        matchers {\n          label\n          op\n          value\n        }\n      }\n      routes {\n        columnId\n        matchers {\n          label\n          op\n          value\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment AlertIntegrationFields on AlertIntegration {\n    id\n    kind\n    name\n    webhookUrl\n    createdAt\n    lastDeliveryAt\n    tokenRotatedAt\n    previousTokenExpiresAt\n    hasHmacSecret\n    hmacTimestampHeader\n    dedupBy\n    reopenWindowMinutes\n    board {\n      id\n      name\n      columns {\n        id\n        name\n      }\n    }\n    column {\n      id\n      name\n    }\n    resolveColumn {\n      id\n      name\n    }\n    rules {\n      minSeverity\n      ignore {\n        matchers {\n          label\n          op\n          value\n        }\n      }\n      priorityOverrides {\n        priority\n        matchers {\n          label\n          op\n          value\n        }\n      }\n      routes {\n        columnId\n        matchers {\n          label\n          op\n          value\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertIntegrations($teamId: ID!) {\n    alertIntegrations(teamId: $teamId) {\n      ...AlertIntegrationFields\n    }\n  }\n"): (typeof documents)["\n  query AlertIntegrations($teamId: ID!) {\n    alertIntegrations(teamId: $teamId) {\n      ...AlertIntegrationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAlertIntegration($input: CreateAlertIntegrationInput!) {\n    createAlertIntegration(input: $input) {\n      integration {\n        ...AlertIntegrationFields\n      }\n      token\n      webhookUrl\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAlertIntegration($input: CreateAlertIntegrationInput!) {\n    createAlertIntegration(input: $input) {\n      integration {\n        ...AlertIntegrationFields\n      }\n      token\n      webhookUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateIntegrationToken($id: ID!, $graceMinutes: Int) {\n    rotateIntegrationToken(id: $id, graceMinutes: $graceMinutes) {\n      integration {\n        ...AlertIntegrationFields\n      }\n      token\n      previousTokenExpiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation RotateIntegrationToken($id: ID!, $graceMinutes: Int) {\n    rotateIntegrationToken(id: $id, graceMinutes: $graceMinutes) {\n      integration {\n        ...AlertIntegrationFields\n      }\n      token\n      previousTokenExpiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAlertIntegration($id: ID!, $input: UpdateAlertIntegrationInput!) {\n    updateAlertIntegration(id: $id, input: $input) {\n      ...AlertIntegrationFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAlertIntegration($id: ID!, $input: UpdateAlertIntegrationInput!) {\n    updateAlertIntegration(id: $id, input: $input) {\n      ...AlertIntegrationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookDeliveries($integrationId: ID!, $after: String) {\n    webhookDeliveries(integrationId: $integrationId, first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...WebhookDeliveryFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhookDeliveries($integrationId: ID!, $after: String) {\n    webhookDeliveries(integrationId: $integrationId, first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...WebhookDeliveryFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookDeliveryFields on WebhookDelivery {\n    id\n    receivedAt\n    outcome\n    body\n    contentType\n    error\n    headers\n    requestId\n    replayOfId\n    summary {\n      received\n      created\n      updated\n      resolved\n      reopened\n      ignored\n    }\n    items {\n      dedupKey\n      outcome\n      alert {\n        id\n        title\n        status\n      }\n      task {\n        id\n        key\n        title\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment WebhookDeliveryFields on WebhookDelivery {\n    id\n    receivedAt\n    outcome\n    body\n    contentType\n    error\n    headers\n    requestId\n    replayOfId\n    summary {\n      received\n      created\n      updated\n      resolved\n      reopened\n      ignored\n    }\n    items {\n      dedupKey\n      outcome\n      alert {\n        id\n        title\n        status\n      }\n      task {\n        id\n        key\n        title\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDelivery(id: $id) {\n      ...WebhookDeliveryFields\n    }\n  }\n"): (typeof documents)["\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDelivery(id: $id) {\n      ...WebhookDeliveryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AlertActivityFeed($teamId: ID!) {\n    alertActivity(teamId: $teamId) {\n      kind\n      alert {\n        id\n        integration {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription AlertActivityFeed($teamId: ID!) {\n    alertActivity(teamId: $teamId) {\n      kind\n      alert {\n        id\n        integration {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BoardCardBase on Task {\n    id\n    key\n    title\n    priority\n    type\n    estimate\n    labels\n    source\n    rank\n    column {\n      id\n    }\n    assignee {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment BoardCardBase on Task {\n    id\n    key\n    title\n    priority\n    type\n    estimate\n    labels\n    source\n    rank\n    column {\n      id\n    }\n    assignee {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BoardCard on Task {\n    ...BoardCardBase\n    alerts {\n      id\n      status\n      occurrences\n      integration {\n        id\n        kind\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment BoardCard on Task {\n    ...BoardCardBase\n    alerts {\n      id\n      status\n      occurrences\n      integration {\n        id\n        kind\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BoardColumn on Column {\n    id\n    name\n    category\n    position\n    wipLimit\n  }\n"): (typeof documents)["\n  fragment BoardColumn on Column {\n    id\n    name\n    category\n    position\n    wipLimit\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardWithCards($id: ID!) {\n    board(id: $id) {\n      id\n      name\n      version\n      columns {\n        ...BoardColumn\n        tasks(first: 100) {\n          edges {\n            node {\n              ...BoardCardBase\n            }\n          }\n          pageInfo {\n            hasNextPage\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BoardWithCards($id: ID!) {\n    board(id: $id) {\n      id\n      name\n      version\n      columns {\n        ...BoardColumn\n        tasks(first: 100) {\n          edges {\n            node {\n              ...BoardCardBase\n            }\n          }\n          pageInfo {\n            hasNextPage\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardAlertCards($teamId: ID!, $boardId: ID!, $after: String) {\n    tasks(\n      teamId: $teamId\n      filter: { boardId: $boardId, source: ALERT }\n      first: 100\n      after: $after\n    ) {\n      edges {\n        node {\n          id\n          alerts {\n            id\n            status\n            occurrences\n            integration {\n              id\n              kind\n              name\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query BoardAlertCards($teamId: ID!, $boardId: ID!, $after: String) {\n    tasks(\n      teamId: $teamId\n      filter: { boardId: $boardId, source: ALERT }\n      first: 100\n      after: $after\n    ) {\n      edges {\n        node {\n          id\n          alerts {\n            id\n            status\n            occurrences\n            integration {\n              id\n              kind\n              name\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardVersion($id: ID!) {\n    board(id: $id) {\n      id\n      version\n    }\n  }\n"): (typeof documents)["\n  query BoardVersion($id: ID!) {\n    board(id: $id) {\n      id\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardColumnCards($teamId: ID!, $columnId: ID!, $after: String) {\n    tasks(teamId: $teamId, filter: { columnId: $columnId }, first: 100, after: $after) {\n      edges {\n        node {\n          ...BoardCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query BoardColumnCards($teamId: ID!, $columnId: ID!, $after: String) {\n    tasks(teamId: $teamId, filter: { columnId: $columnId }, first: 100, after: $after) {\n      edges {\n        node {\n          ...BoardCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BoardChanges($boardId: ID!) {\n    boardChanged(boardId: $boardId) {\n      kind\n      version\n      taskId\n      columnId\n      task {\n        ...BoardCard\n      }\n      column {\n        ...BoardColumn\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription BoardChanges($boardId: ID!) {\n    boardChanged(boardId: $boardId) {\n      kind\n      version\n      taskId\n      columnId\n      task {\n        ...BoardCard\n      }\n      column {\n        ...BoardColumn\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveCard($input: MoveTaskInput!) {\n    moveTask(input: $input) {\n      ...BoardCard\n    }\n  }\n"): (typeof documents)["\n  mutation MoveCard($input: MoveTaskInput!) {\n    moveTask(input: $input) {\n      ...BoardCard\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CardDetail($key: String!) {\n    task(key: $key) {\n      ...BoardCard\n      description\n      createdAt\n      startedAt\n      completedAt\n      planned\n      reopenCount\n      sprint {\n        id\n        name\n      }\n      history {\n        id\n        at\n        actor\n        kind\n        from\n        to\n        note\n      }\n      alerts {\n        id\n        title\n        status\n        severity\n        environment\n        component\n        instance\n        value\n        description\n        occurrences\n        firstSeenAt\n        lastSeenAt\n        links {\n          title\n          url\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CardDetail($key: String!) {\n    task(key: $key) {\n      ...BoardCard\n      description\n      createdAt\n      startedAt\n      completedAt\n      planned\n      reopenCount\n      sprint {\n        id\n        name\n      }\n      history {\n        id\n        at\n        actor\n        kind\n        from\n        to\n        note\n      }\n      alerts {\n        id\n        title\n        status\n        severity\n        environment\n        component\n        instance\n        value\n        description\n        occurrences\n        firstSeenAt\n        lastSeenAt\n        links {\n          title\n          url\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertDeliveries($integrationId: ID!) {\n    webhookDeliveries(integrationId: $integrationId, first: 25) {\n      edges {\n        node {\n          id\n          receivedAt\n          outcome\n          items {\n            outcome\n            alert {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AlertDeliveries($integrationId: ID!) {\n    webhookDeliveries(integrationId: $integrationId, first: 25) {\n      edges {\n        node {\n          id\n          receivedAt\n          outcome\n          items {\n            outcome\n            alert {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCard($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      ...BoardCard\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCard($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      ...BoardCard\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCard($id: ID!, $input: UpdateTaskInput!) {\n    updateTask(id: $id, input: $input) {\n      ...BoardCard\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCard($id: ID!, $input: UpdateTaskInput!) {\n    updateTask(id: $id, input: $input) {\n      ...BoardCard\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Teams {\n    teams {\n      id\n      key\n      name\n    }\n  }\n"): (typeof documents)["\n  query Teams {\n    teams {\n      id\n      key\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamShell($key: String!) {\n    team(key: $key) {\n      id\n      key\n      name\n      boards {\n        id\n        name\n      }\n      members {\n        id\n        name\n      }\n      activeSprint {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query TeamShell($key: String!) {\n    team(key: $key) {\n      id\n      key\n      name\n      boards {\n        id\n        name\n      }\n      members {\n        id\n        name\n      }\n      activeSprint {\n        id\n        name\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;