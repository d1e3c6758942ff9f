import { registerEnumType } from '@nestjs/graphql';
import {
  AlertDedupBy,
  AlertKind,
  AlertSeverity,
  AlertStatus,
  ColumnCategory,
  DeliveryOutcome,
  DeploymentCommitsSource,
  DeploymentStatus,
  NotificationChannelKind,
  OutboxStatus,
  ReplanProposalStatus,
  ReserveOverflowPolicy,
  TaskResolution,
  TeamRole,
  SprintState,
  TaskEventKind,
  TaskPriority,
  TaskSource,
  TaskType,
  Weekday,
} from '../../generated/prisma/enums';

// The database enums are the API's enums: one definition, registered once for GraphQL.
registerEnumType(Weekday, { name: 'Weekday', description: 'A day of the week.' });
registerEnumType(ColumnCategory, {
  name: 'ColumnCategory',
  description:
    'What a board column means for flow: entering IN_PROGRESS starts a card, DONE completes it.',
});
registerEnumType(TaskType, { name: 'TaskType' });
registerEnumType(TaskPriority, { name: 'TaskPriority' });
registerEnumType(TaskSource, {
  name: 'TaskSource',
  description: 'MANUAL, or ALERT for cards created by alert webhooks.',
});
registerEnumType(SprintState, { name: 'SprintState' });
registerEnumType(TaskEventKind, { name: 'TaskEventKind' });
registerEnumType(TaskResolution, {
  name: 'TaskResolution',
  description: 'How a finished card ended.',
});
registerEnumType(AlertKind, {
  name: 'AlertKind',
  description:
    'The tool an integration receives webhooks from: a monitoring tool (alerts become cards) or a deployment source (GITHUB, GITLAB, GENERIC_DEPLOYMENT: deployments are recorded).',
});
registerEnumType(AlertDedupBy, {
  name: 'AlertDedupBy',
  description:
    'ALERT: one card per alert fingerprint. GROUP: one card per Alertmanager/Grafana group.',
});
registerEnumType(AlertStatus, { name: 'AlertStatus' });
registerEnumType(TeamRole, {
  name: 'TeamRole',
  description: 'VIEWER reads; MEMBER also works tasks and cards; ADMIN also manages the team.',
});
registerEnumType(AlertSeverity, { name: 'AlertSeverity' });
registerEnumType(DeliveryOutcome, { name: 'DeliveryOutcome' });
registerEnumType(ReserveOverflowPolicy, {
  name: 'ReserveOverflowPolicy',
  description:
    'When unplanned production work overflows the reserve: FLAG it, PROPOSE_SWAP (a replan proposal of planned work to move out) or FREEZE_PLANNED_STARTS (planned work starts only with force).',
});
registerEnumType(ReplanProposalStatus, { name: 'ReplanProposalStatus' });
registerEnumType(DeploymentStatus, {
  name: 'DeploymentStatus',
  description: "A deployment's state, every source's mapped onto these.",
});

registerEnumType(DeploymentCommitsSource, {
  name: 'DeploymentCommitsSource',
  description:
    "How a deployment's commits were obtained. PAYLOAD: listed by the deployment's payload (final). DEPLOYED_COMMIT: the deployed commit alone, as the payload named it. PUSHES: worked out from the repository's push events, back from the deployed sha to the previous deployment's (refined as pushes and deployments arrive).",
  valuesMap: {
    PAYLOAD: { description: "Listed by the deployment's payload: never replaced." },
    DEPLOYED_COMMIT: {
      description: 'Only the deployed commit, as the payload named it; pushes may replace it.',
    },
    PUSHES: { description: "Worked out from the repository's push events." },
  },
});

registerEnumType(NotificationChannelKind, {
  name: 'NotificationChannelKind',
  description:
    "SLACK: an incoming-webhook URL (Slack's message format, also Mattermost's and Rocket.Chat's); WEBHOOK: any URL, a signed JSON event.",
});
registerEnumType(OutboxStatus, {
  name: 'OutboxStatus',
  description:
    'PENDING (queued or retrying), DELIVERED, or FAILED (refused, or retried for too long).',
});

/** Not stored as such: read from the kind of Authorization header an integration keeps. */
export enum AlertmanagerAuth {
  NONE = 'NONE',
  BEARER = 'BEARER',
  BASIC = 'BASIC',
}
registerEnumType(AlertmanagerAuth, {
  name: 'AlertmanagerAuth',
  description: 'How Loopboard authenticates to an integration’s Alertmanager (never shown).',
});

export {
  AlertDedupBy,
  AlertKind,
  AlertSeverity,
  AlertStatus,
  ColumnCategory,
  DeliveryOutcome,
  DeploymentCommitsSource,
  DeploymentStatus,
  NotificationChannelKind,
  OutboxStatus,
  ReplanProposalStatus,
  ReserveOverflowPolicy,
  SprintState,
  TaskEventKind,
  TaskPriority,
  TaskResolution,
  TaskSource,
  TeamRole,
  TaskType,
  Weekday,
};

/** ISO weekday order, Monday first, as JavaScript's getUTCDay() numbers them. */
export const WEEKDAY_BY_UTC_DAY: readonly Weekday[] = [
  Weekday.SUN,
  Weekday.MON,
  Weekday.TUE,
  Weekday.WED,
  Weekday.THU,
  Weekday.FRI,
  Weekday.SAT,
];
