import { addMember, createSprint, createTask, moveTask, startSprint } from '../helpers/factories';
import { setAvailability, updateTask } from '../helpers/planning-mutations';
import { teamWithBoard } from '../helpers/planning-factories';
import { capacityReport } from '../helpers/report-views';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * Scenario: days off, a sprint capacity override and a focus factor, and each member's capacity,
 * assigned and completed points. Two weeks Monday to Friday (10 working days), focus 0.9:
 *   Ana 2/day, 3 days off          → 2 × 7   = 14   × 0.9 = 12.6
 *   Bo  3/day → 4/day, ½ day off   → 4 × 9.5 = 38   × 0.9 = 34.2
 *   Cy  1/day                      → 1 × 10  = 10   × 0.9 = 9
 *   capacity (14 + 38 + 10) × 0.9 = 55.8; reserve 20% = 11.16; plannable 44.64.
 */
describe('capacity report: days off and per-member load', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('counts each member’s available days and load', async () => {
    const { team, board } = await teamWithBoard(t);
    const ana = await addMember(t, team.id, { name: 'Ana', capacityPerDay: 2 });
    const bo = await addMember(t, team.id, { name: 'Bo', capacityPerDay: 3 });
    const cy = await addMember(t, team.id, { name: 'Cy', capacityPerDay: 1 });
    const sprint = await createSprint(t, team.id, {
      startDate: '2030-01-07',
      endDate: '2030-01-18',
      focusFactor: 0.9,
    });
    await setAvailability(t, { sprintId: sprint.id, memberId: ana.id, daysOff: 3 });
    await setAvailability(t, {
      sprintId: sprint.id,
      memberId: bo.id,
      daysOff: 0.5,
      capacityPerDay: 4,
    });

    const anaDone = await createTask(t, team.id, {
      sprintId: sprint.id,
      estimate: 5,
      assigneeId: ana.id,
    });
    await createTask(t, team.id, { sprintId: sprint.id, estimate: 3, assigneeId: ana.id });
    const boDone = await createTask(t, team.id, {
      sprintId: sprint.id,
      estimate: 8,
      assigneeId: bo.id,
    });
    await createTask(t, team.id, { sprintId: sprint.id, estimate: 2 });

    const planned = await capacityReport(t, sprint.id);
    expect(planned).toMatchObject({
      state: 'PLANNED',
      workingDays: 10,
      focusFactor: 0.9,
      capacityPoints: 55.8,
      reservedPoints: 11.16,
      plannablePoints: 44.64,
      committedPoints: 18,
      scopePoints: 18,
      completedPoints: 0,
      unplannedProduction: { count: 0, points: 0, bySeverity: [], bySource: [] },
      reserveUsedPoints: 0,
      reserveRemainingPoints: 11.16,
      flags: [],
    });
    expect(planned.members).toEqual([
      {
        memberId: ana.id,
        name: 'Ana',
        capacityPerDay: 2,
        daysOff: 3,
        availableDays: 7,
        capacityPoints: 12.6,
        assignedPoints: 8,
        completedPoints: 0,
        // Nothing done yet: no production share.
        productionCompletedPoints: 0,
        productionShare: null,
        overProductionShareCap: false,
      },
      {
        memberId: bo.id,
        name: 'Bo',
        capacityPerDay: 4,
        daysOff: 0.5,
        availableDays: 9.5,
        capacityPoints: 34.2,
        assignedPoints: 8,
        completedPoints: 0,
        // Nothing done yet: no production share.
        productionCompletedPoints: 0,
        productionShare: null,
        overProductionShareCap: false,
      },
      {
        memberId: cy.id,
        name: 'Cy',
        capacityPerDay: 1,
        daysOff: 0,
        availableDays: 10,
        capacityPoints: 9,
        assignedPoints: 0,
        completedPoints: 0,
        // Nothing done yet: no production share.
        productionCompletedPoints: 0,
        productionShare: null,
        overProductionShareCap: false,
      },
    ]);

    await startSprint(t, sprint.id);
    await moveTask(t, { taskId: anaDone.id, columnId: board.column.DONE?.id });
    await moveTask(t, { taskId: boDone.id, columnId: board.column.DONE?.id });
    // Reassigned mid-sprint: the load follows the card.
    const late = await createTask(t, team.id, {
      sprintId: sprint.id,
      estimate: 1,
      assigneeId: cy.id,
    });
    await updateTask(t, late.id, { assigneeId: ana.id });

    const active = await capacityReport(t, sprint.id);
    expect(active).toMatchObject({
      state: 'ACTIVE',
      committedPoints: 18,
      scopePoints: 19,
      addedScopeCount: 1,
      addedScopePoints: 1,
      completedPoints: 13,
      completedCount: 2,
    });
    expect(
      active.members.map((m) => [m.name, m.capacityPoints, m.assignedPoints, m.completedPoints]),
    ).toEqual([
      ['Ana', 12.6, 9, 5],
      ['Bo', 34.2, 8, 8],
      ['Cy', 9, 0, 0],
    ]);

    // Days off taken during the sprint lower capacity (live) but not the frozen reserve.
    await setAvailability(t, { sprintId: sprint.id, memberId: cy.id, daysOff: 10 });
    const later = await capacityReport(t, sprint.id);
    expect(later).toMatchObject({
      capacityPoints: 46.8,
      reservedPoints: 11.16,
      plannablePoints: 35.64,
    });
    expect(later.members.find((m) => m.name === 'Cy')).toMatchObject({
      daysOff: 10,
      availableDays: 0,
      capacityPoints: 0,
    });
  });

  it('flags OVERCOMMITTED when the planned scope exceeds capacity − reserve', async () => {
    const { team } = await teamWithBoard(t);
    await addMember(t, team.id, { capacityPerDay: 1 });
    const sprint = await createSprint(t, team.id, {
      startDate: '2030-01-07',
      endDate: '2030-01-18',
    });
    // Plannable 10 − 2 = 8; 9 planned with force.
    await createTask(t, team.id, { sprintId: sprint.id, estimate: 9, force: true });
    expect(await capacityReport(t, sprint.id)).toMatchObject({
      plannablePoints: 8,
      committedPoints: 9,
      flags: ['OVERCOMMITTED'],
    });
  });
});
