import {
  addMember,
  createSprint,
  createTask,
  createTeam,
  moveTask,
  planSprint,
  startSprint,
} from '../helpers/factories';
import { closeSprint, fixedReserve } from '../helpers/planning-mutations';
import { expectBadInput, expectCode } from '../helpers/graphql-errors';
import { sprintFigures, teamWithBoard } from '../helpers/planning-factories';
import { startTestApp, TestApp } from '../helpers/test-app';

const TWO_WEEKS = { startDate: '2030-01-07', endDate: '2030-01-18' };
const PLAN = `mutation ($input: PlanSprintInput!) { planSprint(input: $input) { id committedPoints } }`;
const UNPLAN = `mutation ($input: UnplanTasksInput!) { unplanTasks(input: $input) { id } }`;

interface SprintTask {
  key: string;
  planned: boolean;
  addedToSprintAt: string | null;
}

async function sprintTasks(t: TestApp, id: string): Promise<SprintTask[]> {
  const data = await t.ok<{ sprint: { tasks: SprintTask[] } }>(
    `query ($id: ID!) { sprint(id: $id) { tasks { key planned addedToSprintAt } } }`,
    { id },
  );
  return data.sprint.tasks;
}

/**
 * A team whose sprints have 10 points of capacity (one member, 1 point a day, 10 days), all of it
 * plannable unless a reserve is given.
 */
async function tenPointTeam(
  t: TestApp,
  reserve = 0,
): Promise<{
  teamId: string;
  sprintId: string;
  board: Awaited<ReturnType<typeof teamWithBoard>>['board'];
}> {
  const { team, board } = await teamWithBoard(t);
  await fixedReserve(t, team.id, reserve);
  await addMember(t, team.id, { capacityPerDay: 1 });
  const sprint = await createSprint(t, team.id, TWO_WEEKS);
  return { teamId: team.id, sprintId: sprint.id, board };
}

