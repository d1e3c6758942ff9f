/**
 * Replicas on one PostgreSQL: each delivers the other's committed changes to its subscribers
 * (NOTIFY reaches every listening session), an open transaction sends nothing until it commits,
 * and a listener that lost its connection tells its subscribers to re-read. PostgreSQL only: the
 * embedded database belongs to one process.
 */
import { Client } from 'pg';
import { createBoard, createTask, createTeam, moveTask } from '../helpers/factories';
import {
  BOARD_CHANGED,
  connectLive,
  Feed,
  listen,
  LiveClient,
  whenLive,
} from '../helpers/live-client';
import { issueToken } from '../helpers/api-tokens';
import { startTestApp, TestApp } from '../helpers/test-app';
import { usingPostgres } from '../helpers/test-database';

const describeOnPostgres = usingPostgres() ? describe : describe.skip;

describeOnPostgres('subscriptions across replicas', () => {
  let a: TestApp;
  let b: TestApp;
  let onA: LiveClient;
  let onB: LiveClient;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ database: a.database });
    onA = await connectLive(await listen(a), a.adminToken);
    onB = await connectLive(await listen(b), b.adminToken);
  });
  afterAll(async () => {
    await onA?.dispose();
    await onB?.dispose();
    await b?.close();
    await a?.close();
  });

  async function subscribedOn(client: LiveClient, via: TestApp, boardId: string): Promise<Feed> {
    const feed = client.subscribe(BOARD_CHANGED, { b: boardId });
    await whenLive(
      feed,
      (i) =>
        via.ok(`mutation ($id: ID!, $n: String!) { renameBoard(id: $id, name: $n) { id } }`, {
          id: boardId,
          n: `Ready ${i}`,
        }),
      (r) => r.data?.boardChanged.kind === 'BOARD_UPDATED',
    );
    return feed;
  }

  it("each replica delivers the other's changes, with the same versions", async () => {
    const team = await createTeam(a);
    const board = await createBoard(a, team.id);
    const feedA = await subscribedOn(onA, b, board.id);
    const feedB = await subscribedOn(onB, a, board.id);

    const made = await createTask(a, team.id, { boardId: board.id });
    await moveTask(b, { taskId: made.id, columnId: board.column.IN_PROGRESS?.id });

    for (const feed of [feedA, feedB]) {
      const created = await feed.next((r) => r.data?.boardChanged.kind === 'CARD_CREATED');
      const moved = await feed.next((r) => r.data?.boardChanged.kind === 'CARD_MOVED');
      expect(created.data?.boardChanged.taskId).toBe(made.id);
      expect(moved.data?.boardChanged.version).toBe(created.data?.boardChanged.version + 1);
    }
  });

  it('sends nothing for a transaction until it commits', async () => {
    const team = await createTeam(a);
    const board = await createBoard(a, team.id);
    const todo = board.column.TODO?.id as string;
    const held = await createTask(a, team.id, { columnId: todo, title: 'Held' });
    const feed = await subscribedOn(onB, a, board.id);

    const client = new Client({ connectionString: a.database.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `UPDATE tasks SET title = 'Changed in an open transaction' WHERE id = $1`,
        [held.id],
      );
      // A change committed meanwhile arrives; the open one does not come before its commit.
      const other = await createTask(a, team.id, { columnId: todo, title: 'Committed first' });
      const first = await feed.next((r) => r.data?.boardChanged.kind !== 'BOARD_UPDATED');
      expect(first.data?.boardChanged).toMatchObject({ taskId: other.id, kind: 'CARD_CREATED' });
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    const late = await feed.next((r) => r.data?.boardChanged.taskId === held.id);
    expect(late.data?.boardChanged).toMatchObject({
      kind: 'CARD_UPDATED',
      task: { title: 'Changed in an open transaction' },
    });
  });

  it('closes, on every replica, the sockets of a token revoked through one', async () => {
    const team = await createTeam(a);
    const token = await issueToken(a, { teamId: team.id, role: 'VIEWER' });
    const client = await connectLive(await listen(b), token.token);
    try {
      await a.ok(`mutation ($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: token.id });
      expect(await client.waitClosed()).toMatchObject({ code: 4403 });
    } finally {
      await client.dispose();
    }
  });

  it("tells subscribers to re-read when the replica's listener lost its connection", async () => {
    const team = await createTeam(a);
    const board = await createBoard(a, team.id);
    const feed = await subscribedOn(onB, a, board.id);
    const admin = new Client({ connectionString: a.database.url });
    await admin.connect();
    try {
      // Both replicas' listeners drop; each reconnects and resyncs.
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE application_name = 'loopboard-listener' AND datname = current_database()`,
      );
    } finally {
      await admin.end();
    }
    const resync = await feed.next((r) => r.data?.boardChanged.kind === 'RESYNC');
    const version = await a.ok<{ board: { version: number } }>(
      `query ($id: ID!) { board(id: $id) { version } }`,
      { id: board.id },
    );
    expect(resync.data?.boardChanged.version).toBe(version.board.version);
    // And it listens again: the next change arrives.
    const made = await createTask(a, team.id, { boardId: board.id });
    await feed.next((r) => r.data?.boardChanged.taskId === made.id);
  });
});
