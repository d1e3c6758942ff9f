import {
  addMember,
  createBoard,
  createSprint,
  createTask,
  type BoardRef,
  type TaskRef,
  type TeamRef,
} from '../helpers/factories';
import { errorOf, expectBadInput, expectCode } from '../helpers/graphql-errors';
import { teamWithBoard } from '../helpers/planning-factories';
import type { GraphqlResponse } from '../helpers/test-app';
import { startTestApp, TestApp } from '../helpers/test-app';

/** A well-formed id that no row has. */
const UNKNOWN = '0b7e3c39-7d7e-4b0c-9d7e-6b3f1d5c2a10';

interface Fixture {
  team: TeamRef;
  board: BoardRef;
  secondBoard: BoardRef;
  other: { team: TeamRef; board: BoardRef; sprint: string; member: string };
  member: string;
  sprint: string;
  task: TaskRef;
}

type Case = [
  name: string,
  run: (t: TestApp, f: Fixture) => Promise<GraphqlResponse<unknown>>,
  expected: string,
];

const CREATE_TASK = `mutation ($input: CreateTaskInput!) { createTask(input: $input) { id } }`;
const UPDATE_TASK = `mutation ($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { id } }`;
const MOVE_TASK = `mutation ($input: MoveTaskInput!) { moveTask(input: $input) { id } }`;
const CREATE_SPRINT = `mutation ($input: CreateSprintInput!) { createSprint(input: $input) { id } }`;
const UPDATE_SPRINT = `mutation ($id: ID!, $input: UpdateSprintInput!) { updateSprint(id: $id, input: $input) { id } }`;
const UPDATE_COLUMN = `mutation ($id: ID!, $input: UpdateColumnInput!) { updateColumn(id: $id, input: $input) { id } }`;
const UPDATE_TEAM = `mutation ($id: ID!, $input: UpdateTeamInput!) { updateTeam(id: $id, input: $input) { id } }`;
const UPDATE_MEMBER = `mutation ($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { id } }`;
const TASKS = `query ($teamId: ID!, $filter: TaskFilter, $first: Int, $after: String) {
  tasks(teamId: $teamId, filter: $filter, first: $first, after: $after) { totalCount }
}`;

const task = (f: Fixture, input: Record<string, unknown>): Record<string, unknown> => ({
  input: { teamId: f.team.id, title: 'A task', ...input },
});

