/**
 * Deliveries in parallel: an HA Alertmanager pair plus a retry posting the same group, and a
 * storm of distinct alerts. Dedup, task numbers and ranks must come from the database, never from
 * one process (two instances on one PostgreSQL: concurrency-two-instances.e2e-spec.ts).
 */
import {
  createIntegration,
  fixture,
  postWebhook,
  alertTeam,
  expectAll200,
  postUntilAccepted,
} from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { cardNumbers, columnOrder, errorLogs } from '../helpers/alert-readers';
import { startTestApp, TestApp } from '../helpers/test-app';

describe('parallel deliveries', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('the same delivery posted 3 times at once makes one card per alert and counts 3 occurrences', async () => {
    const setup = await alertTeam(t);
    const integration = await createIntegration(t, setup.team.id);
    const body = fixture('alertmanager-firing.json');
    const responses = await Promise.all([1, 2, 3].map(() => postWebhook(t, integration, body)));
    expectAll200(responses);
    const alerts = await t.prisma.alert.findMany({
      where: { integrationId: integration.id },
      orderBy: { dedupKey: 'asc' },
    });
    expect(alerts.map((a) => [a.dedupKey, a.occurrences, a.firings])).toEqual([
      ['5c0e8d17f2a94b33', 3, 1],
      ['a3f9c2e41b7d5e60', 3, 1],
    ]);
    expect(await cardNumbers(t, setup.team.id)).toEqual([1, 2]);
    expect(new Set(alerts.map((a) => a.taskId)).size).toBe(2);
    // Exactly one of the three created the cards; the others counted repeats.
    const answers = responses.map((r) => r.body as { created: number; updated: number });
    expect(answers.map((a) => a.created).sort()).toEqual([0, 0, 2]);
    expect(answers.map((a) => a.updated).sort()).toEqual([0, 2, 2]);
    expect(
      await t.prisma.webhookDelivery.count({
        where: { integrationId: integration.id, outcome: 'PROCESSED' },
      }),
    ).toBe(3);
    expect(
      await t.prisma.taskEvent.count({ where: { teamId: setup.team.id, kind: 'CREATED' } }),
    ).toBe(2);
  });

  it('100 distinct alerts posted at once make 100 cards with distinct sequential keys and ranks', async () => {
    const setup = await alertTeam(t);
    const integration = await createIntegration(t, setup.team.id);
    const severities = ['critical', 'warning', 'info', 'high'];
    // One team's deliveries serialize on its row (sequential numbers): on a loaded machine the
    // burst outlasts the pool's wait for a connection, and the late ones get 503 + Retry-After,
    // with nothing stored. They are retried, as Alertmanager does; nothing else is accepted.
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        postUntilAccepted(
          t,
          integration,
          amGroup([
            amAlert({ fingerprint: `storm-${i}`, labels: { severity: severities[i % 4]! } }),
          ]),
        ),
      ),
    );
    expectAll200(results.map((r) => r.res));
    expect(results.every((r) => r.res.body.created === 1)).toBe(true);
    // One PROCESSED delivery per alert. A 503'd attempt wrote nothing of its own; at most the
    // inbox kept it as FAILED (for senders that never retry, like Kapacitor).
    const stored = await t.prisma.webhookDelivery.findMany({
      where: { integrationId: integration.id },
      select: { outcome: true, error: true },
    });
    expect(stored.filter((d) => d.outcome === 'PROCESSED')).toHaveLength(100);
    const failed = stored.filter((d) => d.outcome !== 'PROCESSED');
    expect(failed.length).toBeLessThanOrEqual(results.reduce((n, r) => n + r.retries, 0));
    for (const d of failed)
      expect(d).toEqual({
        outcome: 'FAILED',
        error: 'The database is unavailable; try again shortly',
      });
    expect(errorLogs(t)).toEqual([]);
    const tasks = await t.prisma.task.findMany({ where: { teamId: setup.team.id } });
    expect(tasks).toHaveLength(100);
    expect(tasks.map((x) => x.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
    expect(new Set(tasks.map((x) => x.key)).size).toBe(100);
    expect(
      tasks.every(
        (x) =>
          x.key === `${setup.team.key}-${x.number}` && x.sprintId === setup.sprintId && !x.planned,
      ),
    ).toBe(true);
    const alerts = await t.prisma.alert.findMany({ where: { integrationId: integration.id } });
    expect(new Set(alerts.map((a) => a.taskId)).size).toBe(100);
    // Ranks are distinct and the column is ordered by priority.
    const order = await columnOrder(t, setup.board.column.TRIAGE!.id);
    expect(new Set(order.map((c) => c.rank)).size).toBe(100);
    const weights: Record<string, number> = { URGENT: 4, HIGH: 3, MEDIUM: 2, LOW: 1 };
    const priorities = order.map((c) => weights[c.priority]!);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
  });
});
