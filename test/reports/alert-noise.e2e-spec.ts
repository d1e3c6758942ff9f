import { createIntegration, deliver } from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { dbCardOfKey } from '../helpers/alert-readers';
import { moveTask } from '../helpers/factories';
import { expectBadInput } from '../helpers/graphql-errors';
import { teamWithBoard } from '../helpers/planning-factories';
import { backdateEpisodeEnds } from '../helpers/backdating';
import { startTestApp, TestApp } from '../helpers/test-app';

const NOISE = `query ($teamId: ID!, $from: Date!, $to: Date!, $limit: Int) {
  alertNoiseReport(teamId: $teamId, from: $from, to: $to, limit: $limit) {
    teamId from to
    alerts { alertId name title severity status integration firings cardsCreated wontFixShare
      medianFiringMinutes flaps occurrences }
  }
}`;

/**
 * Alerts of one team, window 2026-11-01..11-25 (episodes start at the alert's startsAt):
 *   DiskFull  fires 11-02, 11-03, 11-04, resolving after 10, 30, 20 min: 3 firings, 2 flaps,
 *             1 card, median 20 min, 6 notifications
 *   DbDown    fires 11-05 (60 min), its card closed as won't fix, fires again 11-06 (muted,
 *             still firing): 2 firings, 1 flap, 1 card, won't fix 100%, median 60
 *   JobFailed (integration that never reopens) fires 11-07 (45 min), card done, fires 11-08:
 *             a new card, closed as won't fix: 2 firings, 1 flap, 2 cards, won't fix 50%
 *   OldAlert  fired 10-20 (before the window, 5 min), fires 11-09: 1 firing in the window, 1 flap
 *   CpuHigh   fires 11-10, still firing: 1 firing, no flap, median null
 */
