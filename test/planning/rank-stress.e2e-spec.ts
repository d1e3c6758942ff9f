import { createTask, moveTask, type TaskRef } from '../helpers/factories';
import {
  columnCards,
  dbColumnRows,
  expectStrictlyIncreasing,
  teamWithBoard,
} from '../helpers/planning-factories';
import { startTestApp, TestApp } from '../helpers/test-app';

/** Keys longer than this make the service respace a column (src/tasks/rank.ts). */
const MAX_RANK_LENGTH = 48;

/** The rank stress case on its own: 1,000 sequential moves over HTTP. */
describe('ranks under repeated moves to one spot', () => {
  let t: TestApp;

  beforeAll(async () => {
    // 1,000 moves in a row are more than a minute's allowance of requests for one token.
    t = await startTestApp({ env: { GRAPHQL_RATE_LIMIT_PER_MINUTE: '1000000' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('keeps the order through 1,000 moves to the same spot, with bounded keys', async () => {
    const { team, board } = await teamWithBoard(t);
    const todo = board.column.TODO!.id;
    const cards: TaskRef[] = [];
    for (let i = 0; i < 6; i++) cards.push(await createTask(t, team.id, { columnId: todo }));
    const c = { boardId: board.id, todo, cards };
    // Expected order, by id; the last card always goes right after the first.
    const order = c.cards.map((card) => card.id);
    const keyOf = new Map(c.cards.map((card) => [card.id, card.key]));
    let longest = 0;
    for (let i = 1; i <= 1000; i++) {
      const [first, second] = order as [string, string];
      const last = order.pop() as string;
      const input =
        i % 2 === 0
          ? { taskId: last, columnId: c.todo, afterTaskId: first }
          : { taskId: last, columnId: c.todo, afterTaskId: first, beforeTaskId: second };
      const moved = await moveTask(t, input);
      order.splice(1, 0, last);
      longest = Math.max(longest, moved.rank.length);
      if (i % 250 === 0) {
        const read = await columnCards(t, c.boardId, c.todo);
        expect(read.map((r) => r.key)).toEqual(order.map((id) => keyOf.get(id)));
        expectStrictlyIncreasing(read.map((r) => r.rank));
      }
    }
    // Halving the same gap 1,000 times would need keys of about 190 digits: they grew, and were
    // respaced before passing the bound.
    expect(longest).toBeGreaterThan(MAX_RANK_LENGTH / 2);
    expect(longest).toBeLessThanOrEqual(MAX_RANK_LENGTH);
    const rows = await dbColumnRows(t, c.todo);
    for (const { rank } of rows.values()) expect(rank).toMatch(/^[0-9a-z]*[1-9a-z]$/);
    expect(new Set([...rows.values()].map((r) => r.rank)).size).toBe(6);
    // 1,000 sequential requests: about 25 s here, more on a busy machine (the bound catches a hang).
  }, 400_000);
});