/** Bad values: BAD_USER_INPUT with `extensions.fields[].field` naming the field. */
const fieldCases: Case[] = [
  ['empty title', (t, f) => t.gql(CREATE_TASK, task(f, { title: '' })), 'input.title'],
  ['blank title', (t, f) => t.gql(CREATE_TASK, task(f, { title: '   ' })), 'input.title'],
  [
    'title over 500 characters',
    (t, f) => t.gql(CREATE_TASK, task(f, { title: 'x'.repeat(501) })),
    'input.title',
  ],
  [
    'empty title on update',
    (t, f) => t.gql(UPDATE_TASK, { id: f.task.id, input: { title: '' } }),
    'input.title',
  ],
  [
    'null title on update',
    (t, f) => t.gql(UPDATE_TASK, { id: f.task.id, input: { title: null } }),
    'input.title',
  ],
  [
    'null type on update',
    (t, f) => t.gql(UPDATE_TASK, { id: f.task.id, input: { type: null } }),
    'input.type',
  ],
  [
    'null labels on update',
    (t, f) => t.gql(UPDATE_TASK, { id: f.task.id, input: { labels: null } }),
    'input.labels',
  ],
  ['negative estimate', (t, f) => t.gql(CREATE_TASK, task(f, { estimate: -1 })), 'input.estimate'],
  ['absurd estimate', (t, f) => t.gql(CREATE_TASK, task(f, { estimate: 1e9 })), 'input.estimate'],
  [
    'negative estimate on update',
    (t, f) => t.gql(UPDATE_TASK, { id: f.task.id, input: { estimate: -0.5 } }),
    'input.estimate',
  ],
  [
    'too many labels',
    (t, f) =>
      t.gql(CREATE_TASK, task(f, { labels: Array.from({ length: 21 }, (_, i) => `l${i}`) })),
    'input.labels',
  ],
  [
    'over-long label',
    (t, f) => t.gql(CREATE_TASK, task(f, { labels: ['x'.repeat(61)] })),
    'input.labels',
  ],
  [
    'a column of another board',
    (t, f) =>
      t.gql(CREATE_TASK, task(f, { boardId: f.board.id, columnId: f.secondBoard.column.TODO!.id })),
    'input.columnId',
  ],
  [
    'a column of another team',
    (t, f) => t.gql(CREATE_TASK, task(f, { columnId: f.other.board.column.TODO!.id })),
    'input.columnId',
  ],
  [
    'a board of another team',
    (t, f) => t.gql(CREATE_TASK, task(f, { boardId: f.other.board.id })),
    'input.boardId',
  ],
  [
    'moving to a column of another team',
    (t, f) =>
      t.gql(MOVE_TASK, { input: { taskId: f.task.id, columnId: f.other.board.column.TODO!.id } }),
    'input.columnId',
  ],
  [
    'a sprint of another team',
    (t, f) => t.gql(CREATE_TASK, task(f, { sprintId: f.other.sprint })),
    'input.sprintId',
  ],
  [
    'an assignee of another team',
    (t, f) => t.gql(CREATE_TASK, task(f, { assigneeId: f.other.member })),
    'input.assigneeId',
  ],
  [
    'an assignee of another team on update',
    (t, f) => t.gql(UPDATE_TASK, { id: f.task.id, input: { assigneeId: f.other.member } }),
    'input.assigneeId',
  ],
  [
    'sprint dates out of order',
    (t, f) =>
      t.gql(CREATE_SPRINT, {
        input: { teamId: f.team.id, name: 'S', startDate: '2030-02-01', endDate: '2030-01-01' },
      }),
    'input.endDate',
  ],
  [
    'a sprint longer than a quarter',
    (t, f) =>
      t.gql(CREATE_SPRINT, {
        input: { teamId: f.team.id, name: 'S', startDate: '2030-01-01', endDate: '2030-12-31' },
      }),
    'input.endDate',
  ],
  [
    'a focus factor of 0',
    (t, f) =>
      t.gql(CREATE_SPRINT, {
        input: {
          teamId: f.team.id,
          name: 'S',
          startDate: '2030-01-07',
          endDate: '2030-01-18',
          focusFactor: 0,
        },
      }),
    'input.focusFactor',
  ],
  [
    'a focus factor over 1',
    (t, f) => t.gql(UPDATE_SPRINT, { id: f.sprint, input: { focusFactor: 1.5 } }),
    'input.focusFactor',
  ],
  [
    'null focus factor',
    (t, f) => t.gql(UPDATE_SPRINT, { id: f.sprint, input: { focusFactor: null } }),
    'input.focusFactor',
  ],
  [
    'null sprint name',
    (t, f) => t.gql(UPDATE_SPRINT, { id: f.sprint, input: { name: null } }),
    'input.name',
  ],
  [
    'negative days off',
    (t, f) =>
      t.gql(
        `mutation ($input: SetMemberAvailabilityInput!) { setMemberAvailability(input: $input) { id } }`,
        {
          input: { sprintId: f.sprint, memberId: f.member, daysOff: -1 },
        },
      ),
    'input.daysOff',
  ],
  [
    'a lowercase team key',
    (t) => t.gql(`mutation { createTeam(input: { key: "sre", name: "x" }) { id } }`),
    'input.key',
  ],
  [
    'an over-long team key',
    (t) => t.gql(`mutation { createTeam(input: { key: "ABCDEFGHIJK", name: "x" }) { id } }`),
    'input.key',
  ],
  [
    'an empty team name',
    (t) => t.gql(`mutation { createTeam(input: { key: "OK1", name: " " }) { id } }`),
    'input.name',
  ],
  [
    'null team name',
    (t, f) => t.gql(UPDATE_TEAM, { id: f.team.id, input: { name: null } }),
    'input.name',
  ],
  [
    'null working days',
    (t, f) => t.gql(UPDATE_TEAM, { id: f.team.id, input: { workingDays: null } }),
    'input.workingDays',
  ],
  [
    'no working days',
    (t, f) => t.gql(UPDATE_TEAM, { id: f.team.id, input: { workingDays: [] } }),
    'input.workingDays',
  ],
  [
    'negative capacity',
    (t, f) =>
      t.gql(`mutation ($input: AddMemberInput!) { addMember(input: $input) { id } }`, {
        input: { teamId: f.team.id, name: 'x', capacityPerDay: -1 },
      }),
    'input.capacityPerDay',
  ],
  [
    'a malformed email',
    (t, f) =>
      t.gql(`mutation ($input: AddMemberInput!) { addMember(input: $input) { id } }`, {
        input: { teamId: f.team.id, name: 'x', email: 'not-an-email', capacityPerDay: 1 },
      }),
    'input.email',
  ],
  [
    'null member name',
    (t, f) => t.gql(UPDATE_MEMBER, { id: f.member, input: { name: null } }),
    'input.name',
  ],
  [
    'null member capacity',
    (t, f) => t.gql(UPDATE_MEMBER, { id: f.member, input: { capacityPerDay: null } }),
    'input.capacityPerDay',
  ],
  [
    'a WIP limit of 0',
    (t, f) => t.gql(UPDATE_COLUMN, { id: f.board.column.TODO!.id, input: { wipLimit: 0 } }),
    'input.wipLimit',
  ],
  [
    'null column name',
    (t, f) => t.gql(UPDATE_COLUMN, { id: f.board.column.TODO!.id, input: { name: null } }),
    'input.name',
  ],
  [
    'null column category',
    (t, f) => t.gql(UPDATE_COLUMN, { id: f.board.column.TODO!.id, input: { category: null } }),
    'input.category',
  ],
  [
    'a WIP limit of 0 in a new board',
    (t, f) =>
      t.gql(`mutation ($input: CreateBoardInput!) { createBoard(input: $input) { id } }`, {
        input: {
          teamId: f.team.id,
          name: 'Limits',
          columns: [
            { name: 'A', category: 'TODO' },
            { name: 'B', category: 'DONE', wipLimit: 0 },
          ],
        },
      }),
    'input.columns[1].wipLimit',
  ],
  ['a page size of 0', (t, f) => t.gql(TASKS, { teamId: f.team.id, first: 0 }), 'first'],
  [
    'a forged cursor',
    (t, f) => t.gql(TASKS, { teamId: f.team.id, after: 'not-a-cursor' }),
    'after',
  ],
  [
    'a forged column cursor',
    (t, f) =>
      t.gql(
        `query ($id: ID!) { board(id: $id) { columns { tasks(after: "eyJ4IjoxfQ") { totalCount } } } }`,
        { id: f.board.id },
      ),
    'after',
  ],
  // Malformed ids, wherever they appear.
  ['a malformed id argument', (t) => t.gql(`query { task(id: "42") { id } }`), 'id'],
  [
    'a malformed team id',
    (t) => t.gql(CREATE_TASK, { input: { teamId: 'team-1', title: 'x' } }),
    'input.teamId',
  ],
  [
    'a malformed column id',
    (t, f) => t.gql(MOVE_TASK, { input: { taskId: f.task.id, columnId: '123' } }),
    'input.columnId',
  ],
  [
    'a malformed filter id',
    (t, f) => t.gql(TASKS, { teamId: f.team.id, filter: { sprintId: 'x' } }),
    'filter.sprintId',
  ],
  ['a malformed teamId argument', (t) => t.gql(TASKS, { teamId: 'x' }), 'teamId'],
  [
    'malformed task ids to plan',
    (t, f) =>
      t.gql(`mutation ($input: PlanSprintInput!) { planSprint(input: $input) { id } }`, {
        input: { sprintId: f.sprint, taskIds: ['x'] },
      }),
    'input.taskIds',
  ],
  [
    'a malformed carry-over sprint id',
    (t, f) =>
      t.gql(`mutation ($id: ID!) { closeSprint(id: $id, carryOverToSprintId: "nope") { id } }`, {
        id: f.sprint,
      }),
    'carryOverToSprintId',
  ],
  [
    'a malformed target column id',
    (t, f) =>
      t.gql(`mutation ($id: ID!) { removeColumn(id: $id, moveTasksToColumnId: "nope") { id } }`, {
        id: f.board.column.TODO!.id,
      }),
    'moveTasksToColumnId',
  ],
];

