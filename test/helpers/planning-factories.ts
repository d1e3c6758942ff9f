/**
 * Readers for the planning e2e specs (teams, boards, sprints, tasks), on top of factories.ts
 * (creation) and planning-mutations.ts (changes): they go through the GraphQL API like a client,
 * except the readers named `db*` that look at rows directly to check what a request wrote.
 */
import type { TestApp } from './test-app';
import { createBoard, createTeam, type BoardRef, type TeamRef } from './factories';

/** A team with a default board (Triage, To Do, In Progress, Review, Done). */
export async function teamWithBoard(
  t: TestApp,
  team: Record<string, unknown> = {},
): Promise<{ team: TeamRef; board: BoardRef }> {
  const created = await createTeam(t, team);
  const board = await createBoard(t, created.id);
  return { team: created, board };
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
