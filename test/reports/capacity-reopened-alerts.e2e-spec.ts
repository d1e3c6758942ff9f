import { createIntegration, counts, deliver } from '../helpers/alert-factories';
import { amAlert, amGroup, genericAlert } from '../helpers/alert-payloads';
import { card, dbCardOfKey } from '../helpers/alert-readers';
import { createSprint, moveTask, startSprint } from '../helpers/factories';
import { teamWithBoard } from '../helpers/planning-factories';
import {
  addMembers,
  closeSprintOk,
  setAlertEstimates,
  setReservePolicy,
  updateTask,
} from '../helpers/planning-mutations';
import { capacityReport } from '../helpers/report-views';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * Scenario: cards reopened by re-firing alerts. One member at 2/day, a FIXED reserve of 6.
 * An Alertmanager critical (default 3 points) and a generic warning (1 point) land in S1.
 * The critical card is done, resolves, fires again: it reopens in the same sprint and is still
 * charged once. After S1 closes, it fires again: the card reopens into S2 and charges S2.
 * The generic integration never reopens (window 0): its re-fire opens a new, linked card.
 */
describe('capacity report: cards reopened by re-firing alerts', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('charges a reopened card once per sprint it lands in', async () => {
    const { team, board } = await teamWithBoard(t);
    await addMembers(t, team.id, [2]);
    await setReservePolicy(t, team.id, { mode: 'FIXED_POINTS', value: 6 });
    const s1 = await createSprint(t, team.id, {
      name: 'S1',
      startDate: '2030-01-07',
      endDate: '2030-01-18',
    });
    const s2 = await createSprint(t, team.id, {
      name: 'S2',
      startDate: '2030-01-21',
      endDate: '2030-02-01',
    });
    await startSprint(t, s1.id);
    const prometheus = await createIntegration(t, team.id, { name: 'Prometheus' });
    const pingdom = await createIntegration(t, team.id, {
      kind: 'GENERIC',
      name: 'Pingdom',
      reopenWindowMinutes: 0,
    });
    const done = board.column.DONE?.id;

    const firing = (startsAt: string) =>
      amGroup([amAlert({ fingerprint: 'db-down', labels: { severity: 'critical' }, startsAt })]);
    const resolved = (startsAt: string) =>
      amGroup([
        amAlert({
          fingerprint: 'db-down',
          labels: { severity: 'critical' },
          startsAt,
          status: 'resolved',
        }),
      ]);

    await deliver(t, prometheus, firing('2026-11-20T09:00:00.000Z'));
    await deliver(
      t,
      pingdom,
      genericAlert({ fingerprint: 'site-slow', severity: 'warning', title: 'Site slow' }),
    );
    const dbCard = await dbCardOfKey(t, prometheus.id, 'db-down');
    const slowCard = await dbCardOfKey(t, pingdom.id, 'site-slow');
    expect(await capacityReport(t, s1.id)).toMatchObject({
      unplannedProduction: { count: 2, points: 4 },
      reserveUsedPoints: 4,
      completedCount: 0,
    });

    // Done, resolved, and firing again within the reopen window: the same card reopens.
    await moveTask(t, { taskId: dbCard, columnId: done });
    expect((await capacityReport(t, s1.id)).completedPoints).toBe(3);
    await deliver(t, prometheus, resolved('2026-11-20T09:00:00.000Z'));
    const refire = await deliver(t, prometheus, firing('2026-11-20T11:00:00.000Z'));
    expect(refire).toMatchObject(counts({ received: 1, reopened: 1 }));
    expect(await card(t, dbCard)).toMatchObject({
      reopenCount: 1,
      completedAt: null,
      planned: false,
      sprint: { id: s1.id },
    });
    const reopened = await capacityReport(t, s1.id);
    expect(reopened).toMatchObject({
      unplannedProduction: { count: 2, points: 4 },
      reserveUsedPoints: 4,
      completedCount: 0,
      completedPoints: 0,
    });
    expect(reopened.unplannedProduction.bySource).toEqual([
      {
        integrationId: prometheus.id,
        integrationName: 'Prometheus',
        kind: 'ALERTMANAGER',
        count: 1,
        points: 3,
      },
      {
        integrationId: pingdom.id,
        integrationName: 'Pingdom',
        kind: 'GENERIC',
        count: 1,
        points: 1,
      },
    ]);
    expect(reopened.unplannedProduction.bySeverity).toEqual([
      { severity: 'CRITICAL', count: 1, points: 3 },
      { severity: 'WARNING', count: 1, points: 1 },
    ]);

    // Done again; S1 closes with it done and the generic card returned to the backlog.
    await moveTask(t, { taskId: dbCard, columnId: done });
    await moveTask(t, { taskId: slowCard, columnId: done });
    await deliver(t, prometheus, resolved('2026-11-20T11:00:00.000Z'));
    await deliver(
      t,
      pingdom,
      genericAlert({
        fingerprint: 'site-slow',
        severity: 'warning',
        title: 'Site slow',
        end_time: '2026-11-20T12:00:00Z',
      }),
    );
    await closeSprintOk(t, s1.id);
    const s1Closed = await capacityReport(t, s1.id);
    expect(s1Closed).toMatchObject({
      snapshot: true,
      unplannedProduction: { count: 2, points: 4 },
      completedCount: 2,
      completedPoints: 4,
    });

    // S2 runs; both alerts fire again.
    await startSprint(t, s2.id);
    await deliver(t, prometheus, firing('2026-11-20T13:00:00.000Z'));
    const again = await deliver(
      t,
      pingdom,
      genericAlert({ fingerprint: 'site-slow', severity: 'warning', title: 'Site slow' }),
    );
    expect(again).toMatchObject(counts({ received: 1, created: 1 }));
    expect(await card(t, dbCard)).toMatchObject({
      reopenCount: 2,
      sprint: { id: s2.id },
      planned: false,
    });
    const newSlow = await dbCardOfKey(t, pingdom.id, 'site-slow');
    expect(newSlow).not.toBe(slowCard);
    expect(await card(t, newSlow)).toMatchObject({
      relatedTask: { id: slowCard },
      sprint: { id: s2.id },
    });

    const s2Report = await capacityReport(t, s2.id);
    expect(s2Report).toMatchObject({
      committedPoints: 0,
      unplannedProduction: { count: 2, points: 4 },
      reserveUsedPoints: 4,
      reserveUsedPercent: 66.67,
      flags: [],
    });
    expect(s2Report.unplannedProduction.bySource).toEqual([
      expect.objectContaining({ integrationId: prometheus.id, count: 1, points: 3 }),
      expect.objectContaining({ integrationId: pingdom.id, count: 1, points: 1 }),
    ]);
    // S1's report is what it was when it closed.
    expect(await capacityReport(t, s1.id)).toEqual(s1Closed);

    // Within S2 the generic alert goes round once more: a third card, and the second one (in S2
    // too) is still charged as a warning from Pingdom, unestimated at the warning default.
    await updateTask(t, newSlow, { estimate: null });
    await moveTask(t, { taskId: newSlow, columnId: done });
    await deliver(
      t,
      pingdom,
      genericAlert({
        fingerprint: 'site-slow',
        severity: 'warning',
        title: 'Site slow',
        end_time: '2026-11-20T14:00:00Z',
      }),
    );
    await deliver(
      t,
      pingdom,
      genericAlert({ fingerprint: 'site-slow', severity: 'warning', title: 'Site slow' }),
    );
    const third = await dbCardOfKey(t, pingdom.id, 'site-slow');
    expect(third).not.toBe(newSlow);
    // The third card was estimated at 1 when it opened; the unestimated one follows the default.
    await setAlertEstimates(t, team.id, { WARNING: 1.5 });
    const last = await capacityReport(t, s2.id);
    expect(last.unplannedProduction).toMatchObject({ count: 3, points: 5.5 });
    expect(last.unplannedProduction.bySeverity).toEqual([
      { severity: 'CRITICAL', count: 1, points: 3 },
      { severity: 'WARNING', count: 2, points: 2.5 },
    ]);
    expect(last.unplannedProduction.bySource).toEqual([
      expect.objectContaining({ integrationId: prometheus.id, count: 1, points: 3 }),
      expect.objectContaining({ integrationId: pingdom.id, count: 2, points: 2.5 }),
    ]);
  });
});