/** Ids that are well formed but name nothing: NOT_FOUND. */
const notFoundCases: Case[] = [
  ['team', (t) => t.gql(`query ($id: ID!) { team(id: $id) { id } }`, { id: UNKNOWN }), 'NOT_FOUND'],
  [
    'board',
    (t) => t.gql(`query ($id: ID!) { board(id: $id) { id } }`, { id: UNKNOWN }),
    'NOT_FOUND',
  ],
  [
    'sprint',
    (t) => t.gql(`query ($id: ID!) { sprint(id: $id) { id } }`, { id: UNKNOWN }),
    'NOT_FOUND',
  ],
  ['task', (t) => t.gql(`query ($id: ID!) { task(id: $id) { id } }`, { id: UNKNOWN }), 'NOT_FOUND'],
  ['tasks of a team', (t) => t.gql(TASKS, { teamId: UNKNOWN }), 'NOT_FOUND'],
  ['updateTeam', (t) => t.gql(UPDATE_TEAM, { id: UNKNOWN, input: { name: 'x' } }), 'NOT_FOUND'],
  ['updateMember', (t) => t.gql(UPDATE_MEMBER, { id: UNKNOWN, input: { name: 'x' } }), 'NOT_FOUND'],
  [
    'removeMember',
    (t) => t.gql(`mutation ($id: ID!) { removeMember(id: $id) { id } }`, { id: UNKNOWN }),
    'NOT_FOUND',
  ],
  [
    'createBoard for an unknown team',
    (t) =>
      t.gql(`mutation ($input: CreateBoardInput!) { createBoard(input: $input) { id } }`, {
        input: { teamId: UNKNOWN, name: 'x' },
      }),
    'NOT_FOUND',
  ],
  [
    'addColumn to an unknown board',
    (t) =>
      t.gql(`mutation ($input: AddColumnInput!) { addColumn(input: $input) { id } }`, {
        input: { boardId: UNKNOWN, name: 'x', category: 'TODO' },
      }),
    'NOT_FOUND',
  ],
  ['updateColumn', (t) => t.gql(UPDATE_COLUMN, { id: UNKNOWN, input: { name: 'x' } }), 'NOT_FOUND'],
  [
    'reorderColumns of an unknown board',
    (t) =>
      t.gql(`mutation ($input: ReorderColumnsInput!) { reorderColumns(input: $input) { id } }`, {
        input: { boardId: UNKNOWN, columnIds: [UNKNOWN] },
      }),
    'NOT_FOUND',
  ],
  [
    'removeColumn',
    (t) => t.gql(`mutation ($id: ID!) { removeColumn(id: $id) { id } }`, { id: UNKNOWN }),
    'NOT_FOUND',
  ],
  [
    'createTask for an unknown team',
    (t) => t.gql(CREATE_TASK, { input: { teamId: UNKNOWN, title: 'x' } }),
    'NOT_FOUND',
  ],
  [
    'createTask on an unknown board',
    (t, f) => t.gql(CREATE_TASK, task(f, { boardId: UNKNOWN })),
    'NOT_FOUND',
  ],
  [
    'createTask in an unknown column',
    (t, f) => t.gql(CREATE_TASK, task(f, { columnId: UNKNOWN })),
    'NOT_FOUND',
  ],
  [
    'createTask in an unknown sprint',
    (t, f) => t.gql(CREATE_TASK, task(f, { sprintId: UNKNOWN })),
    'NOT_FOUND',
  ],
  [
    'createTask for an unknown assignee',
    (t, f) => t.gql(CREATE_TASK, task(f, { assigneeId: UNKNOWN })),
    'NOT_FOUND',
  ],
  ['updateTask', (t) => t.gql(UPDATE_TASK, { id: UNKNOWN, input: { title: 'x' } }), 'NOT_FOUND'],
  [
    'updateTask to an unknown assignee',
    (t, f) => t.gql(UPDATE_TASK, { id: f.task.id, input: { assigneeId: UNKNOWN } }),
    'NOT_FOUND',
  ],
  [
    'deleteTask',
    (t) => t.gql(`mutation ($id: ID!) { deleteTask(id: $id) }`, { id: UNKNOWN }),
    'NOT_FOUND',
  ],
  [
    'moveTask of an unknown task',
    (t, f) => t.gql(MOVE_TASK, { input: { taskId: UNKNOWN, columnId: f.board.column.TODO!.id } }),
    'NOT_FOUND',
  ],
  [
    'moveTask to an unknown column',
    (t, f) => t.gql(MOVE_TASK, { input: { taskId: f.task.id, columnId: UNKNOWN } }),
    'NOT_FOUND',
  ],
  [
    'createSprint for an unknown team',
    (t) =>
      t.gql(CREATE_SPRINT, {
        input: { teamId: UNKNOWN, name: 'x', startDate: '2030-01-07', endDate: '2030-01-18' },
      }),
    'NOT_FOUND',
  ],
  ['updateSprint', (t) => t.gql(UPDATE_SPRINT, { id: UNKNOWN, input: { name: 'x' } }), 'NOT_FOUND'],
  [
    'setMemberAvailability in an unknown sprint',
    (t, f) =>
      t.gql(
        `mutation ($input: SetMemberAvailabilityInput!) { setMemberAvailability(input: $input) { id } }`,
        {
          input: { sprintId: UNKNOWN, memberId: f.member, daysOff: 1 },
        },
      ),
    'NOT_FOUND',
  ],
  [
    'setMemberAvailability of an unknown member',
    (t, f) =>
      t.gql(
        `mutation ($input: SetMemberAvailabilityInput!) { setMemberAvailability(input: $input) { id } }`,
        {
          input: { sprintId: f.sprint, memberId: UNKNOWN, daysOff: 1 },
        },
      ),
    'NOT_FOUND',
  ],
  [
    'planSprint of an unknown sprint',
    (t, f) =>
      t.gql(`mutation ($input: PlanSprintInput!) { planSprint(input: $input) { id } }`, {
        input: { sprintId: UNKNOWN, taskIds: [f.task.id] },
      }),
    'NOT_FOUND',
  ],
  [
    'unplanTasks of an unknown sprint',
    (t, f) =>
      t.gql(`mutation ($input: UnplanTasksInput!) { unplanTasks(input: $input) { id } }`, {
        input: { sprintId: UNKNOWN, taskIds: [f.task.id] },
      }),
    'NOT_FOUND',
  ],
  [
    'startSprint',
    (t) => t.gql(`mutation ($id: ID!) { startSprint(id: $id) { id } }`, { id: UNKNOWN }),
    'NOT_FOUND',
  ],
  [
    'closeSprint',
    (t) => t.gql(`mutation ($id: ID!) { closeSprint(id: $id) { id } }`, { id: UNKNOWN }),
    'NOT_FOUND',
  ],
];

