import { createBoard, createTask, createTeam } from '../helpers/factories';
import {
  columnCards,
  expectStrictlyIncreasing,
  teamWithBoard,
} from '../helpers/planning-factories';
import { expectBadInput, expectCode } from '../helpers/graphql-errors';
import { tryMove, updateColumn } from '../helpers/planning-mutations';
import { eventually } from '../helpers/eventually';
import { startTestApp, TestApp } from '../helpers/test-app';

interface ColumnRow {
  id: string;
  name: string;
  category: string;
  wipLimit: number | null;
  position: number;
}

const BOARD = `query ($id: ID!) {
  board(id: $id) { id name team { id } columns { id name category wipLimit position taskCount board { id } } }
}`;

async function columnsOf(t: TestApp, boardId: string): Promise<ColumnRow[]> {
  const data = await t.ok<{ board: { columns: ColumnRow[] } }>(
    `query ($id: ID!) { board(id: $id) { columns { id name category wipLimit position } } }`,
    { id: boardId },
  );
  return data.board.columns;
}

describe('boards and columns over GraphQL', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('creates a board with the default columns when none are given', async () => {
    const team = await createTeam(t);
    const created = await t.ok(
      `mutation ($input: CreateBoardInput!) { createBoard(input: $input) { id name } }`,
      { input: { teamId: team.id, name: 'Main' } },
    );
    const data = await t.ok(BOARD, { id: created.createBoard.id });
    expect(data.board).toMatchObject({ name: 'Main', team: { id: team.id } });
    expect(
      data.board.columns.map((c: ColumnRow & { taskCount: number; board: { id: string } }) => [
        c.name,
        c.category,
        c.wipLimit,
        c.position,
        c.taskCount,
        c.board.id,
      ]),
    ).toEqual([
      ['Triage', 'TRIAGE', null, 0, 0, created.createBoard.id],
      ['To Do', 'TODO', null, 1, 0, created.createBoard.id],
      ['In Progress', 'IN_PROGRESS', null, 2, 0, created.createBoard.id],
      ['Review', 'REVIEW', null, 3, 0, created.createBoard.id],
      ['Done', 'DONE', null, 4, 0, created.createBoard.id],
    ]);
  });

  it('creates a board with the columns given, and refuses a second board of the same name', async () => {
    const team = await createTeam(t);
    const board = await createBoard(t, team.id, {
      name: 'Flow',
      columns: [
        { name: 'Backlog', category: 'BACKLOG' },
        { name: 'Doing', category: 'IN_PROGRESS', wipLimit: 3 },
        { name: 'Shipped', category: 'DONE' },
      ],
    });
    expect(await columnsOf(t, board.id)).toEqual([
      { id: expect.any(String), name: 'Backlog', category: 'BACKLOG', wipLimit: null, position: 0 },
      { id: expect.any(String), name: 'Doing', category: 'IN_PROGRESS', wipLimit: 3, position: 1 },
      { id: expect.any(String), name: 'Shipped', category: 'DONE', wipLimit: null, position: 2 },
    ]);
    const dup = await t.gql(
      `mutation ($input: CreateBoardInput!) { createBoard(input: $input) { id } }`,
      {
        input: { teamId: team.id, name: 'Flow' },
      },
    );
    expect(expectCode(dup, 'CONFLICT').extensions.field).toBe('input.name');
    expectCode(
      await t.gql(`query { board(id: "0b7e3c39-7d7e-4b0c-9d7e-6b3f1d5c2a10") { id } }`),
      'NOT_FOUND',
    );
  });

  it('adds a column at a position, at the end by default, and clamps a position past the end', async () => {
    const { board } = await teamWithBoard(t);
    const add = (input: Record<string, unknown>): Promise<{ addColumn: ColumnRow }> =>
      t.ok(
        `mutation ($input: AddColumnInput!) { addColumn(input: $input) { id name category wipLimit position } }`,
        { input: { boardId: board.id, ...input } },
      );
    const blocked = await add({
      name: 'Blocked',
      category: 'IN_PROGRESS',
      wipLimit: 2,
      position: 2,
    });
    expect(blocked.addColumn).toMatchObject({ name: 'Blocked', wipLimit: 2, position: 2 });
    const archive = await add({ name: 'Archive', category: 'DONE' });
    expect(archive.addColumn.position).toBe(6);
    const first = await add({ name: 'Inbox', category: 'TRIAGE', position: 0 });
    expect(first.addColumn.position).toBe(0);
    const far = await add({ name: 'Far', category: 'DONE', position: 99 });
    expect(far.addColumn.position).toBe(8);

    const columns = await columnsOf(t, board.id);
    expect(columns.map((c) => c.name)).toEqual([
      'Inbox',
      'Triage',
      'To Do',
      'Blocked',
      'In Progress',
      'Review',
      'Done',
      'Archive',
      'Far',
    ]);
    expect(columns.map((c) => c.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('updates a column name, category and WIP limit; null clears the limit, omitted fields stay', async () => {
    const { board } = await teamWithBoard(t);
    const id = board.column.REVIEW!.id;
    expect(await updateColumn(t, id, { name: 'Code review', wipLimit: 4 })).toEqual({
      id,
      name: 'Code review',
      category: 'REVIEW',
      wipLimit: 4,
    });
    expect(await updateColumn(t, id, { category: 'IN_PROGRESS' })).toEqual({
      id,
      name: 'Code review',
      category: 'IN_PROGRESS',
      wipLimit: 4,
    });
    expect(await updateColumn(t, id, { wipLimit: null })).toEqual({
      id,
      name: 'Code review',
      category: 'IN_PROGRESS',
      wipLimit: null,
    });
    expect(await t.prisma.boardColumn.findUniqueOrThrow({ where: { id } })).toMatchObject({
      name: 'Code review',
      category: 'IN_PROGRESS',
      wipLimit: null,
    });
    expectCode(
      await t.gql(
        `mutation { updateColumn(id: "0b7e3c39-7d7e-4b0c-9d7e-6b3f1d5c2a10", input: { name: "x" }) { id } }`,
      ),
      'NOT_FOUND',
    );
  });

  it('reorders columns and refuses an order that does not list every column once', async () => {
    const { board } = await teamWithBoard(t);
    const ids = board.columns.map((c) => c.id);
    const reversed = [...ids].reverse();
    const data = await t.ok(
      `mutation ($input: ReorderColumnsInput!) { reorderColumns(input: $input) { id position } }`,
      { input: { boardId: board.id, columnIds: reversed } },
    );
    expect(data.reorderColumns).toEqual(reversed.map((id, position) => ({ id, position })));
    expect((await columnsOf(t, board.id)).map((c) => c.name)).toEqual([
      'Done',
      'Review',
      'In Progress',
      'To Do',
      'Triage',
    ]);

    const missing = await t.gql(
      `mutation ($input: ReorderColumnsInput!) { reorderColumns(input: $input) { id } }`,
      { input: { boardId: board.id, columnIds: ids.slice(1) } },
    );
    expectBadInput(missing, 'input.columnIds');
    const other = await teamWithBoard(t);
    const foreign = await t.gql(
      `mutation ($input: ReorderColumnsInput!) { reorderColumns(input: $input) { id } }`,
      { input: { boardId: board.id, columnIds: [...ids.slice(1), other.board.columns[0]!.id] } },
    );
    expectBadInput(foreign, 'input.columnIds');
    // Nothing changed by the refused requests.
    expect((await columnsOf(t, board.id)).map((c) => c.id)).toEqual(reversed);
  });

  it('removes an empty column and closes the gap in positions', async () => {
    const { board } = await teamWithBoard(t);
    const review = board.column.REVIEW!.id;
    const data = await t.ok(
      `mutation ($id: ID!) { removeColumn(id: $id) { id columns { name position } } }`,
      {
        id: review,
      },
    );
    expect(data.removeColumn.columns).toEqual([
      { name: 'Triage', position: 0 },
      { name: 'To Do', position: 1 },
      { name: 'In Progress', position: 2 },
      { name: 'Done', position: 3 },
    ]);
    expect(await t.prisma.boardColumn.findUnique({ where: { id: review } })).toBeNull();
    expectCode(
      await t.gql(`mutation ($id: ID!) { removeColumn(id: $id) { id } }`, { id: review }),
      'NOT_FOUND',
    );
  });

  it('refuses to remove a column holding cards, and moves them (in order) when told where', async () => {
    const { team, board } = await teamWithBoard(t);
    const todo = board.column.TODO!.id;
    const doing = board.column.IN_PROGRESS!.id;
    const leaving = [];
    for (let i = 0; i < 3; i++) leaving.push(await createTask(t, team.id, { columnId: todo }));
    const staying = [];
    for (let i = 0; i < 2; i++) staying.push(await createTask(t, team.id, { columnId: doing }));

    const refused = await t.gql(`mutation ($id: ID!) { removeColumn(id: $id) { id } }`, {
      id: todo,
    });
    expect(expectCode(refused, 'COLUMN_NOT_EMPTY').extensions).toMatchObject({
      columnId: todo,
      taskCount: 3,
    });
    expect(await t.prisma.boardColumn.findUnique({ where: { id: todo } })).not.toBeNull();

    const elsewhere = await teamWithBoard(t);
    expectBadInput(
      await t.gql(
        `mutation ($id: ID!, $to: ID) { removeColumn(id: $id, moveTasksToColumnId: $to) { id } }`,
        {
          id: todo,
          to: elsewhere.board.column.TODO!.id,
        },
      ),
      'moveTasksToColumnId',
    );
    expectBadInput(
      await t.gql(
        `mutation ($id: ID!, $to: ID) { removeColumn(id: $id, moveTasksToColumnId: $to) { id } }`,
        {
          id: todo,
          to: todo,
        },
      ),
      'moveTasksToColumnId',
    );

    const data = await t.ok(
      `mutation ($id: ID!, $to: ID) { removeColumn(id: $id, moveTasksToColumnId: $to) { columns { id name position taskCount } } }`,
      { id: todo, to: doing },
    );
    expect(data.removeColumn.columns.map((c: { name: string }) => c.name)).toEqual([
      'Triage',
      'In Progress',
      'Review',
      'Done',
    ]);
    const cards = await columnCards(t, board.id, doing);
    expect(cards.map((c) => c.key)).toEqual([...staying, ...leaving].map((c) => c.key));
    expectStrictlyIncreasing(cards.map((c) => c.rank));

    const moved = await t.ok(
      `query ($id: ID!) { task(id: $id) { startedAt column { id } history { kind from to note } } }`,
      { id: leaving[0]!.id },
    );
    expect(moved.task.column.id).toBe(doing);
    expect(moved.task.startedAt).not.toBeNull();
    expect(moved.task.history.at(-1)).toMatchObject({
      kind: 'MOVED',
      from: { columnId: todo, category: 'TODO' },
      to: { columnId: doing, category: 'IN_PROGRESS' },
      note: 'column removed',
    });
  });

  it('never drops a card off the board when it races into a column being removed', async () => {
    // The removal starts once this many of the ten moves are answered: a different point of them
    // each round, the rest still in flight.
    for (const answeredFirst of [0, 3, 6, 9]) {
      const { team, board } = await teamWithBoard(t);
      const todo = board.column.TODO!.id;
      const done = board.column.DONE!.id;
      const added = await t.ok(
        `mutation ($input: AddColumnInput!) { addColumn(input: $input) { id } }`,
        { input: { boardId: board.id, name: 'Blocked', category: 'IN_PROGRESS' } },
      );
      const blocked = added.addColumn.id as string;
      const cards = [];
      for (let i = 0; i < 10; i++) cards.push(await createTask(t, team.id, { columnId: done }));

      let answered = 0;
      const moving = cards.map((card) =>
        tryMove(t, { taskId: card.id, columnId: blocked }).finally(() => answered++),
      );
      await eventually(() => answered >= answeredFirst, {
        intervalMs: 1,
        message: `${answeredFirst} moves answered`,
      });
      const removal = await t.gql(
        `mutation ($id: ID!, $to: ID) { removeColumn(id: $id, moveTasksToColumnId: $to) { id } }`,
        { id: blocked, to: todo },
      );
      const moves = await Promise.all(moving);
      expect(removal.errors).toBeUndefined();
      const rows = await t.prisma.task.findMany({
        where: { id: { in: cards.map((c) => c.id) } },
        select: { id: true, columnId: true },
      });
      const columnOf = new Map(rows.map((r) => [r.id, r.columnId]));
      cards.forEach((card, i) => {
        const move = moves[i]!;
        // Moved before the removal (and carried to To Do with it), or refused after it.
        if (move.errors) {
          expect(move.errors[0]?.extensions.code).toBe('NOT_FOUND');
          expect(columnOf.get(card.id)).toBe(done);
        } else {
          expect(columnOf.get(card.id)).toBe(todo);
        }
      });
    }
  });

  it('serves the whole-board read of the issue under the default query limits', async () => {
    // Columns → tasks(first: 100) → edges/node with assignee and labels: how a client draws a board.
    const { team, board } = await teamWithBoard(t);
    const member = await t.ok(
      `mutation ($input: AddMemberInput!) { addMember(input: $input) { id } }`,
      { input: { teamId: team.id, name: 'Ana', capacityPerDay: 1 } },
    );
    await createTask(t, team.id, { assigneeId: member.addMember.id, labels: ['api'] });
    const res = await t.gql(
      `query ($id: ID!) {
        board(id: $id) {
          id name
          columns {
            id name category wipLimit taskCount
            tasks(first: 100) {
              totalCount
              edges { node { id key title rank labels assignee { id name } } }
              pageInfo { hasNextPage endCursor }
            }
          }
        }
      }`,
      { id: board.id },
    );
    expect(res.errors).toBeUndefined();
    const todo = res.data?.board.columns.find(
      (c: { id: string }) => c.id === board.column.TODO!.id,
    );
    expect(todo.tasks.edges[0].node).toMatchObject({ labels: ['api'], assignee: { name: 'Ana' } });
  });

  it('pages through the cards of a column in rank order with taskCount', async () => {
    const { team, board } = await teamWithBoard(t);
    const todo = board.column.TODO!.id;
    const created = [];
    for (let i = 0; i < 7; i++) created.push(await createTask(t, team.id, { columnId: todo }));
    const page = (after: string | null): Promise<Record<string, any>> =>
      t.ok(
        `query ($id: ID!, $after: String) {
          board(id: $id) { columns { id taskCount tasks(first: 3, after: $after) {
            totalCount edges { cursor node { key } } pageInfo { hasNextPage hasPreviousPage endCursor }
          } } }
        }`,
        { id: board.id, after },
      );
    const keys: string[] = [];
    let after: string | null = null;
    const hasNext: boolean[] = [];
    for (;;) {
      const data = await page(after);
      const column = data.board.columns.find((c: { id: string }) => c.id === todo);
      expect(column.taskCount).toBe(7);
      expect(column.tasks.totalCount).toBe(7);
      expect(column.tasks.pageInfo.hasPreviousPage).toBe(after !== null);
      keys.push(...column.tasks.edges.map((e: { node: { key: string } }) => e.node.key));
      hasNext.push(column.tasks.pageInfo.hasNextPage);
      if (!column.tasks.pageInfo.hasNextPage) break;
      after = column.tasks.pageInfo.endCursor;
    }
    expect(hasNext).toEqual([true, true, false]);
    expect(keys).toEqual(created.map((c) => c.key));
    expect((await columnCards(t, board.id, todo)).map((c) => c.key)).toEqual(
      created.map((c) => c.key),
    );
  });

  it('deletes a board: its cards stay with the team, off any board, with the move in their history', async () => {
    const team = await createTeam(t);
    const board = await createBoard(t, team.id);
    const card = await createTask(t, team.id, { columnId: board.column.TODO!.id });
    const deleted = await t.ok<{ deleteBoard: { id: string } }>(
      `mutation ($id: ID!) { deleteBoard(id: $id) { id } }`,
      { id: board.id },
    );
    expect(deleted.deleteBoard.id).toBe(board.id);
    expect(await t.prisma.board.count({ where: { id: board.id } })).toBe(0);
    expect(await t.prisma.boardColumn.count({ where: { boardId: board.id } })).toBe(0);
    const after = await t.ok<{
      task: {
        column: null;
        history: { kind: string; from: { columnId: string }; to: unknown; note: string }[];
      };
    }>(`query ($id: ID!) { task(id: $id) { column { id } history { kind from to note } } }`, {
      id: card.id,
    });
    expect(after.task.column).toBeNull();
    const moved = after.task.history.filter((h) => h.kind === 'MOVED');
    expect(moved).toEqual([
      {
        kind: 'MOVED',
        from: expect.objectContaining({ columnId: board.column.TODO!.id }),
        to: null,
        note: 'board deleted',
      },
    ]);
  });
});
