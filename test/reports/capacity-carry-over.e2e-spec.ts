import { createSprint, startSprint } from '../helpers/factories';
import { teamWithBoard } from '../helpers/planning-factories';
import { addMembers, closeSprintOk } from '../helpers/planning-mutations';
import { capacityReport } from '../helpers/report-views';
import { pastSprint } from '../helpers/backdating';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * Scenario: closing with carry-over. S1 (2026-10-05..10-16, one member at 2/day: capacity 20,
 * reserve 4) planned A 5 (done 10-07), B 3 and C 2; an INCIDENT of 4 arrived on 10-08 and was
 * not finished. Closing carries B, C and the incident (9 points) into S2.
 */
describe('capacity report: carried-over work', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('the closed sprint keeps its snapshot; the next sprint plans the carried work', async () => {
    const { team, board } = await teamWithBoard(t);
    await addMembers(t, team.id, [2]);
    const s2 = await createSprint(t, team.id, {
      name: 'S2',
      startDate: '2026-10-19',
      endDate: '2026-10-30',
    });
    const s1 = await pastSprint(
      t,
      { id: team.id, board },
      {
        name: 'S1',
        startDate: '2026-10-05',
        endDate: '2026-10-16',
        planned: [{ estimate: 5, doneOn: '2026-10-07' }, { estimate: 3 }, { estimate: 2 }],
        unplanned: [{ estimate: 4, type: 'INCIDENT', addedOn: '2026-10-08' }],
        carryTo: s2.id,
      },
    );

    const closed = await t.ok(
      `query ($id: ID!) { sprint(id: $id) { state carriedOverCount carriedOverPoints carriedOverTo { id } } }`,
      { id: s1.id },
    );
    expect(closed.sprint).toEqual({
      state: 'CLOSED',
      carriedOverCount: 3,
      carriedOverPoints: 9,
      carriedOverTo: { id: s2.id },
    });

    const snapshot = await capacityReport(t, s1.id);
    const expectedS1 = {
      state: 'CLOSED',
      snapshot: true,
      capacityPoints: 20,
      reservedPoints: 4,
      committedPoints: 10,
      scopePoints: 14,
      completedPoints: 5,
      completedCount: 1,
      unplannedProduction: { count: 1, points: 4 },
      reserveUsedPoints: 4,
      reserveRemainingPoints: 0,
      reserveOverflowPoints: 0,
      flags: ['RESERVE_EXHAUSTED'],
    };
    expect(snapshot).toMatchObject(expectedS1);
    expect(
      snapshot.burndown.map((p) => [p.date, p.remainingPoints, p.unplannedAddedPoints]),
    ).toEqual([
      ['2026-10-05', 10, 0],
      ['2026-10-06', 10, 0],
      ['2026-10-07', 5, 0],
      ['2026-10-08', 9, 4],
      ['2026-10-09', 9, 0],
      ['2026-10-12', 9, 0],
      ['2026-10-13', 9, 0],
      ['2026-10-14', 9, 0],
      ['2026-10-15', 9, 0],
      ['2026-10-16', 9, 0],
    ]);

    // S2 holds the carried tasks as planned-so-far work.
    const tasks = await t.prisma.task.findMany({
      where: { sprintId: s2.id },
      orderBy: { number: 'asc' },
    });
    expect(tasks.map((task) => task.id)).toEqual([
      s1.planned[1]?.id,
      s1.planned[2]?.id,
      s1.unplanned[0]?.id,
    ]);
    expect(await capacityReport(t, s2.id)).toMatchObject({
      state: 'PLANNED',
      committedPoints: 9,
      scopePoints: 9,
      plannablePoints: 16,
      reserveUsedPoints: 0,
      flags: [],
    });

    // Started, the carried incident is planned work of S2: it does not use S2's reserve.
    await startSprint(t, s2.id);
    const s2Active = await capacityReport(t, s2.id);
    expect(s2Active).toMatchObject({
      state: 'ACTIVE',
      committedPoints: 9,
      unplannedProduction: { count: 0, points: 0 },
      reserveUsedPoints: 0,
      completedPoints: 0,
    });
    // What happened to the work since does not change S1's figures.
    expect(await capacityReport(t, s1.id)).toMatchObject(expectedS1);

    // Closing without a target returns unfinished work to the backlog.
    await closeSprintOk(t, s2.id);
    const backlog = await t.prisma.task.findMany({
      where: { id: { in: tasks.map((task) => task.id) } },
      select: { sprintId: true, planned: true },
    });
    expect(backlog).toEqual([
      { sprintId: null, planned: false },
      { sprintId: null, planned: false },
      { sprintId: null, planned: false },
    ]);
    expect(await capacityReport(t, s2.id)).toMatchObject({
      state: 'CLOSED',
      snapshot: true,
      committedPoints: 9,
      scopePoints: 9,
      completedPoints: 0,
    });
  });
});
