import { createSprint, createTask, startSprint } from '../helpers/factories';
import { expectCode } from '../helpers/graphql-errors';
import { teamWithBoard } from '../helpers/planning-factories';
import { capacityReport, sprintReserve } from '../helpers/report-views';
import { setReservePolicy } from '../helpers/planning-mutations';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * Scenario: a sprint with no members. Capacity 0, so a percentage reserve is 0 and nothing is
 * plannable; work forced in is overcommitted, and any production work overflows a zero reserve.
 */
describe('capacity report: a sprint with no members', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('has zero capacity and reserve, and flags what is put in it anyway', async () => {
    const { team } = await teamWithBoard(t);
    const sprint = await createSprint(t, team.id, {
      startDate: '2030-01-07',
      endDate: '2030-01-18',
    });
    expect(await capacityReport(t, sprint.id)).toMatchObject({
      workingDays: 10,
      capacityPoints: 0,
      members: [],
      reservedPoints: 0,
      plannablePoints: 0,
      committedPoints: 0,
      reserveUsedPercent: null,
      flags: [],
    });
    expectCode(
      await t.gql(`mutation ($input: CreateTaskInput!) { createTask(input: $input) { id } }`, {
        input: { teamId: team.id, sprintId: sprint.id, title: 'Anything', estimate: 1 },
      }),
      'CAPACITY_EXCEEDED',
    );
    // Unestimated work fits in nothing.
    await createTask(t, team.id, { sprintId: sprint.id });
    await createTask(t, team.id, { sprintId: sprint.id, estimate: 5, force: true });
    await startSprint(t, sprint.id);
    await createTask(t, team.id, { sprintId: sprint.id, estimate: 2, type: 'INCIDENT' });

    const report = await capacityReport(t, sprint.id);
    expect(report).toMatchObject({
      capacityPoints: 0,
      reservedPoints: 0,
      plannablePoints: 0,
      committedPoints: 5,
      scopePoints: 7,
      reserveUsedPoints: 2,
      reserveRemainingPoints: 0,
      reserveOverflowPoints: 2,
      reserveUsedPercent: null,
      flags: ['OVERCOMMITTED', 'RESERVE_EXHAUSTED'],
    });
    expect(report.reserveEvents.map((e) => [e.threshold, e.usedPoints, e.reservedPoints])).toEqual([
      [80, 2, 0],
      [100, 2, 0],
    ]);
    expect(report.burndown).toEqual([]);
  });

  it('a FIXED reserve with no members leaves nothing plannable', async () => {
    const { team } = await teamWithBoard(t);
    await setReservePolicy(t, team.id, { mode: 'FIXED_POINTS', value: 3 });
    const sprint = await createSprint(t, team.id, {
      startDate: '2030-01-07',
      endDate: '2030-01-18',
    });
    expect(await sprintReserve(t, sprint.id)).toMatchObject({
      capacityPoints: 0,
      reservedPoints: 3,
      plannablePoints: 0,
    });
    await startSprint(t, sprint.id);
    await createTask(t, team.id, { sprintId: sprint.id, estimate: 2.5, type: 'PRODUCTION_CHANGE' });
    expect(await capacityReport(t, sprint.id)).toMatchObject({
      reserveUsedPoints: 2.5,
      reserveRemainingPoints: 0.5,
      reserveUsedPercent: 83.33,
      flags: ['RESERVE_AT_RISK'],
    });
  });
});
