/**
 * Builders that create data through the public GraphQL API, so e2e tests set up state exactly as
 * a client would. Each returns the created object's fields most tests need.
 */
import type { TestApp } from './test-app';

let counter = 0;
const unique = (): number => ++counter;

export interface TeamRef {
  id: string;
  key: string;
}
export interface ColumnRef {
  id: string;
  name: string;
  category: string;
  wipLimit: number | null;
}
export interface BoardRef {
  id: string;
  columns: ColumnRef[];
  /** Columns by category (first of each). */
  column: Record<string, ColumnRef>;
}
export interface TaskRef {
  id: string;
  key: string;
  rank: string;
}

export async function createTeam(
  t: TestApp,
  input: Record<string, unknown> = {},
): Promise<TeamRef> {
  const n = unique();
  const data = await t.ok<{ createTeam: TeamRef }>(
    `mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id key } }`,
    {
      input: {
        key: `T${n}${String(process.pid).slice(-3)}`.slice(0, 10),
        name: `Team ${n}`,
        ...input,
      },
    },
  );
  return data.createTeam;
}

export async function addMember(
  t: TestApp,
  teamId: string,
  input: Record<string, unknown> = {},
): Promise<{ id: string }> {
  const data = await t.ok<{ addMember: { id: string } }>(
    `mutation ($input: AddMemberInput!) { addMember(input: $input) { id } }`,
    { input: { teamId, name: `Member ${unique()}`, capacityPerDay: 1, ...input } },
  );
  return data.addMember;
}

export async function createBoard(
  t: TestApp,
  teamId: string,
  input: Record<string, unknown> = {},
): Promise<BoardRef> {
  const data = await t.ok<{ createBoard: { id: string; columns: ColumnRef[] } }>(
    `mutation ($input: CreateBoardInput!) {
      createBoard(input: $input) { id columns { id name category wipLimit } }
    }`,
    { input: { teamId, name: `Board ${unique()}`, ...input } },
  );
  const board = data.createBoard;
  const column: Record<string, ColumnRef> = {};
  for (const c of board.columns) column[c.category] ??= c;
  return { ...board, column };
}

export async function createSprint(
  t: TestApp,
  teamId: string,
  input: Record<string, unknown> = {},
): Promise<{ id: string }> {
  const data = await t.ok<{ createSprint: { id: string } }>(
    `mutation ($input: CreateSprintInput!) { createSprint(input: $input) { id } }`,
    {
      input: {
        teamId,
        name: `Sprint ${unique()}`,
        startDate: '2026-11-30',
        endDate: '2026-12-11',
        ...input,
      },
    },
  );
  return data.createSprint;
}

export async function createTask(
  t: TestApp,
  teamId: string,
  input: Record<string, unknown> = {},
): Promise<TaskRef> {
  const data = await t.ok<{ createTask: TaskRef }>(
    `mutation ($input: CreateTaskInput!) { createTask(input: $input) { id key rank } }`,
    { input: { teamId, title: `Task ${unique()}`, ...input } },
  );
  return data.createTask;
}

export async function moveTask(t: TestApp, input: Record<string, unknown>): Promise<TaskRef> {
  const data = await t.ok<{ moveTask: TaskRef }>(
    `mutation ($input: MoveTaskInput!) { moveTask(input: $input) { id key rank } }`,
    { input },
  );
  return data.moveTask;
}

export async function startSprint(t: TestApp, id: string): Promise<void> {
  await t.ok(`mutation ($id: ID!) { startSprint(id: $id) { id } }`, { id });
}

export async function planSprint(
  t: TestApp,
  sprintId: string,
  taskIds: string[],
  force = false,
): Promise<void> {
  await t.ok(`mutation ($input: PlanSprintInput!) { planSprint(input: $input) { id } }`, {
    input: { sprintId, taskIds, force },
  });
}