/** Enum values the schema does not know, sent as variables: refused before any resolver runs. */
const enumCases: Case[] = [
  ['task type', (t, f) => t.gql(CREATE_TASK, task(f, { type: 'EPIC' })), 'at "input.type"'],
  [
    'task priority',
    (t, f) => t.gql(UPDATE_TASK, { id: f.task.id, input: { priority: 'P0' } }),
    'at "input.priority"',
  ],
  [
    'task source filter',
    (t, f) => t.gql(TASKS, { teamId: f.team.id, filter: { source: 'EMAIL' } }),
    'at "filter.source"',
  ],
  [
    'sprint state',
    (t, f) =>
      t.gql(
        `query ($teamId: ID!, $state: SprintState) { sprints(teamId: $teamId, state: $state) { id } }`,
        { teamId: f.team.id, state: 'DONE' },
      ),
    '"$state"',
  ],
  [
    'column category',
    (t, f) => t.gql(UPDATE_COLUMN, { id: f.board.column.TODO!.id, input: { category: 'WAITING' } }),
    'at "input.category"',
  ],
  [
    'working day',
    (t, f) => t.gql(UPDATE_TEAM, { id: f.team.id, input: { workingDays: ['MON', 'FUNDAY'] } }),
    'at "input.workingDays[1]"',
  ],
];

