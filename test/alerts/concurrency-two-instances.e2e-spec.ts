/**
 * Two app instances on one PostgreSQL (replicas behind a load balancer) receiving the same
 * deliveries in parallel behave as one: dedup, card numbers and ranks come from the database.
 * PostgreSQL only: the embedded database belongs to one process.
 */
import type { Response } from 'supertest';
import {
  createIntegration,
  fixture,
  alertTeam,
  expectAll200,
  postUntilAccepted,
} from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { cardNumbers, columnOrder, errorLogs } from '../helpers/alert-readers';
import { startTestApp, TestApp } from '../helpers/test-app';
import { usingPostgres } from '../helpers/test-database';

const describeOnPostgres = usingPostgres() ? describe : describe.skip;

describeOnPostgres('two app instances on one PostgreSQL', () => {
  let t: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    second = await startTestApp({ database: t.database });
  });

  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('receiving the same deliveries in parallel, they make one card per alert and count every repeat', async () => {
    const setup = await alertTeam(t);
    const integration = await createIntegration(t, setup.team.id);
    const apps = [t, second];
    const group = fixture('alertmanager-firing.json');
    const distinct = Array.from({ length: 20 }, (_, i) =>
      amGroup([
        amAlert({ fingerprint: `two-${i}`, labels: { severity: i % 2 ? 'critical' : 'info' } }),
      ]),
    );
    // A 503 (pool busy on a loaded machine) is retried, as Alertmanager does.
    const post = (app: TestApp, body: unknown): Promise<Response> =>
      postUntilAccepted(app, integration, body).then((r) => r.res);
    const posts: Promise<Response>[] = [];
    // The HA pair: each instance receives the group twice; the distinct alerts alternate…
    for (let i = 0; i < 4; i++) posts.push(post(apps[i % 2]!, group));
    distinct.forEach((body, i) => posts.push(post(apps[i % 2]!, body)));
    // …and every distinct alert comes once more, through the other instance.
    distinct.forEach((body, i) => posts.push(post(apps[(i + 1) % 2]!, body)));
    const responses = await Promise.all(posts);
    expectAll200(responses);

    const alerts = await t.prisma.alert.findMany({ where: { integrationId: integration.id } });
    expect(alerts).toHaveLength(22);
    const byKey = new Map(alerts.map((a) => [a.dedupKey, a]));
    expect(byKey.get('a3f9c2e41b7d5e60')!.occurrences).toBe(4);
    expect(byKey.get('5c0e8d17f2a94b33')!.occurrences).toBe(4);
    for (let i = 0; i < 20; i++) expect(byKey.get(`two-${i}`)!.occurrences).toBe(2);
    expect(await cardNumbers(t, setup.team.id)).toEqual(
      Array.from({ length: 22 }, (_, i) => i + 1),
    );
    expect(new Set(alerts.map((a) => a.taskId)).size).toBe(22);
    const created = responses.reduce((sum, r) => sum + (r.body as { created: number }).created, 0);
    expect(created).toBe(22);
    const order = await columnOrder(t, setup.board.column.TRIAGE!.id);
    expect(new Set(order.map((c) => c.rank)).size).toBe(22);
    const weights: Record<string, number> = { URGENT: 2, LOW: 1 };
    const priorities = order.map((c) => weights[c.priority]!);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(
      await t.prisma.webhookDelivery.count({
        where: { integrationId: integration.id, outcome: 'PROCESSED' },
      }),
    ).toBe(44);
    // Both instances did part of the work, and neither logged an error.
    for (const app of apps) {
      expect(app.logs.some((l) => l.msg === 'webhook delivery processed')).toBe(true);
      expect(errorLogs(app)).toEqual([]);
    }
  });
});
