import { teamWithBoard } from '../helpers/planning-factories';
import { addMembers, closeSprintOk, updateTask } from '../helpers/planning-mutations';
import { capacityReport, sprintReserve } from '../helpers/report-views';
import { pastSprint } from '../helpers/backdating';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * Scenario: tasks re-estimated after the start. 2026-10-05..10-16, one member at 2/day
 * (capacity 20, reserve 4). Planned A 5 and B 3 (committed 8); B done on 10-07. After the start
 * A is re-estimated 5 → 8, and an INCIDENT added on 10-06 at 2 is re-estimated to 5.
 * Committed stays as frozen at start; every other figure uses the current estimates.
 */
describe('capacity report: re-estimated tasks', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('keeps the commitment, charges the new estimates, and a re-estimate can exhaust the reserve', async () => {
    const { team, board } = await teamWithBoard(t);
    await addMembers(t, team.id, [2]);
    const sprint = await pastSprint(
      t,
      { id: team.id, board },
      {
        startDate: '2026-10-05',
        endDate: '2026-10-16',
        planned: [{ estimate: 5 }, { estimate: 3, doneOn: '2026-10-07' }],
        unplanned: [{ estimate: 2, type: 'INCIDENT', addedOn: '2026-10-06' }],
        close: false,
      },
    );
    const a = sprint.planned[0] as { id: string };
    const incident = sprint.unplanned[0] as { id: string };
    expect(await capacityReport(t, sprint.id)).toMatchObject({
      committedPoints: 8,
      reserveUsedPoints: 2,
      reserveUsedPercent: 50,
      reserveEvents: [],
      flags: [],
    });

    await updateTask(t, a.id, { estimate: 8 });
    await updateTask(t, incident.id, { estimate: 5 });

    const report = await capacityReport(t, sprint.id);
    expect(report).toMatchObject({
      committedPoints: 8,
      scopePoints: 16,
      completedPoints: 3,
      unplannedProduction: { count: 1, points: 5 },
      reserveUsedPoints: 5,
      reserveRemainingPoints: 0,
      reserveOverflowPoints: 1,
      reserveUsedPercent: 125,
      flags: ['RESERVE_EXHAUSTED'],
    });
    // The re-estimate itself tipped the reserve past both thresholds.
    expect(
      report.reserveEvents.map((e) => [e.threshold, e.taskId, e.usedPoints, e.reservedPoints]),
    ).toEqual([
      [80, incident.id, 5, 4],
      [100, incident.id, 5, 4],
    ]);
    expect((await sprintReserve(t, sprint.id)).reserveEvents).toHaveLength(2);
    // Burndown at current estimates: A 8 + B 3, the incident (5) from 10-06, B done 10-07.
    expect(report.burndown.map((p) => [p.date, p.remainingPoints, p.unplannedAddedPoints])).toEqual(
      [
        ['2026-10-05', 11, 0],
        ['2026-10-06', 16, 5],
        ['2026-10-07', 13, 0],
        ['2026-10-08', 13, 0],
        ['2026-10-09', 13, 0],
        ['2026-10-12', 13, 0],
        ['2026-10-13', 13, 0],
        ['2026-10-14', 13, 0],
        ['2026-10-15', 13, 0],
        ['2026-10-16', 13, 0],
      ],
    );
    expect(report.burndown[0]?.idealPoints).toBe(7.2);

    // Re-estimating down brings the reserve back under; the events stay as history.
    await updateTask(t, incident.id, { estimate: 1 });
    expect(await capacityReport(t, sprint.id)).toMatchObject({
      reserveUsedPoints: 1,
      reserveRemainingPoints: 3,
      reserveOverflowPoints: 0,
      reserveUsedPercent: 25,
      flags: [],
      reserveEvents: [
        expect.objectContaining({ threshold: 80 }),
        expect.objectContaining({ threshold: 100 }),
      ],
    });

    // Once closed, later re-estimates of the returned work leave the snapshot alone.
    await closeSprintOk(t, sprint.id);
    const closed = await capacityReport(t, sprint.id);
    await updateTask(t, a.id, { estimate: 1 });
    expect(await capacityReport(t, sprint.id)).toEqual(closed);
    expect(closed).toMatchObject({ scopePoints: 12, completedPoints: 3, reserveUsedPoints: 1 });
  });
});