describe('bad input is refused by name, never with a server error', () => {
  let t: TestApp;
  let f: Fixture;
  let rowsBefore: number;

  beforeAll(async () => {
    t = await startTestApp();
    const { team, board } = await teamWithBoard(t);
    const secondBoard = await createBoard(t, team.id);
    const other = await teamWithBoard(t);
    f = {
      team,
      board,
      secondBoard,
      other: {
        ...other,
        sprint: (await createSprint(t, other.team.id)).id,
        member: (await addMember(t, other.team.id)).id,
      },
      member: (await addMember(t, team.id)).id,
      sprint: (await createSprint(t, team.id)).id,
      task: await createTask(t, team.id, { estimate: 1 }),
    };
    rowsBefore = await t.prisma.task.count();
  });

  afterAll(async () => {
    await t.close();
  });

  it.each(fieldCases)('%s → BAD_USER_INPUT naming the field', async (_name, run, field) => {
    const res = await run(t, f);
    expect(res.status).toBeLessThan(500);
    expectBadInput(res, field);
  });

  it.each(notFoundCases)('unknown id: %s → NOT_FOUND', async (_name, run, code) => {
    const res = await run(t, f);
    expect(res.status).toBeLessThan(500);
    expectCode(res, code);
  });

  it.each(enumCases)(
    'unknown enum value as a variable: %s → BAD_USER_INPUT',
    async (_name, run, named) => {
      const res = await run(t, f);
      expect(res.status).toBe(400);
      const error = errorOf(res);
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      // GraphQL coerces variables before any resolver runs; its message names the variable path.
      expect(error.message).toContain(named);
    },
  );

  it('a page size over 100 is refused before anything runs', async () => {
    // The query-limits layer answers first, with its own code (see src/common/graphql/limits).
    const res = await t.gql(TASKS, { teamId: f.team.id, first: 101 });
    expect(res.status).toBe(400);
    expect(errorOf(res).extensions.code).toBe('PAGE_SIZE_LIMIT_EXCEEDED');
  });

  it('a title of exactly 500 characters is fine', async () => {
    const data = await t.ok(CREATE_TASK, task(f, { title: 'y'.repeat(500) }));
    expect(data.createTask.id).toEqual(expect.any(String));
  });

  it('refused requests wrote nothing', async () => {
    // Only the 500-character title above was created, and refused creates took no task number.
    expect(await t.prisma.task.count()).toBe(rowsBefore + 1);
    const team = await t.prisma.team.findUniqueOrThrow({ where: { id: f.team.id } });
    const counter = await t.prisma.taskCounter.findUniqueOrThrow({ where: { teamId: f.team.id } });
    expect(counter.lastNumber).toBe(await t.prisma.task.count({ where: { teamId: f.team.id } }));
    expect(team.workingDays).toEqual(['MON', 'TUE', 'WED', 'THU', 'FRI']);
    const row = await t.prisma.task.findUniqueOrThrow({ where: { id: f.task.id } });
    expect(row).toMatchObject({
      title: expect.stringMatching(/^Task /),
      type: 'FEATURE',
      estimate: 1,
      labels: [],
      assigneeId: null,
    });
    const column = await t.prisma.boardColumn.findUniqueOrThrow({
      where: { id: f.board.column.TODO!.id },
    });
    expect(column).toMatchObject({ name: 'To Do', category: 'TODO', wipLimit: null });
  });
});
