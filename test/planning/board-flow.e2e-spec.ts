import {
  addMember,
  createBoard,
  createSprint,
  createTask,
  createTeam,
  moveTask,
  planSprint,
  startSprint,
} from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';

describe('a team plans a sprint and works its board', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('computes capacity, plans, starts and moves a card with history', async () => {
    const team = await createTeam(t);
    const ana = await addMember(t, team.id, { name: 'Ana', capacityPerDay: 2 });
    await addMember(t, team.id, { name: 'Ben', capacityPerDay: 1 });
    const board = await createBoard(t, team.id);
    expect(board.columns.map((c) => c.category)).toEqual([
      'TRIAGE',
      'TODO',
      'IN_PROGRESS',
      'REVIEW',
      'DONE',
    ]);
    const sprint = await createSprint(t, team.id, {
      startDate: '2026-11-30',
      endDate: '2026-12-11',
      focusFactor: 0.8,
    });
    await t.ok(
      `mutation ($input: SetMemberAvailabilityInput!) { setMemberAvailability(input: $input) { id } }`,
      {
        input: { sprintId: sprint.id, memberId: ana.id, daysOff: 2 },
      },
    );
    const figures = await t.ok(
      `query ($id: ID!) { sprint(id: $id) { workingDays capacityPoints plannablePoints committedPoints } }`,
      {
        id: sprint.id,
      },
    );
    // (2 × 8 + 1 × 10) × 0.8 = 20.8, minus the default reserve of 20% = 16.64 plannable.
    expect(figures.sprint).toEqual({
      workingDays: 10,
      capacityPoints: 20.8,
      plannablePoints: 16.64,
      committedPoints: 0,
    });

    const a = await createTask(t, team.id, { estimate: 8, assigneeId: ana.id, labels: ['api'] });
    const b = await createTask(t, team.id, { estimate: 13 });
    expect(a.key).toBe(`${team.key}-1`);
    expect(b.key).toBe(`${team.key}-2`);

    const over = await t.gql(
      `mutation ($input: PlanSprintInput!) { planSprint(input: $input) { id } }`,
      {
        input: { sprintId: sprint.id, taskIds: [a.id, b.id] },
      },
    );
    expect(over.errors?.[0]?.extensions).toMatchObject({
      code: 'CAPACITY_EXCEEDED',
      planned: 21,
      plannable: 16.64,
      excess: 4.36,
    });

    await planSprint(t, sprint.id, [a.id]);
    await startSprint(t, sprint.id);
    const started = await t.ok(
      `query ($id: ID!) { sprint(id: $id) { state committedPoints tasks { key planned } } }`,
      { id: sprint.id },
    );
    expect(started.sprint).toEqual({
      state: 'ACTIVE',
      committedPoints: 8,
      tasks: [{ key: a.key, planned: true }],
    });

    await moveTask(t, { taskId: a.id, columnId: board.column.IN_PROGRESS!.id });
    const moved = await t.ok(
      `query ($id: ID!) { task(id: $id) { startedAt completedAt column { name } history { kind to } } }`,
      { id: a.id },
    );
    expect(moved.task.startedAt).not.toBeNull();
    expect(moved.task.column.name).toBe('In Progress');
    expect(moved.task.history.map((h: { kind: string }) => h.kind)).toEqual([
      'CREATED',
      'SPRINT_CHANGED',
      'MOVED',
    ]);
  });
});
