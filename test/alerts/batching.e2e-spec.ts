/**
 * Group commit of deliveries (DeliveryBatcher, AlertProcessor.processBatch): deliveries of one
 * integration that arrive while another is being processed share one transaction. What they do
 * must be exactly what processing them one after the other gives, and one bad delivery must not
 * take the others down with it.
 */
import { randomUUID } from 'node:crypto';
import { parseAlertPayload } from '../../src/alerts/parsers';
import { AlertProcessor } from '../../src/alerts/processing/alert-processor.service';
import type { DeliveryJob, ProcessResult } from '../../src/alerts/processing/delivery.types';
import { DeliveryBatcher } from '../../src/alerts/processing/delivery-batcher';
import { AlertIntegrationsRepository } from '../../src/alerts/integrations/alert-integrations.repository';
import { WebhookIngestService } from '../../src/alerts/webhooks/webhook-ingest.service';
import type { AlertIntegration } from '../../src/generated/prisma/client';
import {
  createIntegration,
  postWebhook,
  alertTeam,
  expectAll200,
} from '../helpers/alert-factories';
import { amAlert, amGroup, uniqueId } from '../helpers/alert-payloads';
import { eventually } from '../helpers/eventually';
import type { Response } from 'supertest';
import { startTestApp, TestApp } from '../helpers/test-app';

