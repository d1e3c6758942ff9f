import { createTask, moveTask, type TaskRef } from '../helpers/factories';
import {
  columnCards,
  dbColumnRows,
  expectStrictlyIncreasing,
  teamWithBoard,
} from '../helpers/planning-factories';
import { expectBadInput, expectCode } from '../helpers/graphql-errors';
import { tryMove, updateColumn } from '../helpers/planning-mutations';
import { startTestApp, TestApp } from '../helpers/test-app';

describe('moving cards: WIP limits and ranks', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  async function column(size: number): Promise<{
    teamId: string;
    boardId: string;
    todo: string;
    doing: string;
    done: string;
    cards: TaskRef[];
  }> {
    const { team, board } = await teamWithBoard(t);
    const todo = board.column.TODO!.id;
    const cards: TaskRef[] = [];
    for (let i = 0; i < size; i++) cards.push(await createTask(t, team.id, { columnId: todo }));
    return {
      teamId: team.id,
      boardId: board.id,
      todo,
      doing: board.column.IN_PROGRESS!.id,
      done: board.column.DONE!.id,
      cards,
    };
  }

  it('appends new cards at the end of a column, in creation order', async () => {
    const c = await column(4);
    const read = await columnCards(t, c.boardId, c.todo);
    expect(read.map((r) => r.key)).toEqual(c.cards.map((r) => r.key));
    expectStrictlyIncreasing(read.map((r) => r.rank));
  });

  it('moves a card exactly between two cards, writing only the moved card', async () => {
    const c = await column(5);
    const [a, b, c3, d, e] = c.cards as [TaskRef, TaskRef, TaskRef, TaskRef, TaskRef];
    // Stamped in the past, so a write shows however little time the move takes.
    await t.prisma.task.updateMany({
      where: { columnId: c.todo },
      data: { updatedAt: new Date('2000-01-01T00:00:00.000Z') },
    });
    const before = await dbColumnRows(t, c.todo);

    const moved = await moveTask(t, {
      taskId: e.id,
      columnId: c.todo,
      afterTaskId: a.id,
      beforeTaskId: b.id,
    });
    expect(moved.rank > a.rank && moved.rank < b.rank).toBe(true);
    expect((await columnCards(t, c.boardId, c.todo)).map((r) => r.key)).toEqual(
      [a, e, b, c3, d].map((r) => r.key),
    );

    const after = await dbColumnRows(t, c.todo);
    for (const card of [a, b, c3, d]) expect(after.get(card.id)).toEqual(before.get(card.id));
    expect(after.get(e.id)!.rank).toBe(moved.rank);
    expect(after.get(e.id)!.updatedAt).toBeGreaterThan(before.get(e.id)!.updatedAt);
    // A reorder inside a column is not a move between columns: no history entry.
    const events = await t.prisma.taskEvent.findMany({ where: { taskId: e.id } });
    expect(events.map((ev) => ev.kind)).toEqual(['CREATED']);
  });

  it('places a card at the top, after a card, before a card, and at the end', async () => {
    const c = await column(4);
    const [a, b, c3, d] = c.cards as [TaskRef, TaskRef, TaskRef, TaskRef];
    const order = async (): Promise<string[]> =>
      (await columnCards(t, c.boardId, c.todo)).map((r) => r.key);

    await moveTask(t, { taskId: d.id, columnId: c.todo, beforeTaskId: a.id });
    expect(await order()).toEqual([d, a, b, c3].map((r) => r.key));
    await moveTask(t, { taskId: d.id, columnId: c.todo, afterTaskId: b.id });
    expect(await order()).toEqual([a, b, d, c3].map((r) => r.key));
    await moveTask(t, { taskId: a.id, columnId: c.todo, beforeTaskId: c3.id });
    expect(await order()).toEqual([b, d, a, c3].map((r) => r.key));
    await moveTask(t, { taskId: b.id, columnId: c.todo });
    expect(await order()).toEqual([d, a, c3, b].map((r) => r.key));

    // Into another column, between two of its cards.
    const x = await createTask(t, c.teamId, { columnId: c.doing });
    const y = await createTask(t, c.teamId, { columnId: c.doing });
    await moveTask(t, { taskId: a.id, columnId: c.doing, afterTaskId: x.id, beforeTaskId: y.id });
    expect((await columnCards(t, c.boardId, c.doing)).map((r) => r.key)).toEqual(
      [x, a, y].map((r) => r.key),
    );
    expect(await order()).toEqual([d, c3, b].map((r) => r.key));
  });

  it('refuses anchors that do not describe a place in the target column', async () => {
    const c = await column(4);
    const [a, b, c3, d] = c.cards as [TaskRef, TaskRef, TaskRef, TaskRef];
    const other = await createTask(t, c.teamId, { columnId: c.doing });
    const rowsBefore = await dbColumnRows(t, c.todo);

    // Not neighbours.
    expectBadInput(
      await tryMove(t, { taskId: d.id, columnId: c.todo, afterTaskId: a.id, beforeTaskId: c3.id }),
      'input.beforeTaskId',
    );
    // Anchor in another column.
    expectBadInput(
      await tryMove(t, { taskId: d.id, columnId: c.todo, afterTaskId: other.id }),
      'input.afterTaskId',
    );
    expectBadInput(
      await tryMove(t, { taskId: d.id, columnId: c.todo, beforeTaskId: other.id }),
      'input.beforeTaskId',
    );
    // Anchor is the card itself.
    expectBadInput(
      await tryMove(t, { taskId: b.id, columnId: c.todo, afterTaskId: b.id }),
      'input.afterTaskId',
    );
    // Column of another team's board.
    const foreign = await teamWithBoard(t);
    expectBadInput(
      await tryMove(t, { taskId: b.id, columnId: foreign.board.column.TODO!.id }),
      'input.columnId',
    );
    // Unknown column or task.
    expectCode(
      await tryMove(t, { taskId: b.id, columnId: '0b7e3c39-7d7e-4b0c-9d7e-6b3f1d5c2a10' }),
      'NOT_FOUND',
    );
    expectCode(
      await tryMove(t, { taskId: '0b7e3c39-7d7e-4b0c-9d7e-6b3f1d5c2a10', columnId: c.todo }),
      'NOT_FOUND',
    );
    expect(await dbColumnRows(t, c.todo)).toEqual(rowsBefore);
  });

  it('refuses to create or move a card into a full column unless forced', async () => {
    const c = await column(0);
    const limited = await updateColumn(t, c.doing, { wipLimit: 2 });
    expect(limited.wipLimit).toBe(2);
    const first = await createTask(t, c.teamId, { columnId: c.doing });
    const second = await createTask(t, c.teamId, { columnId: c.doing });

    const created = await t.gql(
      `mutation ($input: CreateTaskInput!) { createTask(input: $input) { id } }`,
      {
        input: { teamId: c.teamId, title: 'Third', columnId: c.doing },
      },
    );
    const error = expectCode(created, 'WIP_LIMIT_EXCEEDED');
    expect(error.extensions).toMatchObject({
      columnId: c.doing,
      columnName: 'In Progress',
      wipLimit: 2,
      taskCount: 2,
    });
    expect(error.message).toContain('In Progress');
    expect(error.message).toContain('2');
    // The refused create used no task number.
    const next = await createTask(t, c.teamId, { columnId: c.todo });
    expect(next.key).toMatch(/-3$/);

    const refused = await tryMove(t, { taskId: next.id, columnId: c.doing });
    expect(expectCode(refused, 'WIP_LIMIT_EXCEEDED').extensions).toMatchObject({
      columnName: 'In Progress',
      wipLimit: 2,
    });
    expect((await t.prisma.task.findUniqueOrThrow({ where: { id: next.id } })).columnId).toBe(
      c.todo,
    );

    // Reordering inside the full column is not adding a card.
    await moveTask(t, { taskId: second.id, columnId: c.doing, beforeTaskId: first.id });
    // force passes, for moves and creates.
    await moveTask(t, { taskId: next.id, columnId: c.doing, force: true });
    await t.ok(`mutation ($input: CreateTaskInput!) { createTask(input: $input) { id } }`, {
      input: { teamId: c.teamId, title: 'Forced', columnId: c.doing, force: true },
    });
    expect(await t.prisma.task.count({ where: { columnId: c.doing } })).toBe(4);

    // Removing the limit lets cards in; a lower limit applies again.
    await updateColumn(t, c.doing, { wipLimit: null });
    await createTask(t, c.teamId, { columnId: c.doing });
    await updateColumn(t, c.doing, { wipLimit: 5 });
    await moveTask(t, { taskId: first.id, columnId: c.done });
    // 4 cards left under a limit of 5: one more fits, the next does not.
    await createTask(t, c.teamId, { columnId: c.doing });
    expectCode(await tryMove(t, { taskId: first.id, columnId: c.doing }), 'WIP_LIMIT_EXCEEDED');
  });

  it('lets exactly one of 20 parallel moves into the last free slot through', async () => {
    const c = await column(20);
    await updateColumn(t, c.doing, { wipLimit: 3 });
    await createTask(t, c.teamId, { columnId: c.doing });
    await createTask(t, c.teamId, { columnId: c.doing });

    const results = await Promise.all(
      c.cards.map((card) => tryMove(t, { taskId: card.id, columnId: c.doing })),
    );
    const ok = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const r of refused) expect(r.errors?.[0]?.extensions.code).toBe('WIP_LIMIT_EXCEEDED');
    expect(await t.prisma.task.count({ where: { columnId: c.doing, deletedAt: null } })).toBe(3);
    expect(await t.prisma.task.count({ where: { columnId: c.todo, deletedAt: null } })).toBe(19);
    const moved = await t.prisma.taskEvent.count({
      where: { kind: 'MOVED', taskId: { in: c.cards.map((x) => x.id) } },
    });
    expect(moved).toBe(1);
  });

  it('lets exactly one of 10 parallel creates into the last free slot through, numbering it next', async () => {
    const c = await column(0);
    await updateColumn(t, c.doing, { wipLimit: 2 });
    await createTask(t, c.teamId, { columnId: c.doing });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.gql<{ createTask: { key: string } }>(
          `mutation ($input: CreateTaskInput!) { createTask(input: $input) { key } }`,
          { input: { teamId: c.teamId, title: `Racer ${i}`, columnId: c.doing } },
        ),
      ),
    );
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.errors))
      expect(r.errors?.[0]?.extensions.code).toBe('WIP_LIMIT_EXCEEDED');
    // Refused creates gave their numbers back: the winner is number 2, the next one 3.
    expect(ok[0]!.data!.createTask.key).toMatch(/-2$/);
    expect(await t.prisma.task.count({ where: { columnId: c.doing } })).toBe(2);
    expect((await createTask(t, c.teamId, { columnId: c.todo })).key).toMatch(/-3$/);
  });
});
