import type { NotificationEventType } from './notification-events';

/** The JSON event a WEBHOOK channel receives, and that the outbox keeps for every channel. */
export interface EventEnvelope {
  id: string;
  /** `channel.test` only for testNotificationChannel's sample. */
  type: NotificationEventType | 'channel.test';
  occurredAt: string;
  team: { id: string; key: string; name: string };
  data: Record<string, unknown>;
}

/** What the outbox stores for one channel: the event, and what chat shows of it. */
export interface NotificationPayload {
  event: EventEnvelope;
  summary: string;
  /** The card (or sprint page) in the web app, when there is one. */
  link: string | null;
  /** Short label: value lines for chat (priority, environment, reserve figures). */
  facts: [string, string][];
}

const TITLES: Record<EventEnvelope['type'], string> = {
  'alert_card.created': 'New alert card',
  'alert_card.reopened': 'Alert card reopened',
  'sla.at_risk': 'SLA at risk',
  'sla.breached': 'SLA breached',
  'reserve.at_risk': 'Reserve at 80%',
  'reserve.exhausted': 'Reserve exhausted',
  'sprint.started': 'Sprint started',
  'sprint.closed': 'Sprint closed',
  'deployment.suspected_incident': 'Deployment suspected of an incident',
  'channel.test': 'Test message',
};

/** Slack's (and Mattermost's, Rocket.Chat's) incoming-webhook message: `text` plus `blocks`. */
export function slackMessage(payload: NotificationPayload): Record<string, unknown> {
  const { event, summary, link, facts } = payload;
  const title = `${TITLES[event.type]} · ${event.team.key}`;
  const said = `${title}: ${escapeMrkdwn(summary)}`;
  const text = link ? `${said} <${link}|Open>` : said;
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: title.slice(0, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(summary) } },
  ];
  if (facts.length > 0)
    blocks.push({
      type: 'section',
      fields: facts.slice(0, 10).map(([label, value]) => ({
        type: 'mrkdwn',
        text: `*${escapeMrkdwn(label)}*\n${escapeMrkdwn(value)}`,
      })),
    });
  if (link)
    blocks.push({
      type: 'actions',
      elements: [
        { type: 'button', text: { type: 'plain_text', text: 'Open in Loopboard' }, url: link },
      ],
    });
  return { text, blocks };
}

/** Slack's three escapes: a title with `<` or `&` must not turn into a link or an entity. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
