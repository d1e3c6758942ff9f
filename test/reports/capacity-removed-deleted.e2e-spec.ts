import { planSprint } from '../helpers/factories';
import { teamWithBoard } from '../helpers/planning-factories';
import { addMembers, deleteTask, unplanTasks } from '../helpers/planning-mutations';
import { capacityReport } from '../helpers/report-views';
import { pastSprint } from '../helpers/backdating';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * Scenario: tasks moved out of the sprint (unplanTasks) or deleted. 2026-10-05..10-16, one
 * member at 2/day (capacity 20, reserve 4). Planned A 5 (done 10-08), B 3, C 2 (committed 10);
 * unplanned an INCIDENT of 4 (10-06) and a FEATURE of 1 (10-07). Then B is moved out, C and the
 * incident are deleted. The report covers the sprint's scope as it is now: removed work counts
 * on no day; the commitment frozen at start stays.
 */
describe('capacity report: tasks moved out of the sprint or deleted', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('drops them from scope, reserve use and burndown', async () => {
    const { team, board } = await teamWithBoard(t);
    await addMembers(t, team.id, [2]);
    const sprint = await pastSprint(
      t,
      { id: team.id, board },
      {
        startDate: '2026-10-05',
        endDate: '2026-10-16',
        planned: [{ estimate: 5, doneOn: '2026-10-08' }, { estimate: 3 }, { estimate: 2 }],
        unplanned: [
          { estimate: 4, type: 'INCIDENT', addedOn: '2026-10-06' },
          { estimate: 1, type: 'FEATURE', addedOn: '2026-10-07' },
        ],
        close: false,
      },
    );
    const b = sprint.planned[1] as { id: string };
    const c = sprint.planned[2] as { id: string };
    const incident = sprint.unplanned[0] as { id: string };
    expect(await capacityReport(t, sprint.id)).toMatchObject({
      committedPoints: 10,
      scopePoints: 15,
      reserveUsedPoints: 4,
      flags: ['RESERVE_EXHAUSTED'],
    });

    await unplanTasks(t, sprint.id, [b.id]);
    await deleteTask(t, c.id);
    await deleteTask(t, incident.id);

    const report = await capacityReport(t, sprint.id);
    expect(report).toMatchObject({
      committedPoints: 10,
      scopePoints: 6,
      completedPoints: 5,
      completedCount: 1,
      addedScopeCount: 1,
      addedScopePoints: 1,
      unplannedProduction: { count: 0, points: 0, bySeverity: [], bySource: [] },
      reserveUsedPoints: 0,
      reserveRemainingPoints: 4,
      flags: [],
    });
    // The crossing recorded when the incident arrived is history: it stays.
    expect(report.reserveEvents.map((e) => [e.threshold, e.taskId])).toEqual([
      [80, incident.id],
      [100, incident.id],
    ]);
    expect(report.burndown.map((p) => [p.date, p.remainingPoints, p.unplannedAddedPoints])).toEqual(
      [
        ['2026-10-05', 5, 0],
        ['2026-10-06', 5, 0],
        ['2026-10-07', 6, 1],
        ['2026-10-08', 1, 0],
        ['2026-10-09', 1, 0],
        ['2026-10-12', 1, 0],
        ['2026-10-13', 1, 0],
        ['2026-10-14', 1, 0],
        ['2026-10-15', 1, 0],
        ['2026-10-16', 1, 0],
      ],
    );

    // Planned back in, B is now unplanned scope added to a running sprint.
    await planSprint(t, sprint.id, [b.id]);
    expect(await capacityReport(t, sprint.id)).toMatchObject({
      scopePoints: 9,
      addedScopeCount: 2,
      addedScopePoints: 4,
      reserveUsedPoints: 0,
    });
    const row = await t.prisma.task.findUniqueOrThrow({ where: { id: b.id } });
    expect(row).toMatchObject({ sprintId: sprint.id, planned: false });
  });
});