describe('alert noise report', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('ranks alerts by firings, flaps and notifications, with cards, won’t-fix share and time firing', async () => {
    const { team, board } = await teamWithBoard(t);
    const prometheus = await createIntegration(t, team.id, { name: 'Prometheus' });
    const batch = await createIntegration(t, team.id, {
      name: 'Batch',
      reopenWindowMinutes: 0,
    });
    const send = async (
      integration: typeof prometheus,
      name: string,
      severity: string,
      startsAt: string,
      status: 'firing' | 'resolved' = 'firing',
    ) =>
      deliver(
        t,
        integration,
        amGroup([
          amAlert({
            fingerprint: name,
            status,
            startsAt,
            labels: { alertname: name, severity },
            annotations: { summary: `${name} summary` },
          }),
        ]),
      );
    const wontFix = (taskId: string) =>
      t.ok(`mutation ($id: ID!) { closeTaskAsWontFix(taskId: $id) { id } }`, { id: taskId });

    for (const day of ['02', '03', '04']) {
      await send(prometheus, 'DiskFull', 'warning', `2026-11-${day}T10:00:00.000Z`);
      await send(prometheus, 'DiskFull', 'warning', `2026-11-${day}T10:00:00.000Z`, 'resolved');
    }

    await send(prometheus, 'DbDown', 'critical', '2026-11-05T10:00:00.000Z');
    await send(prometheus, 'DbDown', 'critical', '2026-11-05T10:00:00.000Z', 'resolved');
    await wontFix(await dbCardOfKey(t, prometheus.id, 'DbDown'));
    await send(prometheus, 'DbDown', 'critical', '2026-11-06T10:00:00.000Z');

    await send(batch, 'JobFailed', 'high', '2026-11-07T02:00:00.000Z');
    const firstJobCard = await dbCardOfKey(t, batch.id, 'JobFailed');
    await moveTask(t, { taskId: firstJobCard, columnId: board.column.DONE?.id });
    await send(batch, 'JobFailed', 'high', '2026-11-07T02:00:00.000Z', 'resolved');
    await send(batch, 'JobFailed', 'high', '2026-11-08T02:00:00.000Z');
    const secondJobCard = await dbCardOfKey(t, batch.id, 'JobFailed');
    expect(secondJobCard).not.toBe(firstJobCard);
    await wontFix(secondJobCard);

    await send(prometheus, 'OldAlert', 'warning', '2026-10-20T10:00:00.000Z');
    await send(prometheus, 'OldAlert', 'warning', '2026-10-20T10:00:00.000Z', 'resolved');
    await send(prometheus, 'OldAlert', 'warning', '2026-11-09T10:00:00.000Z');

    await send(prometheus, 'CpuHigh', 'warning', '2026-11-10T10:00:00.000Z');

    const alertId = async (integrationId: string, dedupKey: string) =>
      (
        await t.prisma.alert.findUniqueOrThrow({
          where: { integrationId_dedupKey: { integrationId, dedupKey } },
        })
      ).id;
    const ids = {
      disk: await alertId(prometheus.id, 'DiskFull'),
      db: await alertId(prometheus.id, 'DbDown'),
      job: await alertId(batch.id, 'JobFailed'),
      old: await alertId(prometheus.id, 'OldAlert'),
      cpu: await alertId(prometheus.id, 'CpuHigh'),
    };
    // The resolves arrived now; date the ends as if they came on time.
    await backdateEpisodeEnds(t, ids.disk, [10, 30, 20]);
    await backdateEpisodeEnds(t, ids.db, [60, null]);
    await backdateEpisodeEnds(t, ids.job, [45, null]);
    await backdateEpisodeEnds(t, ids.old, [5, null]);

    // Another team's alerts never show.
    const other = await teamWithBoard(t);
    const otherIntegration = await createIntegration(t, other.team.id);
    for (let i = 0; i < 4; i++) {
      await deliver(
        t,
        otherIntegration,
        amGroup([amAlert({ fingerprint: `other-${i}`, startsAt: '2026-11-11T10:00:00.000Z' })]),
      );
    }

    const { alertNoiseReport: report } = await t.ok(NOISE, {
      teamId: team.id,
      from: '2026-11-01',
      to: '2026-11-25',
    });
    expect(report).toMatchObject({ teamId: team.id, from: '2026-11-01', to: '2026-11-25' });
    expect(report.alerts).toEqual([
      {
        alertId: ids.disk,
        name: 'DiskFull',
        title: 'DiskFull summary',
        severity: 'WARNING',
        status: 'RESOLVED',
        integration: 'Prometheus',
        firings: 3,
        cardsCreated: 1,
        wontFixShare: 0,
        medianFiringMinutes: 20,
        flaps: 2,
        occurrences: 6,
      },
      {
        alertId: ids.db,
        name: 'DbDown',
        title: 'DbDown summary',
        severity: 'CRITICAL',
        status: 'FIRING',
        integration: 'Prometheus',
        firings: 2,
        cardsCreated: 1,
        wontFixShare: 1,
        medianFiringMinutes: 60,
        flaps: 1,
        occurrences: 3,
      },
      {
        alertId: ids.job,
        name: 'JobFailed',
        title: 'JobFailed summary',
        severity: 'HIGH',
        status: 'FIRING',
        integration: 'Batch',
        firings: 2,
        cardsCreated: 2,
        wontFixShare: 0.5,
        medianFiringMinutes: 45,
        flaps: 1,
        occurrences: 3,
      },
      expect.objectContaining({
        alertId: ids.old,
        name: 'OldAlert',
        firings: 1,
        cardsCreated: 1,
        medianFiringMinutes: null,
        flaps: 1,
        occurrences: 3,
      }),
      expect.objectContaining({
        alertId: ids.cpu,
        name: 'CpuHigh',
        firings: 1,
        cardsCreated: 1,
        wontFixShare: 0,
        medianFiringMinutes: null,
        flaps: 0,
        occurrences: 1,
      }),
    ]);

    const top = await t.ok(NOISE, {
      teamId: team.id,
      from: '2026-11-01',
      to: '2026-11-25',
      limit: 2,
    });
    expect(top.alertNoiseReport.alerts.map((a: { name: string }) => a.name)).toEqual([
      'DiskFull',
      'DbDown',
    ]);
    // A window holding only the old alert's first episode.
    const october = await t.ok(NOISE, { teamId: team.id, from: '2026-10-01', to: '2026-10-31' });
    expect(october.alertNoiseReport.alerts).toEqual([
      expect.objectContaining({ name: 'OldAlert', firings: 1, flaps: 0, medianFiringMinutes: 5 }),
    ]);

    expectBadInput(
      await t.gql(NOISE, { teamId: team.id, from: '2026-11-01', to: '2026-11-25', limit: 0 }),
      'limit',
    );
    expectBadInput(
      await t.gql(NOISE, { teamId: team.id, from: '2026-11-25', to: '2026-11-01' }),
      'to',
    );
  });
});
