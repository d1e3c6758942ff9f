import type { TaskPriority } from '../generated/prisma/client';

/** The event types a channel can subscribe to, as they appear in messages (`type`). */
export const NOTIFICATION_EVENT_TYPES = [
  'alert_card.created',
  'alert_card.reopened',
  'sla.at_risk',
  'sla.breached',
  'reserve.at_risk',
  'reserve.exhausted',
  'sprint.started',
  'sprint.closed',
  'deployment.suspected_incident',
] as const;

export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

/** A channel's subscription: an event type, and for card events the lowest priority it wants. */
export interface NotificationSubscription {
  type: NotificationEventType;
  minPriority?: TaskPriority | null;
}

/** The card an event is about, as a message shows it. */
export interface EventCard {
  id: string;
  key: string;
  title: string;
  priority: TaskPriority;
  boardId: string | null;
  environment?: string | null;
  component?: string | null;
}

/** Something that happened, to be told to the team's subscribed channels. */
export interface NotificationEvent {
  type: NotificationEventType;
  teamId: string;
  occurredAt: Date;
  /** The card it is about: the publisher reads it (key, title, priority, board, alert's place). */
  taskId?: string;
  /** One line saying what happened, for chat; given the card when there is one. */
  summary: string | ((card: EventCard) => string);
  /** The type's own figures (reserve points, SLA target, sprint summary), sent as they are. */
  data: Record<string, unknown>;
}

/** A published event with its card read. */
export type ResolvedEvent = Omit<NotificationEvent, 'summary'> & {
  summary: string;
  card?: EventCard;
};

const PRIORITY_ORDER: Record<TaskPriority, number> = {
  NONE: 0,
  LOW: 1,
  MEDIUM: 2,
  HIGH: 3,
  URGENT: 4,
};

/** Whether a subscription wants this event: same type, and the card at or above its minimum. */
export function wants(subscription: NotificationSubscription, event: ResolvedEvent): boolean {
  if (subscription.type !== event.type) return false;
  if (!subscription.minPriority || !event.card) return true;
  return PRIORITY_ORDER[event.card.priority] >= PRIORITY_ORDER[subscription.minPriority];
}

/** `SRE-42 High error rate (URGENT, production/checkout)`: a card in a message's summary. */
export function cardLine(card: EventCard): string {
  const where = [card.environment, card.component].filter(Boolean).join('/');
  return `${card.key} ${card.title} (${card.priority}${where ? `, ${where}` : ''})`;
}
