/**
 * The webhook's answers and its inbox: every accepted or rejected body is kept with selected
 * headers and its outcome, listed newest first, and can be replayed.
 */
import {
  createIntegration,
  fixture,
  postWebhook,
  alertTeam,
  counts,
  deliver,
  type AlertTeam,
} from '../helpers/alert-factories';
import { amAlert, amGroup, genericAlert } from '../helpers/alert-payloads';
import { deliveries } from '../helpers/alert-readers';
import { expectCode } from '../helpers/graphql-errors';
import { startTestApp, TestApp } from '../helpers/test-app';

const REPLAY = `mutation ($id: ID!) {
  replayWebhookDelivery(id: $id) { id outcome replayOfId body error summary { received created updated resolved reopened ignored } }
}`;

describe('webhook answers, inbox and replay', () => {
  let t: TestApp;
  let setup: AlertTeam;

  beforeAll(async () => {
    t = await startTestApp();
    setup = await alertTeam(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers 200 with exact counts for a mixed delivery', async () => {
    const integration = await createIntegration(t, setup.team.id, {
      rules: { ignore: [{ matchers: [{ label: 'env', op: 'EQ', value: 'dev' }] }] },
    });
    await deliver(
      t,
      integration,
      amGroup(['m-open', 'm-resolve', 'm-done'].map((fingerprint) => amAlert({ fingerprint }))),
    );
    await deliver(
      t,
      integration,
      amGroup([amAlert({ fingerprint: 'm-done', status: 'resolved' })]),
    );
    const done = await t.prisma.alert.findUniqueOrThrow({
      where: { integrationId_dedupKey: { integrationId: integration.id, dedupKey: 'm-done' } },
    });
    await t.ok(`mutation ($input: MoveTaskInput!) { moveTask(input: $input) { id } }`, {
      input: { taskId: done.taskId, columnId: setup.board.column.DONE!.id },
    });
    const res = await postWebhook(
      t,
      integration,
      amGroup([
        amAlert({ fingerprint: 'm-new-1' }),
        amAlert({ fingerprint: 'm-new-2' }),
        amAlert({ fingerprint: 'm-open' }),
        amAlert({ fingerprint: 'm-resolve', status: 'resolved' }),
        amAlert({ fingerprint: 'm-done' }),
        amAlert({ fingerprint: 'm-dev', labels: { env: 'dev' } }),
        // Resolved before it was ever seen firing: recorded, no card.
        amAlert({ fingerprint: 'm-unseen', status: 'resolved' }),
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      deliveryId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      received: 7,
      created: 2,
      updated: 1,
      resolved: 2,
      reopened: 1,
      ignored: 1,
    });
    const unseen = await t.prisma.alert.findUniqueOrThrow({
      where: { integrationId_dedupKey: { integrationId: integration.id, dedupKey: 'm-unseen' } },
    });
    expect(unseen).toMatchObject({ status: 'RESOLVED', taskId: null, firings: 0 });
    expect(
      await t.prisma.alert.count({ where: { integrationId: integration.id, dedupKey: 'm-dev' } }),
    ).toBe(0);
    const stored = await t.prisma.webhookDelivery.findUniqueOrThrow({
      where: { id: res.body.deliveryId },
    });
    expect(stored.summary).toMatchObject({
      received: 7,
      created: 2,
      updated: 1,
      resolved: 2,
      reopened: 1,
      ignored: 1,
      overfullColumns: [],
    });
  });

  it('takes a storm of 1000 alerts, the most one delivery may carry, as 1000 cards', async () => {
    const { team } = await alertTeam(t, { sprint: false });
    const integration = await createIntegration(t, team.id);
    const storm = amGroup(
      Array.from({ length: 1000 }, (_, i) =>
        amAlert({ fingerprint: `storm-${i}`, labels: { instance: `host-${i}` } }),
      ),
    );
    expect(await deliver(t, integration, storm)).toMatchObject(
      counts({ received: 1000, created: 1000 }),
    );
    expect(await t.prisma.task.count({ where: { teamId: team.id } })).toBe(1000);
    expect(await t.prisma.alert.count({ where: { integrationId: integration.id } })).toBe(1000);
  });

  it('lists deliveries newest first with body, selected headers (never credentials) and outcome, page by page', async () => {
    const integration = await createIntegration(t, setup.team.id, { kind: 'GENERIC' });
    const bodies = [0, 1, 2, 3, 4].map((i) =>
      JSON.stringify(genericAlert({ fingerprint: `page-${i}`, title: `Page ${i}` })),
    );
    const ids: string[] = [];
    for (const body of bodies) {
      const res = await postWebhook(t, integration, body, {
        'user-agent': 'cron-monitor/2.1',
        'x-request-id': `req-${ids.length}`,
        'x-custom-secret': 'should-not-be-kept',
        cookie: 'session=abc',
      });
      expect(res.status).toBe(200);
      ids.push(res.body.deliveryId);
    }
    const first = await deliveries(t, integration.id, { first: 2 });
    expect(first.totalCount).toBe(5);
    expect(first.hasNextPage).toBe(true);
    expect(first.nodes.map((d) => d.id)).toEqual([ids[4], ids[3]]);
    const node = first.nodes[0]!;
    expect(node).toMatchObject({
      body: bodies[4],
      outcome: 'PROCESSED',
      error: null,
      replayOfId: null,
      requestId: 'req-4',
      contentType: 'application/json',
      summary: counts({ received: 1, created: 1 }),
    });
    expect(node.headers).toEqual({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(bodies[4]!)),
      'user-agent': 'cron-monitor/2.1',
      'x-request-id': 'req-4',
    });
    const second = await deliveries(t, integration.id, { first: 2, after: first.endCursor! });
    const third = await deliveries(t, integration.id, { first: 2, after: second.endCursor! });
    expect(second.nodes.map((d) => d.id)).toEqual([ids[2], ids[1]]);
    expect(third.nodes.map((d) => d.id)).toEqual([ids[0]]);
    expect(third.hasNextPage).toBe(false);
    expectCode(
      await t.gql(
        `query ($id: ID!) { webhookDeliveries(integrationId: $id, after: "garbage") { totalCount } }`,
        { id: integration.id },
      ),
      'BAD_USER_INPUT',
    );
    expectCode(
      await t.gql(
        `query { webhookDeliveries(integrationId: "00000000-0000-4000-8000-000000000000") { totalCount } }`,
      ),
      'NOT_FOUND',
    );
  });

  it('keeps a rejected body as REJECTED, with the error the sender got', async () => {
    const integration = await createIntegration(t, setup.team.id);
    const body = amGroup([amAlert(), { ...amAlert(), labels: 'oops' }]);
    const res = await postWebhook(t, integration, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      error: 'BAD_USER_INPUT',
      path: 'alerts[1].labels',
      message: 'alerts[1].labels must be an object of strings (got a string)',
      deliveryId: expect.any(String),
    });
    const list = await deliveries(t, integration.id);
    expect(list.nodes).toEqual([
      expect.objectContaining({
        id: res.body.deliveryId,
        outcome: 'REJECTED',
        error: 'alerts[1].labels must be an object of strings (got a string)',
        summary: null,
        body: JSON.stringify(body),
      }),
    ]);
    // Nothing of a rejected delivery reached alerts or cards.
    expect(await t.prisma.alert.count({ where: { integrationId: integration.id } })).toBe(0);
  });

  it('replays a delivery as a new one pointing to the original, counted as repeats', async () => {
    const integration = await createIntegration(t, setup.team.id);
    const answer = await deliver(t, integration, fixture('alertmanager-firing.json'));
    const tasksBefore = await t.prisma.task.count({ where: { teamId: setup.team.id } });
    const replay = (await t.ok(REPLAY, { id: answer.deliveryId })).replayWebhookDelivery;
    expect(replay).toEqual({
      id: expect.any(String),
      outcome: 'PROCESSED',
      replayOfId: answer.deliveryId,
      body: JSON.stringify(fixture('alertmanager-firing.json')),
      error: null,
      summary: counts({ received: 2, updated: 2 }),
    });
    expect(replay.id).not.toBe(answer.deliveryId);
    expect(await t.prisma.task.count({ where: { teamId: setup.team.id } })).toBe(tasksBefore);
    const alerts = await t.prisma.alert.findMany({ where: { integrationId: integration.id } });
    expect(alerts.map((a) => a.occurrences)).toEqual([2, 2]);
    expect(alerts.every((a) => a.lastDeliveryId === replay.id)).toBe(true);
    const list = await deliveries(t, integration.id);
    expect(list.nodes.map((d) => [d.id, d.replayOfId])).toEqual([
      [replay.id, answer.deliveryId],
      [answer.deliveryId, null],
    ]);

    // A replay follows the integration's current rules.
    await t.ok(
      `mutation ($id: ID!, $input: UpdateAlertIntegrationInput!) { updateAlertIntegration(id: $id, input: $input) { id } }`,
      {
        id: integration.id,
        input: {
          rules: {
            ignore: [{ matchers: [{ label: 'alertname', op: 'EQ', value: 'HighErrorRate' }] }],
          },
        },
      },
    );
    const ignored = (await t.ok(REPLAY, { id: answer.deliveryId })).replayWebhookDelivery;
    expect(ignored.summary).toEqual(counts({ received: 2, ignored: 2 }));
  });

  it('replays a rejected delivery as rejected again, and refuses unknown ids', async () => {
    const integration = await createIntegration(t, setup.team.id);
    const res = await postWebhook(t, integration, { version: '3', alerts: [] });
    expect(res.status).toBe(400);
    expect(res.body.path).toBe('version');
    const replay = (await t.ok(REPLAY, { id: res.body.deliveryId })).replayWebhookDelivery;
    expect(replay).toMatchObject({
      outcome: 'REJECTED',
      replayOfId: res.body.deliveryId,
      error: 'version must be "4" for Alertmanager webhooks (got "3")',
    });
    expectCode(await t.gql(REPLAY, { id: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND');
    expect(await t.prisma.webhookDelivery.count({ where: { integrationId: integration.id } })).toBe(
      2,
    );
  });
});
