/**
 * Builders and readers for the planning e2e specs (teams, boards, sprints, tasks), on top of
 * factories.ts: they go through the GraphQL API like a client, except the few readers named
 * `db*` that look at rows directly to check what a request wrote.
 */
import type { GraphqlResponse, TestApp } from './test-app';
import { createBoard, createTeam, type BoardRef, type TeamRef } from './factories';

export type GqlError = NonNullable<GraphqlResponse['errors']>[number];

/** The only error of a response that must have failed; fails the test when it succeeded. */
export function errorOf(res: GraphqlResponse<unknown>): GqlError {
  if (!res.errors?.length)
    throw new Error(`Expected a GraphQL error, got data: ${JSON.stringify(res.data)}`);
  expect(res.errors).toHaveLength(1);
  return res.errors[0] as GqlError;
}

/** Asserts a BAD_USER_INPUT error naming `field`, answered without a server error. */
export function expectBadInput(res: GraphqlResponse<unknown>, field: string): GqlError {
  const error = errorOf(res);
  expect(error.extensions.code).toBe('BAD_USER_INPUT');
  const fields = (error.extensions.fields as { field: string }[] | undefined) ?? [];
  expect(fields.map((f) => f.field)).toContain(field);
  return error;
}

export function expectCode(res: GraphqlResponse<unknown>, code: string): GqlError {
  const error = errorOf(res);
  expect(error.extensions.code).toBe(code);
  return error;
}

/** A team with a default board (Triage, To Do, In Progress, Review, Done). */
export async function teamWithBoard(
  t: TestApp,
  team: Record<string, unknown> = {},
): Promise<{ team: TeamRef; board: BoardRef }> {
  const created = await createTeam(t, team);
  const board = await createBoard(t, created.id);
  return { team: created, board };
}

const MOVE = `mutation ($input: MoveTaskInput!) { moveTask(input: $input) { id key rank column { id } } }`;

export function tryMove(
  t: TestApp,
  input: Record<string, unknown>,
): Promise<GraphqlResponse<{ moveTask: { id: string; rank: string } }>> {
  return t.gql(MOVE, { input });
}

export async function updateColumn(
  t: TestApp,
  id: string,
  input: Record<string, unknown>,
): Promise<{ id: string; name: string; category: string; wipLimit: number | null }> {
  const data = await t.ok<{
    updateColumn: { id: string; name: string; category: string; wipLimit: number | null };
  }>(
    `mutation ($id: ID!, $input: UpdateColumnInput!) {
      updateColumn(id: $id, input: $input) { id name category wipLimit }
    }`,
    { id, input },
  );
  return data.updateColumn;
}

export async function setAvailability(
  t: TestApp,
  input: {
    sprintId: string;
    memberId: string;
    daysOff?: number;
    daysOffDates?: { date: string; fraction?: number }[];
    capacityPerDay?: number | null;
  },
): Promise<void> {
  await t.ok(
    `mutation ($input: SetMemberAvailabilityInput!) { setMemberAvailability(input: $input) { id } }`,
    { input },
  );
}

/** Sets the team's production-change reserve to a fixed number of points (0: none). */
export async function fixedReserve(t: TestApp, teamId: string, points: number): Promise<void> {
  await t.ok(
    `mutation ($id: ID!, $input: UpdateTeamInput!) { updateTeam(id: $id, input: $input) { id } }`,
    {
      id: teamId,
      input: { reservePolicy: { mode: 'FIXED_POINTS', value: points } },
    },
  );
}

export interface SprintFigures {
  state: string;
  workingDays: number;
  capacityPoints: number;
  reservedPoints: number;
  plannablePoints: number;
  committedPoints: number;
}

export async function sprintFigures(t: TestApp, id: string): Promise<SprintFigures> {
  const data = await t.ok<{ sprint: SprintFigures }>(
    `query ($id: ID!) { sprint(id: $id) { state workingDays capacityPoints reservedPoints plannablePoints committedPoints } }`,
    { id },
  );
  return data.sprint;
}

export function closeSprint(
  t: TestApp,
  id: string,
  carryOverToSprintId?: string,
): Promise<GraphqlResponse<{ closeSprint: Record<string, unknown> }>> {
  return t.gql(
    `mutation ($id: ID!, $to: ID) {
      closeSprint(id: $id, carryOverToSprintId: $to) {
        id state closedAt carriedOverCount carriedOverPoints carriedOverTo { id }
      }
    }`,
    { id, to: carryOverToSprintId ?? null },
  );
}

export interface CardRow {
  id: string;
  key: string;
  rank: string;
}

/** Cards of one column as the API orders them (rank), through every page (small pages: cheap queries). */
export async function columnCards(
  t: TestApp,
  boardId: string,
  columnId: string,
): Promise<CardRow[]> {
  const cards: CardRow[] = [];
  let after: string | null = null;
  for (;;) {
    const data: {
      board: {
        columns: {
          id: string;
          tasks: {
            edges: { node: CardRow }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        }[];
      };
    } = await t.ok(
      `query ($id: ID!, $after: String) {
        board(id: $id) {
          columns { id tasks(first: 10, after: $after) { edges { node { id key rank } } pageInfo { hasNextPage endCursor } } }
        }
      }`,
      { id: boardId, after },
    );
    const column = data.board.columns.find((c) => c.id === columnId);
    if (!column) throw new Error(`Column ${columnId} is not on board ${boardId}`);
    cards.push(...column.tasks.edges.map((e) => e.node));
    if (!column.tasks.pageInfo.hasNextPage) return cards;
    after = column.tasks.pageInfo.endCursor;
  }
}

/** Rows as stored: rank and updatedAt of every card of a column, by id. */
export async function dbColumnRows(
  t: TestApp,
  columnId: string,
): Promise<Map<string, { rank: string; updatedAt: number }>> {
  const rows = await t.prisma.task.findMany({
    where: { columnId, deletedAt: null },
    select: { id: true, rank: true, updatedAt: true },
  });
  return new Map(rows.map((r) => [r.id, { rank: r.rank, updatedAt: r.updatedAt.getTime() }]));
}

/** Asserts the ranks strictly increase in the given order (byte order, as the database sorts). */
export function expectStrictlyIncreasing(ranks: string[]): void {
  for (let i = 1; i < ranks.length; i++) {
    const [prev, next] = [ranks[i - 1] as string, ranks[i] as string];
    if (!(prev < next))
      throw new Error(`Rank ${i - 1} "${prev}" is not before rank ${i} "${next}"`);
  }
}

/** Runs `work` for each item with at most `limit` in flight. */
export async function inBatches<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T);
      }
    }),
  );
  return results;
}