describe('planning a sprint: plan, start, close', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('plans up to plannable points, refuses beyond with the figures, and passes when forced', async () => {
    const { teamId, sprintId } = await tenPointTeam(t);
    const a = await createTask(t, teamId, { estimate: 5 });
    const b = await createTask(t, teamId, { estimate: 4 });
    const c = await createTask(t, teamId, { estimate: 3 });
    const unestimated = await createTask(t, teamId);

    const planned = await t.ok(PLAN, {
      input: { sprintId, taskIds: [a.id, b.id, unestimated.id] },
    });
    expect(planned.planSprint.committedPoints).toBe(9);
    // Planning the same tasks again adds nothing.
    await planSprint(t, sprintId, [a.id]);
    expect((await sprintFigures(t, sprintId)).committedPoints).toBe(9);

    const over = await t.gql(PLAN, { input: { sprintId, taskIds: [c.id] } });
    const error = expectCode(over, 'CAPACITY_EXCEEDED');
    expect(error.extensions).toMatchObject({ planned: 12, plannable: 10, excess: 2 });
    expect((await t.prisma.task.findUniqueOrThrow({ where: { id: c.id } })).sprintId).toBeNull();
    // A task created straight into the sprint obeys the same rule.
    expectCode(
      await t.gql(`mutation ($input: CreateTaskInput!) { createTask(input: $input) { id } }`, {
        input: { teamId, title: 'Too big', estimate: 2, sprintId },
      }),
      'CAPACITY_EXCEEDED',
    );

    await planSprint(t, sprintId, [c.id], true);
    expect(await sprintFigures(t, sprintId)).toMatchObject({
      capacityPoints: 10,
      plannablePoints: 10,
      committedPoints: 12,
    });
    expect((await sprintTasks(t, sprintId)).map((x) => x.key)).toEqual(
      [a, b, c, unestimated].map((x) => x.key),
    );

    const history = await t.prisma.taskEvent.findMany({
      where: { taskId: c.id, kind: 'SPRINT_CHANGED' },
    });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ from: null, to: sprintId });
  });

  it('plans against capacity minus the reserve', async () => {
    const { teamId, sprintId } = await tenPointTeam(t, 4);
    expect(await sprintFigures(t, sprintId)).toMatchObject({
      capacityPoints: 10,
      reservedPoints: 4,
      plannablePoints: 6,
    });
    const a = await createTask(t, teamId, { estimate: 6 });
    const b = await createTask(t, teamId, { estimate: 0.5 });
    await planSprint(t, sprintId, [a.id]);
    const over = await t.gql(PLAN, { input: { sprintId, taskIds: [b.id] } });
    expect(expectCode(over, 'CAPACITY_EXCEEDED').extensions).toMatchObject({
      planned: 6.5,
      plannable: 6,
      excess: 0.5,
    });
  });

  it('returns tasks to the backlog with unplanTasks, and refuses tasks not in the sprint', async () => {
    const { teamId, sprintId } = await tenPointTeam(t);
    const a = await createTask(t, teamId, { estimate: 2 });
    const b = await createTask(t, teamId, { estimate: 3 });
    const outside = await createTask(t, teamId, { estimate: 1 });
    await planSprint(t, sprintId, [a.id, b.id]);

    expectBadInput(
      await t.gql(UNPLAN, { input: { sprintId, taskIds: [a.id, outside.id] } }),
      'input.taskIds',
    );
    expect((await sprintTasks(t, sprintId)).map((x) => x.key)).toEqual([a.key, b.key]);

    await t.ok(UNPLAN, { input: { sprintId, taskIds: [a.id] } });
    expect((await sprintTasks(t, sprintId)).map((x) => x.key)).toEqual([b.key]);
    expect(await t.prisma.task.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      sprintId: null,
      addedToSprintAt: null,
    });
    const events = await t.prisma.taskEvent.findMany({
      where: { taskId: a.id, kind: 'SPRINT_CHANGED' },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => [e.from, e.to])).toEqual([
      [null, sprintId],
      [sprintId, null],
    ]);
    expect((await sprintFigures(t, sprintId)).committedPoints).toBe(3);
  });

  it('refuses tasks of another team and a sprint of another team', async () => {
    const { teamId, sprintId } = await tenPointTeam(t);
    const other = await tenPointTeam(t);
    const foreign = await createTask(t, other.teamId, { estimate: 1 });
    expectBadInput(
      await t.gql(PLAN, { input: { sprintId, taskIds: [foreign.id] } }),
      'input.taskIds',
    );
    expectBadInput(
      await t.gql(`mutation ($input: CreateTaskInput!) { createTask(input: $input) { id } }`, {
        input: { teamId, title: 'Wrong sprint', sprintId: other.sprintId },
      }),
      'input.sprintId',
    );
    expectCode(
      await t.gql(PLAN, {
        input: { sprintId: '0b7e3c39-7d7e-4b0c-9d7e-6b3f1d5c2a10', taskIds: [foreign.id] },
      }),
      'NOT_FOUND',
    );
    expect(await t.prisma.task.count({ where: { sprintId } })).toBe(0);
  });

  it('starts a sprint: freezes the commitment and marks its tasks planned; later additions are unplanned', async () => {
    const { teamId, sprintId } = await tenPointTeam(t);
    const a = await createTask(t, teamId, { estimate: 5 });
    const b = await createTask(t, teamId, { estimate: 3 });
    await planSprint(t, sprintId, [a.id, b.id]);
    expect((await sprintTasks(t, sprintId)).every((x) => !x.planned)).toBe(true);

    const started = await t.ok(
      `mutation ($id: ID!) { startSprint(id: $id) { state startedAt committedPoints team { activeSprint { id } } } }`,
      { id: sprintId },
    );
    expect(started.startSprint).toMatchObject({
      state: 'ACTIVE',
      committedPoints: 8,
      team: { activeSprint: { id: sprintId } },
    });
    expect(started.startSprint.startedAt).not.toBeNull();
    expect((await sprintTasks(t, sprintId)).map((x) => [x.key, x.planned])).toEqual([
      [a.key, true],
      [b.key, true],
    ]);

    // Added after the start: unplanned, stamped, and beyond capacity without force.
    const late = await createTask(t, teamId, { estimate: 8, sprintId });
    const later = await createTask(t, teamId, { estimate: 2 });
    const before = Date.now();
    await planSprint(t, sprintId, [later.id]);
    const tasks = await sprintTasks(t, sprintId);
    expect(tasks.map((x) => [x.key, x.planned])).toEqual([
      [a.key, true],
      [b.key, true],
      [late.key, false],
      [later.key, false],
    ]);
    const stamp = Date.parse(tasks[3]!.addedToSprintAt as string);
    expect(stamp).toBeGreaterThanOrEqual(before - 1000);
    expect(tasks[2]!.addedToSprintAt).not.toBeNull();
    // The commitment stays frozen.
    expect((await sprintFigures(t, sprintId)).committedPoints).toBe(8);
    const scope = await t.ok(`query ($id: ID!) { sprint(id: $id) { scopePoints } }`, {
      id: sprintId,
    });
    expect(scope.sprint.scopePoints).toBe(18);

    expectCode(
      await t.gql(`mutation ($id: ID!) { startSprint(id: $id) { id } }`, { id: sprintId }),
      'SPRINT_STATE',
    );
  });

  it('lets parallel planners fill the plannable points, and no more', async () => {
    const { teamId, sprintId } = await tenPointTeam(t);
    const tasks = [];
    for (let i = 0; i < 6; i++) tasks.push(await createTask(t, teamId, { estimate: 3 }));
    const results = await Promise.all(
      tasks.map((task) => t.gql(PLAN, { input: { sprintId, taskIds: [task.id] } })),
    );
    // 3 points each into 10 plannable: three fit.
    expect(results.filter((r) => !r.errors)).toHaveLength(3);
    for (const r of results.filter((x) => x.errors))
      expect(r.errors?.[0]?.extensions.code).toBe('CAPACITY_EXCEEDED');
    expect(await t.prisma.task.count({ where: { sprintId } })).toBe(3);
    expect((await sprintFigures(t, sprintId)).committedPoints).toBe(9);
  });

  it('deletes a PLANNED sprint: its tasks return to the backlog, with history', async () => {
    const { teamId, sprintId } = await tenPointTeam(t);
    const a = await createTask(t, teamId, { estimate: 2 });
    const b = await createTask(t, teamId, { estimate: 1, sprintId });
    await planSprint(t, sprintId, [a.id]);
    const deleted = await t.ok(`mutation ($id: ID!) { deleteSprint(id: $id) { id } }`, {
      id: sprintId,
    });
    expect(deleted.deleteSprint.id).toBe(sprintId);
    expect(await t.prisma.sprint.findUnique({ where: { id: sprintId } })).toBeNull();
    for (const task of [a, b]) {
      expect(await t.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
        sprintId: null,
        addedToSprintAt: null,
      });
      const last = await t.prisma.taskEvent.findFirstOrThrow({
        where: { taskId: task.id },
        orderBy: { seq: 'desc' },
      });
      expect(last).toMatchObject({ kind: 'SPRINT_CHANGED', from: sprintId, to: null });
    }

    const active = await tenPointTeam(t);
    await startSprint(t, active.sprintId);
    expectCode(
      await t.gql(`mutation ($id: ID!) { deleteSprint(id: $id) { id } }`, { id: active.sprintId }),
      'SPRINT_STATE',
    );
  });

  it('allows one ACTIVE sprint per team, also when two starts race', async () => {
    const team = await createTeam(t);
    const first = await createSprint(t, team.id, TWO_WEEKS);
    const second = await createSprint(t, team.id, {
      startDate: '2030-01-21',
      endDate: '2030-02-01',
    });
    await startSprint(t, first.id);
    const refused = await t.gql(`mutation ($id: ID!) { startSprint(id: $id) { id } }`, {
      id: second.id,
    });
    expect(expectCode(refused, 'SPRINT_ALREADY_ACTIVE').extensions.activeSprintId).toBe(first.id);

    const racing = await createTeam(t);
    const sprints = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        createSprint(t, racing.id, {
          startDate: `2030-0${i + 2}-04`,
          endDate: `2030-0${i + 2}-15`,
        }),
      ),
    );
    const results = await Promise.all(
      sprints.map((s) =>
        t.gql(`mutation ($id: ID!) { startSprint(id: $id) { id } }`, { id: s.id }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((x) => x.errors))
      expect(r.errors?.[0]?.extensions.code).toBe('SPRINT_ALREADY_ACTIVE');
    expect(await t.prisma.sprint.count({ where: { teamId: racing.id, state: 'ACTIVE' } })).toBe(1);
  });

  it('closes a sprint: unfinished work carries over to the next sprint, done work stays', async () => {
    const { teamId, sprintId, board } = await tenPointTeam(t);
    const next = await createSprint(t, teamId, { startDate: '2030-01-21', endDate: '2030-02-01' });
    const done = await createTask(t, teamId, { estimate: 3 });
    const doing = await createTask(t, teamId, { estimate: 2 });
    const todo = await createTask(t, teamId, { estimate: 1.5 });
    const unestimated = await createTask(t, teamId);
    await planSprint(t, sprintId, [done.id, doing.id, todo.id, unestimated.id]);
    await startSprint(t, sprintId);
    await moveTask(t, { taskId: done.id, columnId: board.column.DONE!.id });
    await moveTask(t, { taskId: doing.id, columnId: board.column.IN_PROGRESS!.id });

    expectCode(await closeSprint(t, next.id), 'SPRINT_STATE');
    expectBadInput(await closeSprint(t, sprintId, sprintId), 'carryOverToSprintId');
    const foreign = await tenPointTeam(t);
    expectBadInput(await closeSprint(t, sprintId, foreign.sprintId), 'carryOverToSprintId');

    const closed = await closeSprint(t, sprintId, next.id);
    expect(closed.errors).toBeUndefined();
    expect(closed.data?.closeSprint).toMatchObject({
      id: sprintId,
      state: 'CLOSED',
      carriedOverCount: 3,
      carriedOverPoints: 3.5,
      carriedOverTo: { id: next.id },
    });
    expect(closed.data?.closeSprint.closedAt).not.toBeNull();
    expect((await sprintTasks(t, sprintId)).map((x) => x.key)).toEqual([done.key]);
    expect((await sprintTasks(t, next.id)).map((x) => [x.key, x.planned])).toEqual([
      [doing.key, false],
      [todo.key, false],
      [unestimated.key, false],
    ]);
    // The frozen commitment of the closed sprint does not move.
    expect((await sprintFigures(t, sprintId)).committedPoints).toBe(6.5);

    const carried = await t.prisma.taskEvent.findMany({
      where: { taskId: doing.id, kind: 'CARRIED_OVER' },
    });
    expect(carried).toHaveLength(1);
    expect(carried[0]).toMatchObject({ from: sprintId, to: next.id, actor: expect.any(String) });
    expect(
      await t.prisma.taskEvent.count({ where: { taskId: done.id, kind: 'CARRIED_OVER' } }),
    ).toBe(0);

    // The next sprint starts with the carried work as its plan.
    await startSprint(t, next.id);
    expect(await sprintFigures(t, next.id)).toMatchObject({
      state: 'ACTIVE',
      committedPoints: 3.5,
    });
    expect((await sprintTasks(t, next.id)).every((x) => x.planned)).toBe(true);

    // Closed is final.
    expectCode(await closeSprint(t, sprintId), 'SPRINT_STATE');
    expectCode(await t.gql(PLAN, { input: { sprintId, taskIds: [todo.id] } }), 'SPRINT_STATE');
    expectCode(
      await t.gql(`mutation ($id: ID!) { startSprint(id: $id) { id } }`, { id: sprintId }),
      'SPRINT_STATE',
    );
  });

  it('closes a sprint without a target: unfinished work returns to the backlog', async () => {
    const { teamId, sprintId, board } = await tenPointTeam(t);
    const finished = await createTask(t, teamId, { estimate: 1 });
    const open = await createTask(t, teamId, { estimate: 4 });
    await planSprint(t, sprintId, [finished.id, open.id]);
    await startSprint(t, sprintId);
    await moveTask(t, { taskId: finished.id, columnId: board.column.DONE!.id });

    const closed = await closeSprint(t, sprintId);
    expect(closed.data?.closeSprint).toMatchObject({
      state: 'CLOSED',
      carriedOverCount: 1,
      carriedOverPoints: 4,
      carriedOverTo: null,
    });
    expect(await t.prisma.task.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({
      sprintId: null,
      planned: false,
      addedToSprintAt: null,
    });
    const events = await t.prisma.taskEvent.findMany({
      where: { taskId: open.id, kind: 'CARRIED_OVER' },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ from: sprintId, to: null });
    const team = await t.ok(`query ($id: ID!) { team(id: $id) { activeSprint { id } } }`, {
      id: teamId,
    });
    expect(team.team.activeSprint).toBeNull();
    // With no sprint active, another can start.
    const next = await createSprint(t, teamId, { startDate: '2030-01-21', endDate: '2030-02-01' });
    await startSprint(t, next.id);
  });
});
