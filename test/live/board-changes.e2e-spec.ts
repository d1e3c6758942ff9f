/**
 * boardChanged over graphql-ws against the real app and database: one event per committed change
 * to a board's cards and columns, with the board's new version; nothing for a rolled-back change.
 */
import { createBoard, createTask, createTeam, moveTask } from '../helpers/factories';
import {
  BOARD_CHANGED,
  connectLive,
  Feed,
  listen,
  LiveClient,
  whenLive,
} from '../helpers/live-client';
import { startTestApp, TestApp } from '../helpers/test-app';

describe('boardChanged', () => {
  let t: TestApp;
  let url: string;
  let live: LiveClient;

  beforeAll(async () => {
    t = await startTestApp();
    url = await listen(t);
    live = await connectLive(url, t.adminToken);
  });
  afterAll(async () => {
    await live?.dispose();
    await t?.close();
  });

  const version = async (boardId: string): Promise<number> =>
    (
      await t.ok<{ board: { version: number } }>(
        `query ($id: ID!) { board(id: $id) { version } }`,
        {
          id: boardId,
        },
      )
    ).board.version;

  /** Subscribes and waits until the server holds the subscription (a rename proves it). */
  async function subscribed(boardId: string): Promise<Feed> {
    const feed = live.subscribe(BOARD_CHANGED, { b: boardId });
    await whenLive(
      feed,
      (i) =>
        t.ok(`mutation ($id: ID!, $n: String!) { renameBoard(id: $id, name: $n) { id } }`, {
          id: boardId,
          n: `Board ready ${i}`,
        }),
      (r) => r.data?.boardChanged.kind === 'BOARD_UPDATED',
    );
    return feed;
  }

  it('sends a created card with the version a read of the board then shows', async () => {
    const team = await createTeam(t);
    const board = await createBoard(t, team.id);
    const feed = await subscribed(board.id);
    const before = await version(board.id);

    const task = await createTask(t, team.id, { boardId: board.id, title: 'Rotate certificates' });
    const { data } = await feed.next((r) => r.data?.boardChanged.kind === 'CARD_CREATED');
    const change = data?.boardChanged;
    expect(change).toMatchObject({
      boardId: board.id,
      kind: 'CARD_CREATED',
      taskId: task.id,
      task: { id: task.id, key: task.key, title: 'Rotate certificates' },
      columnId: null,
      column: null,
    });
    expect(change.version).toBe(before + 1);
    expect(await version(board.id)).toBe(change.version);
  });

  it('sends moves, re-ranks and edits, each once, in commit order', async () => {
    const team = await createTeam(t);
    const board = await createBoard(t, team.id);
    const todo = board.column.TODO as { id: string };
    const doing = board.column.IN_PROGRESS as { id: string };
    const a = await createTask(t, team.id, { columnId: todo.id });
    const b = await createTask(t, team.id, { columnId: todo.id });
    const feed = await subscribed(board.id);

    await moveTask(t, { taskId: a.id, columnId: doing.id });
    await moveTask(t, { taskId: b.id, columnId: todo.id, beforeTaskId: null });
    await t.ok(`mutation ($id: ID!) { updateTask(id: $id, input: {title: "Renamed"}) { id } }`, {
      id: a.id,
    });

    const moved = (await feed.next((r) => r.data?.boardChanged.taskId === a.id)).data?.boardChanged;
    expect(moved).toMatchObject({ kind: 'CARD_MOVED', task: { column: { id: doing.id } } });
    const edited = (await feed.next((r) => r.data?.boardChanged.taskId === a.id)).data
      ?.boardChanged;
    expect(edited).toMatchObject({ kind: 'CARD_UPDATED', task: { title: 'Renamed' } });
    expect(edited.version).toBeGreaterThan(moved.version);
    expect(await version(board.id)).toBe(edited.version);
  });

  it('sends column changes and a deleted card', async () => {
    const team = await createTeam(t);
    const board = await createBoard(t, team.id);
    const feed = await subscribed(board.id);
    const added = await t.ok<{ addColumn: { id: string } }>(
      `mutation ($b: ID!) { addColumn(input: {boardId: $b, name: "Blocked", category: IN_PROGRESS, wipLimit: 2}) { id } }`,
      { b: board.id },
    );
    const created = await feed.next((r) => r.data?.boardChanged.kind === 'COLUMN_CREATED');
    expect(created.data?.boardChanged).toMatchObject({
      columnId: added.addColumn.id,
      column: { id: added.addColumn.id, name: 'Blocked' },
    });

    const task = await createTask(t, team.id, { columnId: added.addColumn.id });
    await t.ok(`mutation ($id: ID!) { deleteTask(id: $id) }`, { id: task.id });
    const deleted = await feed.next(
      (r) => r.data?.boardChanged.taskId === task.id && r.data.boardChanged.kind === 'CARD_DELETED',
    );
    expect(deleted.data?.boardChanged.task).toBeNull();

    await t.ok(`mutation ($id: ID!) { removeColumn(id: $id) { id } }`, { id: added.addColumn.id });
    const removed = await feed.next((r) => r.data?.boardChanged.kind === 'COLUMN_DELETED');
    expect(removed.data?.boardChanged).toMatchObject({
      columnId: added.addColumn.id,
      column: null,
    });
  });

  it('sends nothing for a rolled-back change: the next event is the next commit', async () => {
    const team = await createTeam(t);
    const board = await createBoard(t, team.id);
    const todo = board.column.TODO as { id: string };
    const task = await createTask(t, team.id, { columnId: todo.id, title: 'Kept' });
    const feed = await subscribed(board.id);

    await expect(
      t.prisma.$transaction(async (tx) => {
        await tx.task.update({ where: { id: task.id }, data: { title: 'Never committed' } });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const committed = await createTask(t, team.id, { columnId: todo.id, title: 'Committed' });

    const next = await feed.next((r) => r.data?.boardChanged.kind !== 'BOARD_UPDATED');
    expect(next.data?.boardChanged).toMatchObject({ kind: 'CARD_CREATED', taskId: committed.id });
    expect(feed.results.some((r) => r.data?.boardChanged.task?.title === 'Never committed')).toBe(
      false,
    );
  });

  it('exports its connections, subscriptions and listener state as metrics', async () => {
    const team = await createTeam(t);
    const board = await createBoard(t, team.id);
    await subscribed(board.id);
    const text = (await t.anon.get('/metrics')).text;
    const value = (name: string): number =>
      Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('loopboard_live_connections')).toBeGreaterThanOrEqual(1);
    expect(value('loopboard_live_subscriptions')).toBeGreaterThanOrEqual(1);
    expect(value('loopboard_live_listener_up')).toBe(1);
  });

  it('announces a deleted board and ends the subscription', async () => {
    const team = await createTeam(t);
    const board = await createBoard(t, team.id);
    const feed = await subscribed(board.id);
    await t.ok(`mutation ($id: ID!) { deleteBoard(id: $id) { id } }`, { id: board.id });
    const last = await feed.next((r) => r.data?.boardChanged.kind === 'BOARD_DELETED');
    expect(last.data?.boardChanged.boardId).toBe(board.id);
    await feed.ended();
  });
});
