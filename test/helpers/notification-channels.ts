/** Notification channels for tests, and reading what the outbox did with their messages. */
import type { TestApp } from './test-app';

export interface ChannelRef {
  id: string;
  signingSecret: string | null;
}

export async function createChannel(
  t: TestApp,
  teamId: string,
  input: {
    kind?: 'SLACK' | 'WEBHOOK';
    url: string;
    events: Record<string, unknown>[];
    name?: string;
  },
): Promise<ChannelRef> {
  const data = await t.ok<{
    createNotificationChannel: { channel: { id: string }; signingSecret: string | null };
  }>(
    `mutation ($input: CreateNotificationChannelInput!) {
      createNotificationChannel(input: $input) { channel { id } signingSecret } }`,
    { input: { teamId, kind: 'WEBHOOK', name: 'Receiver', ...input } },
  );
  return {
    id: data.createNotificationChannel.channel.id,
    signingSecret: data.createNotificationChannel.signingSecret,
  };
}

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  summary: string;
  status: string;
  attempts: number;
  lastError: string | null;
  lastStatusCode: number | null;
  attemptLog: { statusCode: number | null; outcome: string; error: string | null }[];
}

export async function deliveriesOf(t: TestApp, channelId: string): Promise<DeliveryView[]> {
  const data = await t.ok<{ notificationDeliveries: DeliveryView[] }>(
    `query ($id: ID!) { notificationDeliveries(channelId: $id) {
      id eventId eventType summary status attempts lastError lastStatusCode
      attemptLog { statusCode outcome error } } }`,
    { id: channelId },
  );
  return data.notificationDeliveries;
}

/** Every outbox message of a team, whatever its state (none are left behind by a rollback). */
export async function outboxCount(t: TestApp, teamId: string): Promise<number> {
  return t.prisma.outboxMessage.count({ where: { teamId } });
}
