/**
 * Notifications through the durable outbox, against real local HTTP receivers: the event's
 * documented shape, Standard Webhooks signatures, retries with the same id, a receiver that is
 * down and comes back, 4xx that fail at once, Retry-After, re-sending, and a rolled-back change
 * that tells no one.
 */
import { Webhook } from 'standardwebhooks';
import { NotificationPublisher } from '../../src/notifications/notification-publisher';
import { OutboxDispatcher } from '../../src/outbox/outbox-dispatcher';
import { OutboxService } from '../../src/outbox/outbox.service';
import { alertTeam, createIntegration, deliver } from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { eventually } from '../helpers/eventually';
import { HttpReceiver } from '../helpers/http-receiver';
import {
  createChannel,
  deliveriesOf,
  outboxCount,
  type DeliveryView,
} from '../helpers/notification-channels';
import { startTestApp, TestApp } from '../helpers/test-app';

const CREATED = [{ type: 'ALERT_CARD_CREATED' }];

describe('notification delivery', () => {
  let t: TestApp;
  let receiver: HttpReceiver;

  beforeAll(async () => {
    receiver = await new HttpReceiver().start();
    t = await startTestApp({
      env: {
        NOTIFY_ALLOW_PRIVATE_TARGETS: 'true',
        NOTIFY_DISPATCH_INTERVAL_MS: '50',
        NOTIFY_RETRY_BASE_MS: '50',
        PUBLIC_URL: 'https://loopboard.example.com',
      },
    });
  });

  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  async function fireAlert(teamIntegration: Parameters<typeof deliver>[1], severity = 'critical') {
    await deliver(
      t,
      teamIntegration,
      amGroup([amAlert({ labels: { severity, env: 'production', service: 'checkout' } })]),
    );
  }

  async function settled(channelId: string, n = 1): Promise<DeliveryView[]> {
    return eventually(
      async () => {
        const rows = await deliveriesOf(t, channelId);
        return rows.length >= n && rows.every((r) => r.status !== 'PENDING') && rows;
      },
      { message: `${n} settled deliveries of channel ${channelId}` },
    );
  }

  it('sends a new alert card as a signed JSON event that standardwebhooks verifies', async () => {
    const { team } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    const channel = await createChannel(t, team.id, {
      url: `${receiver.url}/signed`,
      events: CREATED,
    });
    expect(channel.signingSecret).toMatch(/^whsec_/);

    await fireAlert(integration);
    const [delivery] = await settled(channel.id);
    expect(delivery).toMatchObject({
      status: 'DELIVERED',
      attempts: 1,
      eventType: 'ALERT_CARD_CREATED',
    });

    const request = receiver.requests.find((r) => r.path === '/signed');
    if (!request) throw new Error('nothing received');
    const event = new Webhook(channel.signingSecret as string).verify(request.body, {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    }) as Record<string, any>;
    expect(request.headers['webhook-id']).toBe(delivery?.eventId);
    expect(Object.keys(event).sort()).toEqual(['data', 'id', 'occurredAt', 'team', 'type']);
    const card = await t.prisma.task.findFirstOrThrow({ where: { teamId: team.id } });
    expect(delivery?.summary).toBe(`${card.key} ${card.title} (URGENT, production/checkout)`);
    expect(event).toEqual({
      id: delivery?.eventId,
      type: 'alert_card.created',
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      team: { id: team.id, key: card.key.split('-')[0], name: expect.any(String) },
      data: {
        card: {
          id: card.id,
          key: card.key,
          title: card.title,
          priority: 'URGENT',
          boardId: expect.any(String),
          environment: 'production',
          component: 'checkout',
        },
      },
    });
  });

  it("speaks Slack's incoming-webhook format, with the card's link in the web app", async () => {
    const { team } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    const channel = await createChannel(t, team.id, {
      kind: 'SLACK',
      url: `${receiver.url}/slack`,
      events: CREATED,
    });
    expect(channel.signingSecret).toBeNull();
    await fireAlert(integration);
    await settled(channel.id);
    const card = await t.prisma.task.findFirstOrThrow({ where: { teamId: team.id } });
    const [message] = receiver.jsonAt('/slack').filter((m) => String(m.text).includes(card.key));
    const link = `https://loopboard.example.com/teams/${card.key.split('-')[0]}/board/`;
    expect(message?.text).toContain(`New alert card · ${card.key.split('-')[0]}: ${card.key} `);
    expect(message?.text).toContain(`<${link}`);
    expect(message?.blocks.map((b: { type: string }) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'actions',
    ]);
    expect(message?.blocks[2].fields).toEqual([
      { type: 'mrkdwn', text: '*Priority*\nURGENT' },
      { type: 'mrkdwn', text: '*Environment*\nproduction' },
      { type: 'mrkdwn', text: '*Component*\ncheckout' },
    ]);
    expect(message?.blocks[3].elements[0].url).toMatch(new RegExp(`\\?card=${card.key}$`));
  });

  it('only tells a channel about cards at or above its minimum priority', async () => {
    const { team } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    const channel = await createChannel(t, team.id, {
      url: `${receiver.url}/urgent-only`,
      events: [{ type: 'ALERT_CARD_CREATED', minPriority: 'HIGH' }],
    });
    await fireAlert(integration, 'warning');
    await fireAlert(integration, 'critical');
    const rows = await settled(channel.id);
    expect(rows).toHaveLength(1);
    expect(await outboxCount(t, team.id)).toBe(1);
  });

  it('retries a receiver answering 500 three times and delivers on the fourth try, with the same id', async () => {
    const { team } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    const channel = await createChannel(t, team.id, {
      url: `${receiver.url}/flaky`,
      events: CREATED,
    });
    receiver.answerWith(500, 500, 500);
    await fireAlert(integration);
    const [delivery] = await settled(channel.id);
    expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 4, lastStatusCode: 200 });
    expect(delivery?.attemptLog.map((a) => [a.statusCode, a.outcome])).toEqual([
      [500, 'retry'],
      [500, 'retry'],
      [500, 'retry'],
      [200, 'delivered'],
    ]);
    const tries = receiver.requests.filter((r) => r.path === '/flaky');
    expect(tries.map((r) => r.status)).toEqual([500, 500, 500, 200]);
    expect(new Set(tries.map((r) => r.headers['webhook-id']))).toEqual(
      new Set([delivery?.eventId]),
    );
  });

  it('delivers to a receiver that was down during the event once it is back', async () => {
    const down = await new HttpReceiver().start();
    const { team } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    const channel = await createChannel(t, team.id, { url: `${down.url}/later`, events: CREATED });
    await down.stop();
    await fireAlert(integration);
    await eventually(
      async () => {
        const [row] = await deliveriesOf(t, channel.id);
        return row && row.attempts >= 2 && row.status === 'PENDING' && row;
      },
      { message: 'two refused attempts' },
    );
    await down.start();
    const [delivery] = await settled(channel.id);
    expect(delivery?.status).toBe('DELIVERED');
    expect(delivery?.attemptLog[0]?.error).toMatch(/ECONNREFUSED/);
    expect(down.jsonAt('/later')).toHaveLength(1);
    await down.stop();
  });

  it('fails a 4xx answer at once, and resendNotification sends it again', async () => {
    const { team } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    const channel = await createChannel(t, team.id, {
      url: `${receiver.url}/gone`,
      events: CREATED,
    });
    receiver.answerWith({ status: 410, body: 'no such hook' });
    await fireAlert(integration);
    const [failed] = await settled(channel.id);
    expect(failed).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      lastStatusCode: 410,
      lastError: 'HTTP 410: no such hook',
    });

    const resent = await t.ok<{ resendNotification: { status: string } }>(
      `mutation ($id: ID!) { resendNotification(id: $id) { status } }`,
      { id: failed?.id },
    );
    expect(resent.resendNotification.status).toBe('PENDING');
    const [again] = await settled(channel.id);
    expect(again).toMatchObject({ status: 'DELIVERED', attempts: 2, eventId: failed?.eventId });
  });

  it("waits as long as a 429's Retry-After says", async () => {
    const { team } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    const channel = await createChannel(t, team.id, {
      url: `${receiver.url}/busy`,
      events: CREATED,
    });
    receiver.answerWith({ status: 429, headers: { 'retry-after': '1' } });
    await fireAlert(integration);
    const [delivery] = await settled(channel.id);
    expect(delivery?.attemptLog.map((a) => a.statusCode)).toEqual([429, 200]);
    const [first, second] = receiver.requests.filter((r) => r.path === '/busy');
    const next = await t.prisma.outboxAttempt.findMany({
      where: { messageId: delivery?.id },
      orderBy: { at: 'asc' },
    });
    expect(first && second).toBeTruthy();
    // The second attempt was not made before the receiver's Retry-After (1 s) had passed.
    expect((next[1]?.at.getTime() ?? 0) - (next[0]?.at.getTime() ?? 0)).toBeGreaterThanOrEqual(
      1000,
    );
  });

  it('tells no one about a change that rolled back', async () => {
    const { team } = await alertTeam(t);
    const channel = await createChannel(t, team.id, {
      url: `${receiver.url}/rollback`,
      events: CREATED,
    });
    const publisher = t.app.get(NotificationPublisher);
    const event = {
      type: 'alert_card.created' as const,
      teamId: team.id,
      occurredAt: new Date(),
      summary: 'never',
      data: {},
    };
    await expect(
      t.prisma.$transaction(async (tx) => {
        expect(await publisher.publish(tx, [event])).toBe(1);
        throw new Error('the change fails after publishing');
      }),
    ).rejects.toThrow('the change fails after publishing');
    expect(await outboxCount(t, team.id)).toBe(0);

    // The same event committed is delivered: the rollback, not the event, kept it from going.
    await t.prisma.$transaction((tx) => publisher.publish(tx, [event]));
    await settled(channel.id);
    expect(receiver.jsonAt('/rollback')).toHaveLength(1);
  });

  it('counts attempts by outcome and exports the pending messages, read from the database', async () => {
    const { team } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    const channel = await createChannel(t, team.id, {
      url: `${receiver.url}/metered`,
      events: CREATED,
    });
    receiver.answerWith(503);
    await fireAlert(integration);
    await settled(channel.id);
    const metrics = (await t.anon.get('/metrics')).text;
    const value = (line: string) =>
      Number(new RegExp(`^${line.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(metrics)?.[1]);
    expect(
      value('loopboard_notifications_total{kind="notification",outcome="delivered"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value('loopboard_notifications_total{kind="notification",outcome="retry"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(value('loopboard_notification_outbox_pending{kind="alertmanager_silence"}')).toBe(0);
    expect(metrics).toMatch(/^loopboard_notification_outbox_pending\{kind="notification"\} \d+$/m);
  });

  it('deletes finished messages past NOTIFY_RETENTION_DAYS, and keeps pending and recent ones', async () => {
    const { team } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    const channel = await createChannel(t, team.id, {
      url: `${receiver.url}/retention`,
      events: CREATED,
    });
    await fireAlert(integration);
    await fireAlert(integration);
    const [recent, old] = await settled(channel.id, 2);
    // One finished 31 days ago (the default retention is 30), one pending for as long.
    await t.prisma.$executeRaw`UPDATE outbox_messages SET finished_at = now() - interval '31 days'
      WHERE id = ${old?.id}::uuid`;
    const [pending] = await t.prisma.$transaction((tx) =>
      t.app.get(OutboxService).enqueue(tx, [
        {
          teamId: team.id,
          kind: 'NOTIFICATION',
          channelId: channel.id,
          topic: 'sprint.started',
          payload: {},
        },
      ]),
    );
    await t.prisma.$executeRaw`UPDATE outbox_messages SET created_at = now() - interval '40 days',
      next_attempt_at = now() + interval '1 hour' WHERE id = ${pending}::uuid`;

    expect(await t.app.get(OutboxDispatcher).prune()).toBeGreaterThanOrEqual(1);
    const left = await t.prisma.outboxMessage.findMany({ where: { channelId: channel.id } });
    expect(left.map((m) => m.id).sort()).toEqual([recent?.id, pending].sort());
    expect(await t.prisma.outboxAttempt.count({ where: { messageId: old?.id } })).toBe(0);
  });

  it('testNotificationChannel sends a sample now and answers with the receiver status', async () => {
    const { team } = await alertTeam(t, { sprint: false });
    const channel = await createChannel(t, team.id, {
      url: `${receiver.url}/sample`,
      events: CREATED,
    });
    const TEST = `mutation ($id: ID!) { testNotificationChannel(id: $id) { delivered statusCode error } }`;
    expect((await t.ok(TEST, { id: channel.id })).testNotificationChannel).toEqual({
      delivered: true,
      statusCode: 200,
      error: null,
    });
    receiver.answerWith({ status: 403, body: 'forbidden' });
    expect((await t.ok(TEST, { id: channel.id })).testNotificationChannel).toEqual({
      delivered: false,
      statusCode: 403,
      error: 'HTTP 403: forbidden',
    });
    expect(receiver.jsonAt('/sample')[0]).toMatchObject({ type: 'channel.test' });
  });
});