describe('batched deliveries', () => {
  let t: TestApp;
  let processor: AlertProcessor;
  let batcher: DeliveryBatcher;

  beforeAll(async () => {
    t = await startTestApp();
    processor = t.app.get(AlertProcessor);
    batcher = t.app.get(DeliveryBatcher);
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await t.close();
  });

  async function integrationRow(id: string): Promise<AlertIntegration> {
    return t.prisma.alertIntegration.findUniqueOrThrow({ where: { id } });
  }

  function job(
    integration: AlertIntegration,
    body: Record<string, unknown>,
    at: Date,
  ): DeliveryJob {
    const parsed = parseAlertPayload(integration.kind, body, {
      dedupBy: integration.dedupBy,
      now: at,
    });
    return {
      alerts: parsed.alerts,
      delivery: {
        id: randomUUID(),
        receivedAt: at,
        requestId: null,
        contentType: 'application/json',
        headers: {},
        body: JSON.stringify(body),
        replayOfId: null,
      },
    };
  }

  /** Everything the deliveries left behind on a team, keyed by what is comparable across teams. */
  async function stateOf(teamId: string, integrationId: string) {
    const alerts = await t.prisma.alert.findMany({
      where: { integrationId },
      orderBy: { dedupKey: 'asc' },
      include: { task: true },
    });
    const tasks = await t.prisma.task.findMany({
      where: { teamId },
      orderBy: { number: 'asc' },
      include: { column: true },
    });
    const events = await t.prisma.taskEvent.findMany({ where: { teamId } });
    const episodes = await t.prisma.alertEpisode.findMany({ where: { teamId } });
    const keyOfAlert = new Map(alerts.map((a) => [a.id, a.dedupKey]));
    const keyOfTask = new Map(
      tasks.map((x) => [x.id, alerts.find((a) => a.taskId === x.id)?.dedupKey ?? `#${x.number}`]),
    );
    return {
      alerts: alerts.map((a) => ({
        key: a.dedupKey,
        status: a.status,
        severity: a.severity,
        occurrences: a.occurrences,
        firings: a.firings,
        flaps: a.flaps,
        acknowledged: a.acknowledged,
        card: a.task
          ? {
              number: a.task.number,
              priority: a.task.priority,
              done: a.task.completedAt !== null,
              reopenCount: a.task.reopenCount,
            }
          : null,
      })),
      cards: tasks.map((x) => ({
        alert: keyOfTask.get(x.id),
        title: x.title,
        priority: x.priority,
        column: x.column?.category ?? null,
        related: x.relatedTaskId ? keyOfTask.get(x.relatedTaskId) : null,
      })),
      events: events.map((e) => `${keyOfTask.get(e.taskId)}:${e.kind}`).sort(),
      episodes: episodes
        .map((e) => `${keyOfAlert.get(e.alertId)}:${e.endedAt ? 'ended' : 'open'}`)
        .sort(),
    };
  }

  const summaries = (results: ProcessResult[]) =>
    results.map((r) => ({
      ...r.summary,
      items: r.items.map((i) => `${i.dedupKey}:${i.outcome}:${i.taskId ? 'card' : '-'}`),
    }));

  it('processing deliveries together gives what processing them one after the other gives', async () => {
    const one = await alertTeam(t);
    const two = await alertTeam(t);
    const a = await integrationRow((await createIntegration(t, one.team.id)).id);
    const b = await integrationRow((await createIntegration(t, two.team.id)).id);
    const fp = (name: string) => `batch-${name}`;
    const alert = (name: string, extra: Parameters<typeof amAlert>[0] = {}) =>
      amAlert({ fingerprint: fp(name), labels: { alertname: name }, ...extra });
    // X fires, repeats, resolves, fires again (refire on its open card), repeats; Y rises from
    // warning to critical (priority raised) and repeats; Z is new late; W resolves unseen.
    const bodies = [
      amGroup([alert('X'), alert('Y')]),
      amGroup([alert('X')]),
      amGroup([alert('X', { status: 'resolved' })]),
      amGroup([alert('X'), alert('Z', { labels: { alertname: 'Z', severity: 'critical' } })]),
      amGroup([alert('Y', { labels: { alertname: 'Y', severity: 'critical' } })]),
      amGroup([alert('X'), alert('Y', { labels: { alertname: 'Y', severity: 'critical' } })]),
      amGroup([alert('Y', { status: 'resolved' }), alert('W', { status: 'resolved' })]),
      amGroup([alert('Z', { labels: { alertname: 'Z', severity: 'critical' } })]),
    ];
    const start = Date.now();
    const at = (i: number) => new Date(start + i * 1000);

    const together = await processor.processBatch(
      a,
      bodies.map((body, i) => job(a, body, at(i))),
    );
    const oneByOne: ProcessResult[] = [];
    for (const [i, body] of bodies.entries()) {
      oneByOne.push(...(await processor.processBatch(b, [job(b, body, at(i))])));
    }

    expect(summaries(together)).toEqual(summaries(oneByOne));
    const batched = await stateOf(one.team.id, a.id);
    expect(batched).toEqual(await stateOf(two.team.id, b.id));
    // The sequence did what it says (so the comparison above compares something).
    expect(batched.alerts.map((x) => [x.key, x.status, x.occurrences, x.firings])).toEqual([
      [fp('W'), 'RESOLVED', 1, 0],
      [fp('X'), 'FIRING', 5, 2],
      [fp('Y'), 'RESOLVED', 4, 1],
      [fp('Z'), 'FIRING', 2, 1],
    ]);
    expect(batched.events).toContain(`${fp('Y')}:PRIORITY_RAISED`);
    expect(batched.events).toContain(`${fp('X')}:ALERT_FIRED`);
    expect(await t.prisma.webhookDelivery.count({ where: { integrationId: a.id } })).toBe(8);
    const last = await t.prisma.alert.findFirstOrThrow({
      where: { integrationId: a.id, dedupKey: fp('Z') },
    });
    expect(last.lastDeliveryId).toBe(
      (
        await t.prisma.webhookDelivery.findFirstOrThrow({
          where: { integrationId: a.id },
          orderBy: { receivedAt: 'desc' },
        })
      ).id,
    );
  });

  it('posts arriving together share transactions and still answer each for itself', async () => {
    const setup = await alertTeam(t);
    const ref = await createIntegration(t, setup.team.id);
    const calls: number[] = [];
    const original = processor.processBatch.bind(processor);
    jest.spyOn(processor, 'processBatch').mockImplementation((integration, jobs) => {
      calls.push(jobs.length);
      return original(integration, jobs);
    });
    const known = amAlert({ fingerprint: uniqueId('known') });
    const posts = Array.from({ length: 40 }, (_, i) =>
      postWebhook(
        t,
        ref,
        // Every post repeats one alert, and half of them add one of their own.
        amGroup(i % 2 ? [known, amAlert({ fingerprint: `own-${i}` })] : [known]),
      ),
    );
    const responses = await Promise.all(posts);
    expectAll200(responses);
    expect(calls.reduce((n, c) => n + c, 0)).toBe(40);
    // On PostgreSQL the posts overlap and share transactions. PGlite has one connection, held by
    // each transaction to its end, so there a post's authentication already waits for the
    // previous delivery to commit and each is processed alone.
    if (t.database.kind === 'postgres') expect(calls.length).toBeLessThan(20);
    const bodies = responses.map((r) => r.body as { created: number; updated: number });
    expect(bodies.reduce((n, x) => n + x.created, 0)).toBe(21);
    expect(bodies.reduce((n, x) => n + x.updated, 0)).toBe(39);
    const alert = await t.prisma.alert.findFirstOrThrow({
      where: { integrationId: ref.id, dedupKey: known.fingerprint as string },
    });
    expect(alert.occurrences).toBe(40);
    const tasks = await t.prisma.task.findMany({ where: { teamId: setup.team.id } });
    expect(tasks.map((x) => x.number).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 21 }, (_, i) => i + 1),
    );
    expect(
      await t.prisma.webhookDelivery.count({
        where: { integrationId: ref.id, outcome: 'PROCESSED' },
      }),
    ).toBe(40);
  });

  it('a delivery that fails in a batch fails alone: the others are processed one by one', async () => {
    const setup = await alertTeam(t);
    const integration = await integrationRow((await createIntegration(t, setup.team.id)).id);
    const now = new Date();
    const first = job(integration, amGroup([amAlert({ fingerprint: uniqueId('a') })]), now);
    const good = job(integration, amGroup([amAlert({ fingerprint: uniqueId('b') })]), now);
    // Same delivery id as the first: its insert breaks the batch's transaction.
    const bad = job(integration, amGroup([amAlert({ fingerprint: uniqueId('c') })]), now);
    bad.delivery.id = first.delivery.id;
    const calls: number[] = [];
    const original = processor.processBatch.bind(processor);
    jest.spyOn(processor, 'processBatch').mockImplementation((i, jobs) => {
      calls.push(jobs.length);
      return original(i, jobs);
    });

    const settled = await Promise.allSettled([
      batcher.submit(integration, first),
      batcher.submit(integration, good),
      batcher.submit(integration, bad),
    ]);
    // The first alone, then the two waiting together, then each of those alone.
    expect(calls).toEqual([1, 2, 1, 1]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((settled[1] as PromiseFulfilledResult<ProcessResult>).value.summary.created).toBe(1);
    const cards = await t.prisma.task.findMany({ where: { teamId: setup.team.id } });
    expect(cards.map((c) => c.number).sort()).toEqual([1, 2]);
    expect(await t.prisma.webhookDelivery.count({ where: { integrationId: integration.id } })).toBe(
      2,
    );
    expect(batcher.waiting).toBe(0);
  });

  it('posts arriving together share the read of their integration, and a change is seen at once after', async () => {
    const setup = await alertTeam(t);
    const ref = await createIntegration(t, setup.team.id);
    const repository = t.app.get(AlertIntegrationsRepository);
    // The single-flight lookup is private: spied on by name to count the posts that asked.
    const ingest = t.app.get<WebhookIngestService, { integrationOf(id: string): Promise<unknown> }>(
      WebhookIngestService,
    );
    const asks = jest.spyOn(ingest, 'integrationOf');
    const read = repository.findById.bind(repository);
    // The first read waits until a second post asks for the integration, so the posts overlap
    // however busy the machine is (a read that finished first would leave nothing to share).
    const reads = jest.spyOn(repository, 'findById').mockImplementation(async (id) => {
      await eventually(() => asks.mock.calls.length >= 2, {
        message: 'a second post asking for the integration',
      });
      return read(id);
    });
    const body = amGroup([amAlert({ fingerprint: uniqueId('shared') })]);
    expectAll200(await Promise.all(Array.from({ length: 30 }, () => postWebhook(t, ref, body))));
    expect(asks.mock.calls.length).toBe(30);
    expect(reads.mock.calls.every(([id]) => id === ref.id)).toBe(true);
    expect(reads.mock.calls.length).toBeLessThan(30);
    reads.mockRestore();
    asks.mockRestore();
    // Nothing is kept: once rotated (no grace period), the old token fails on the next post.
    const rotated = await t.ok<{ rotateIntegrationToken: { token: string } }>(
      `mutation ($id: ID!) { rotateIntegrationToken(id: $id, graceMinutes: 0) { token } }`,
      { id: ref.id },
    );
    expect((await postWebhook(t, ref, body)).status).toBe(401);
    const fresh = { ...ref, token: rotated.rotateIntegrationToken.token };
    expect((await postWebhook(t, fresh, body)).status).toBe(200);
  });

  it('refuses posts beyond the waiting limit with 503 and Retry-After, storing nothing of them', async () => {
    const small = await startTestApp({ env: { WEBHOOK_QUEUE_MAX_DELIVERIES: '2' } });
    let release: (() => void) | undefined;
    try {
      const setup = await alertTeam(small);
      const ref = await createIntegration(small, setup.team.id);
      const smallProcessor = small.app.get(AlertProcessor);
      const original = smallProcessor.processBatch.bind(smallProcessor);
      // The first batch holds until released, so the next posts have to wait behind it.
      const held = new Promise<void>((resolve) => (release = resolve));
      let first = true;
      jest.spyOn(smallProcessor, 'processBatch').mockImplementation(async (integration, jobs) => {
        if (first) {
          first = false;
          await held;
        }
        return original(integration, jobs);
      });
      // Sent at once (a supertest request only starts when awaited).
      const post = (i: number): Promise<Response> =>
        Promise.resolve(
          postWebhook(small, ref, amGroup([amAlert({ fingerprint: `queued-${i}` })])),
        );
      const running = post(0);
      const waitingBatcher = small.app.get(DeliveryBatcher);
      const queued = [post(1), post(2)];
      await eventually(() => waitingBatcher.waiting >= 2, {
        intervalMs: 10,
        message: 'two deliveries waiting behind the held batch',
      });
      expect(waitingBatcher.waiting).toBe(2);
      const refused = await post(3);
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.body).toMatchObject({
        statusCode: 503,
        message:
          'Too many deliveries to this integration are waiting to be processed (at most 2 deliveries or 64 MiB); retry shortly',
      });
      release?.();
      expectAll200([await running, ...(await Promise.all(queued))]);
      const stored = await small.prisma.webhookDelivery.findMany({
        where: { integrationId: ref.id },
      });
      expect(stored.map((d) => d.outcome)).toEqual(['PROCESSED', 'PROCESSED', 'PROCESSED']);
      expect(await small.prisma.task.count({ where: { teamId: setup.team.id } })).toBe(3);
    } finally {
      release?.();
      await small.close();
    }
  });
});
