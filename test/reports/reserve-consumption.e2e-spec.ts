import { createIntegration, deliver } from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { card, dbCardOfKey } from '../helpers/alert-readers';
import { createSprint, createTask, moveTask, planSprint, startSprint } from '../helpers/factories';
import { teamWithBoard } from '../helpers/planning-factories';
import {
  addMembers,
  setAlertEstimates,
  setReservePolicy,
  setSprintReserve,
  updateTask,
} from '../helpers/planning-mutations';
import { capacityReport, sprintReserve } from '../helpers/report-views';
import { startTestApp, TestApp } from '../helpers/test-app';

/** A team of one (2 a day), a FIXED reserve of 10, and a two-week sprint (capacity 20). */
async function setup(t: TestApp) {
  const { team, board } = await teamWithBoard(t);
  await addMembers(t, team.id, [2]);
  await setReservePolicy(t, team.id, { mode: 'FIXED_POINTS', value: 10 });
  const sprint = await createSprint(t, team.id, { startDate: '2030-01-07', endDate: '2030-01-18' });
  return { team, board, sprintId: sprint.id };
}

describe('unplanned production work consumes the reserve of an ACTIVE sprint', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('charges production tasks and alert cards added after start, done or not, and records 80% and 100% once', async () => {
    const { team, board, sprintId } = await setup(t);
    expect(await setAlertEstimates(t, team.id, { CRITICAL: 4 })).toMatchObject({
      CRITICAL: 4,
      WARNING: 1,
    });
    // Planned work, production or not, is not charged.
    await createTask(t, team.id, { sprintId, estimate: 5, type: 'FEATURE' });
    await createTask(t, team.id, { sprintId, estimate: 3, type: 'INCIDENT' });
    await startSprint(t, sprintId);
    const startedAt = Date.now();

    // Non-production scope added later is not charged either.
    await createTask(t, team.id, { sprintId, estimate: 4, type: 'FEATURE' });
    await createTask(t, team.id, { sprintId, estimate: 3, type: 'PRODUCTION_CHANGE' });
    const incident = await createTask(t, team.id, { estimate: 2, type: 'INCIDENT' });
    await planSprint(t, sprintId, [incident.id]);
    let report = await capacityReport(t, sprintId);
    expect(report).toMatchObject({
      committedPoints: 8,
      reservedPoints: 10,
      addedScopeCount: 1,
      addedScopePoints: 4,
      unplannedProduction: { count: 2, points: 5 },
      reserveUsedPoints: 5,
      reserveRemainingPoints: 5,
      reserveOverflowPoints: 0,
      reserveUsedPercent: 50,
      reserveEvents: [],
      flags: [],
    });

    // A critical alert: a card estimated at the team's default (4) tips usage to 9 ≥ 80%.
    const integration = await createIntegration(t, team.id, { name: 'Prometheus prod' });
    await deliver(
      t,
      integration,
      amGroup([amAlert({ fingerprint: 'crit-1', labels: { severity: 'critical' } })]),
    );
    const critical = await dbCardOfKey(t, integration.id, 'crit-1');
    expect(await card(t, critical)).toMatchObject({
      estimate: 4,
      source: 'ALERT',
      planned: false,
      sprint: { id: sprintId, state: 'ACTIVE' },
    });
    const afterCritical = await sprintReserve(t, sprintId);
    expect(afterCritical.reserveEvents).toEqual([
      expect.objectContaining({
        threshold: 80,
        taskId: critical,
        usedPoints: 9,
        reservedPoints: 10,
      }),
    ]);
    const crossedAt = Date.parse(afterCritical.reserveEvents[0]?.at as string);
    expect(crossedAt).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(crossedAt).toBeLessThanOrEqual(Date.now());
    report = await capacityReport(t, sprintId);
    expect(report).toMatchObject({
      reserveUsedPoints: 9,
      reserveUsedPercent: 90,
      flags: ['RESERVE_AT_RISK'],
    });

    // Done or not, it stays charged.
    await moveTask(t, { taskId: critical, columnId: board.column.DONE?.id });
    expect((await capacityReport(t, sprintId)).reserveUsedPoints).toBe(9);

    // A warning (default 1) reaches 10 = 100%: the second and last event.
    await deliver(
      t,
      integration,
      amGroup([amAlert({ fingerprint: 'warn-1', labels: { severity: 'warning' } })]),
    );
    const warning = await dbCardOfKey(t, integration.id, 'warn-1');
    const full = await sprintReserve(t, sprintId);
    expect(full.reserveEvents.map((e) => [e.threshold, e.taskId, e.usedPoints])).toEqual([
      [80, critical, 9],
      [100, warning, 10],
    ]);
    report = await capacityReport(t, sprintId);
    expect(report).toMatchObject({
      reserveUsedPoints: 10,
      reserveRemainingPoints: 0,
      reserveOverflowPoints: 0,
      // Only production work is done yet: its share of the completed points is over the cap.
      flags: ['RESERVE_EXHAUSTED', 'PRODUCTION_SHARE_OVER_CAP'],
    });
    expect(report.reserveEvents).toEqual(
      full.reserveEvents.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
    );

    // An unestimated alert card counts the team's default for its severity, as it is now.
    await updateTask(t, warning, { estimate: null });
    expect((await capacityReport(t, sprintId)).reserveUsedPoints).toBe(10);
    await setAlertEstimates(t, team.id, { WARNING: 2.5 });
    report = await capacityReport(t, sprintId);
    expect(report).toMatchObject({
      reserveUsedPoints: 11.5,
      reserveRemainingPoints: 0,
      reserveOverflowPoints: 1.5,
      reserveUsedPercent: 115,
      unplannedProduction: { count: 4, points: 11.5 },
      flags: ['RESERVE_EXHAUSTED', 'PRODUCTION_SHARE_OVER_CAP'],
    });
    expect(report.unplannedProduction.bySeverity).toEqual([
      { severity: null, count: 2, points: 5 },
      { severity: 'CRITICAL', count: 1, points: 4 },
      { severity: 'WARNING', count: 1, points: 2.5 },
    ]);
    expect(report.unplannedProduction.bySource).toEqual([
      {
        integrationId: integration.id,
        integrationName: 'Prometheus prod',
        kind: 'ALERTMANAGER',
        count: 2,
        points: 6.5,
      },
      { integrationId: null, integrationName: null, kind: null, count: 2, points: 5 },
    ]);

    // More work after both crossings adds no event.
    await createTask(t, team.id, { sprintId, estimate: 1, type: 'INCIDENT' });
    expect((await sprintReserve(t, sprintId)).reserveEvents).toHaveLength(2);
    const stored = await t.prisma.sprintReserveEvent.count({ where: { sprintId } });
    expect(stored).toBe(2);
  });

  it('a re-estimate or re-type can cross both thresholds at once; a PLANNED sprint records nothing', async () => {
    const { team, sprintId } = await setup(t);
    const small = await createTask(t, team.id, { sprintId, estimate: 8, type: 'INCIDENT' });
    // Before start nothing is unplanned: no usage, no event.
    expect((await sprintReserve(t, sprintId)).reserveEvents).toEqual([]);
    await startSprint(t, sprintId);

    const fix = await createTask(t, team.id, { sprintId, estimate: 2, type: 'FEATURE' });
    expect((await capacityReport(t, sprintId)).reserveUsedPoints).toBe(0);
    // Re-typed as production work: 2 of 10.
    await updateTask(t, fix.id, { type: 'PRODUCTION_CHANGE' });
    expect((await capacityReport(t, sprintId)).reserveUsedPoints).toBe(2);
    // Re-estimated to 12: past 80% and 100% in one step, both tipped by the same card.
    await updateTask(t, fix.id, { estimate: 12 });
    const events = (await sprintReserve(t, sprintId)).reserveEvents;
    expect(events.map((e) => [e.threshold, e.taskId, e.usedPoints, e.reservedPoints])).toEqual([
      [80, fix.id, 12, 10],
      [100, fix.id, 12, 10],
    ]);
    expect(events[0]?.at).toBe(events[1]?.at);
    const report = await capacityReport(t, sprintId);
    expect(report).toMatchObject({
      committedPoints: 8,
      reserveUsedPoints: 12,
      reserveOverflowPoints: 2,
      flags: ['RESERVE_EXHAUSTED'],
    });
    // The planned incident never counted.
    expect(report.unplannedProduction.count).toBe(1);
    expect(small.id).not.toBe(fix.id);
  });
  it('exactly 80% counts, however floating point adds it up', async () => {
    // Reserve 1: 0.7 + 0.1 sums to 0.7999999999999999 in float8.
    const one = await setup(t);
    await startSprint(t, one.sprintId);
    await setSprintReserve(t, one.sprintId, 1);
    await createTask(t, one.team.id, { sprintId: one.sprintId, estimate: 0.7, type: 'INCIDENT' });
    const tip = await createTask(t, one.team.id, {
      sprintId: one.sprintId,
      estimate: 0.1,
      type: 'INCIDENT',
    });
    expect(await capacityReport(t, one.sprintId)).toMatchObject({
      reserveUsedPoints: 0.8,
      reserveUsedPercent: 80,
      flags: ['RESERVE_AT_RISK'],
      reserveEvents: [expect.objectContaining({ threshold: 80, taskId: tip.id, usedPoints: 0.8 })],
    });

    // Reserve 1.1: 1.1 × 0.8 is 0.8800000000000001.
    const other = await setup(t);
    await startSprint(t, other.sprintId);
    await setSprintReserve(t, other.sprintId, 1.1);
    const exact = await createTask(t, other.team.id, {
      sprintId: other.sprintId,
      estimate: 0.88,
      type: 'PRODUCTION_CHANGE',
    });
    expect(await capacityReport(t, other.sprintId)).toMatchObject({
      reserveUsedPoints: 0.88,
      reserveUsedPercent: 80,
      flags: ['RESERVE_AT_RISK'],
      reserveEvents: [expect.objectContaining({ threshold: 80, taskId: exact.id })],
    });
  });
});
