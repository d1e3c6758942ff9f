/**
 * Whole-board reads answered from the board read cache: only while the board's version stands
 * still, only to callers who may read the board's team, in a bounded amount of memory; every
 * change to what the board shows moves the version, so the next read sees it.
 */
import { BoardReadCache } from '../../src/boards/read-cache/board-read-cache';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { createIntegration, deliver } from '../helpers/alert-factories';
import {
  addMember,
  createBoard,
  createSprint,
  createTask,
  createTeam,
  moveTask,
  planSprint,
} from '../helpers/factories';
import { bearer, issueToken } from '../helpers/api-tokens';
import { startTestApp, TestApp } from '../helpers/test-app';
import { usingPostgres } from '../helpers/test-database';

const READ = `query Board($id: ID!) {
  board(id: $id) {
    id name version team { key name }
    columns {
      id name wipLimit taskCount
      tasks(first: 100) {
        totalCount
        edges { node { id key title rank labels estimate
          assignee { id name } alerts { status occurrences title } } }
      }
    }
  }
}`;

interface Card {
  id: string;
  key: string;
  title: string;
  assignee: { id: string; name: string } | null;
  alerts: { status: string; occurrences: number; title: string }[];
}
interface Read {
  board: {
    name: string;
    version: number;
    team: { key: string; name: string };
    columns: {
      id: string;
      name: string;
      wipLimit: number | null;
      taskCount: number;
      tasks: { edges: { node: Card }[] };
    }[];
  };
}

const cards = (read: Read): Card[] =>
  read.board.columns.flatMap((c) => c.tasks.edges.map((e) => e.node));
const cardOf = (read: Read, id: string): Card | undefined => cards(read).find((c) => c.id === id);

function cacheOf(t: TestApp): BoardReadCache {
  return t.app.get(BoardReadCache);
}

/** Reads the board twice: the second read must be a cache hit with the same answer. */
async function readTwice(t: TestApp, boardId: string): Promise<Read> {
  const first = await t.ok<Read>(READ, { id: boardId });
  const hits = cacheOf(t).stats().hits;
  const second = await t.ok<Read>(READ, { id: boardId });
  expect(cacheOf(t).stats().hits).toBe(hits + 1);
  expect(second).toEqual(first);
  return second;
}

describe('the board read cache', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        GRAPHQL_RATE_LIMIT_PER_MINUTE: '100000',
        // No background outbox pass or SLA scan runs between the statement counts.
        NOTIFY_DISPATCH_INTERVAL_MS: '600000',
        SLA_SCAN_INTERVAL_MS: '600000',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers a repeated read of an unchanged board from the cache in at most 3 SQL statements', async () => {
    const team = await createTeam(t);
    const board = await createBoard(t, team.id);
    for (let i = 0; i < 5; i++) await createTask(t, team.id, { columnId: board.columns[1]!.id });
    const executed = await t.ok<Read>(READ, { id: board.id });

    const stats = t.prisma.connection.stats;
    const before = stats.statements;
    const hits = cacheOf(t).stats().hits;
    const cached = await t.ok<Read>(READ, { id: board.id });
    expect(cacheOf(t).stats().hits).toBe(hits + 1);
    expect(stats.statements - before).toBeLessThanOrEqual(3);
    expect(cached).toEqual(executed);
    expect(cards(cached)).toHaveLength(5);
  });

  it('writes a cached answer as the same bytes as the executed one, and an error in full', async () => {
    const team = await createTeam(t);
    const board = await createBoard(t, team.id);
    await createTask(t, team.id, { columnId: board.columns[0]!.id, title: 'Quote "this" \u00e9' });
    const post = () =>
      t.http
        .post('/graphql')
        .send({ query: READ, variables: { id: board.id } })
        .expect(200);
    const hits = cacheOf(t).stats().hits;
    const executed = await post();
    const cached = await post();
    expect(cacheOf(t).stats().hits).toBe(hits + 1);
    expect(cached.text).toBe(executed.text);
    expect(cached.headers['content-length']).toBe(executed.headers['content-length']);
    expect(JSON.parse(cached.text)).toEqual({ data: expect.any(Object) });
    // A board no one may see: not from the cache, and its error is written whole.
    const missing = await t.http
      .post('/graphql')
      .send({ query: READ, variables: { id: '00000000-0000-4000-8000-000000000000' } })
      .expect(200);
    expect(JSON.parse(missing.text).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('answers identical reads that arrive together at the cost of one execution, each with the new state', async () => {
    const team = await createTeam(t);
    const board = await createBoard(t, team.id);
    const task = await createTask(t, team.id, { columnId: board.columns[1]!.id });
    await t.ok(READ, { id: board.id });
    const stats = t.prisma.connection.stats;

    // What one executed read costs, right after a change.
    await t.ok(`mutation ($id: ID!) { updateTask(id: $id, input: { title: "One" }) { id } }`, {
      id: task.id,
    });
    let before = stats.statements;
    await t.ok(READ, { id: board.id });
    const executed = stats.statements - before;

    await t.ok(`mutation ($id: ID!) { updateTask(id: $id, input: { title: "Many" }) { id } }`, {
      id: task.id,
    });
    before = stats.statements;
    const reads = await Promise.all(
      Array.from({ length: 10 }, () => t.ok<Read>(READ, { id: board.id })),
    );
    // One execution, plus each read's own version check (and, at most, a token use recorded).
    expect(stats.statements - before).toBeLessThanOrEqual(executed + 10 + 1);
    for (const read of reads) expect(cardOf(read, task.id)?.title).toBe('Many');
  });

  it('shows every change to what the board shows on the next read', async () => {
    const team = await createTeam(t);
    const board = await createBoard(t, team.id);
    const [triage, todo] = [board.columns[0]!, board.columns[1]!];
    const ana = await addMember(t, team.id, { name: 'Ana' });
    const task = await createTask(t, team.id, { columnId: todo.id, title: 'First' });
    let read = await readTwice(t, board.id);
    let version = read.board.version;

    const changes: [string, () => Promise<unknown>, (r: Read) => unknown, unknown][] = [
      [
        'the board renamed',
        () =>
          t.ok(`mutation ($id: ID!) { renameBoard(id: $id, name: "Ops") { id } }`, {
            id: board.id,
          }),
        (r) => r.board.name,
        'Ops',
      ],
      [
        'a column changed',
        () =>
          t.ok(`mutation ($id: ID!) { updateColumn(id: $id, input: { wipLimit: 3 }) { id } }`, {
            id: todo.id,
          }),
        (r) => r.board.columns.find((c) => c.id === todo.id)?.wipLimit,
        3,
      ],
      [
        'a card edited',
        () =>
          t.ok(`mutation ($id: ID!) { updateTask(id: $id, input: { title: "Renamed" }) { id } }`, {
            id: task.id,
          }),
        (r) => cardOf(r, task.id)?.title,
        'Renamed',
      ],
      [
        'a card assigned',
        () =>
          t.ok(
            `mutation ($id: ID!, $a: ID) { updateTask(id: $id, input: { assigneeId: $a }) { id } }`,
            {
              id: task.id,
              a: ana.id,
            },
          ),
        (r) => cardOf(r, task.id)?.assignee?.name,
        'Ana',
      ],
      [
        'its assignee renamed',
        () =>
          t.ok(
            `mutation ($id: ID!) { updateMember(id: $id, input: { name: "Ana Lima" }) { id } }`,
            {
              id: ana.id,
            },
          ),
        (r) => cardOf(r, task.id)?.assignee?.name,
        'Ana Lima',
      ],
      [
        'the team renamed',
        () =>
          t.ok(`mutation ($id: ID!) { updateTeam(id: $id, input: { name: "Platform" }) { id } }`, {
            id: team.id,
          }),
        (r) => r.board.team.name,
        'Platform',
      ],
      [
        'a card moved',
        () => moveTask(t, { taskId: task.id, columnId: triage.id }),
        (r) => r.board.columns.find((c) => c.id === triage.id)?.taskCount,
        1,
      ],
      [
        'a card created',
        () => createTask(t, team.id, { columnId: todo.id, title: 'Second' }),
        (r) =>
          cards(r)
            .map((c) => c.title)
            .sort(),
        ['Renamed', 'Second'],
      ],
    ];
    for (const [what, change, observe, expected] of changes) {
      await change();
      read = await readTwice(t, board.id);
      expect({ what, value: observe(read) }).toEqual({ what, value: expected });
      expect(read.board.version).toBeGreaterThan(version);
      version = read.board.version;
    }

    // Alerts: a new card, a repeat (occurrences), a resolve (status), each seen on the next read.
    const integration = await createIntegration(t, team.id, { boardId: board.id });
    const alert = amAlert({ labels: { alertname: 'DiskFull' } });
    await deliver(t, integration, amGroup([alert]));
    read = await readTwice(t, board.id);
    const alertCard = cards(read).find((c) => c.alerts.length > 0)!;
    expect(alertCard.alerts[0]).toMatchObject({ status: 'FIRING', occurrences: 1 });
    await deliver(t, integration, amGroup([alert]));
    read = await readTwice(t, board.id);
    expect(cardOf(read, alertCard.id)?.alerts[0]).toMatchObject({ occurrences: 2 });
    await deliver(
      t,
      integration,
      amGroup([{ ...alert, status: 'resolved', endsAt: '2026-11-20T10:00:00.000Z' }]),
    );
    read = await readTwice(t, board.id);
    expect(cardOf(read, alertCard.id)?.alerts[0]).toMatchObject({ status: 'RESOLVED' });
  });

  it("answers the web app's alert cards read from the cache and shows every change to it", async () => {
    // The board page's second read (web/src/pages/board/board-queries.ts, BoardAlertCards).
    const ALERT_CARDS = `query ($teamId: ID!, $boardId: ID!, $after: String) {
      tasks(teamId: $teamId, filter: { boardId: $boardId, source: ALERT }, first: 100, after: $after) {
        edges { node { id alerts { id status occurrences integration { id kind name } } } }
        pageInfo { hasNextPage endCursor }
      }
    }`;
    interface AlertCards {
      tasks: {
        edges: {
          node: {
            id: string;
            alerts: { status: string; occurrences: number; integration: { name: string } }[];
          };
        }[];
      };
    }
    const team = await createTeam(t);
    const board = await createBoard(t, team.id);
    await createTask(t, team.id, { columnId: board.columns[1]!.id, title: 'Planned work' });
    const integration = await createIntegration(t, team.id, { boardId: board.id });
    const alert = amAlert({ labels: { alertname: 'DiskFull' } });
    await deliver(t, integration, amGroup([alert]));
    const vars = { teamId: team.id, boardId: board.id };
    const readTwiceCards = async (): Promise<AlertCards> => {
      const first = await t.ok<AlertCards>(ALERT_CARDS, vars);
      const hits = cacheOf(t).stats().hits;
      const second = await t.ok<AlertCards>(ALERT_CARDS, vars);
      expect(cacheOf(t).stats().hits).toBe(hits + 1);
      expect(second).toEqual(first);
      return second;
    };
    const badges = (r: AlertCards): string[] =>
      r.tasks.edges.flatMap((e) =>
        e.node.alerts.map((a) => `${a.status} ${a.occurrences} ${a.integration.name}`),
      );

    // In at most 3 statements when nothing changed, like a board read.
    await t.ok(ALERT_CARDS, vars);
    const stats = t.prisma.connection.stats;
    const before = stats.statements;
    expect(badges(await t.ok<AlertCards>(ALERT_CARDS, vars))).toEqual(['FIRING 1 Prometheus']);
    expect(stats.statements - before).toBeLessThanOrEqual(3);

    await deliver(t, integration, amGroup([alert]));
    expect(badges(await readTwiceCards())).toEqual(['FIRING 2 Prometheus']);
    await t.ok(
      `mutation ($id: ID!) { updateAlertIntegration(id: $id, input: { name: "Prod Prometheus" }) { id } }`,
      { id: integration.id },
    );
    expect(badges(await readTwiceCards())).toEqual(['FIRING 2 Prod Prometheus']);
    await deliver(t, integration, amGroup([amAlert({ labels: { alertname: 'CpuHigh' } })]));
    expect((await readTwiceCards()).tasks.edges).toHaveLength(2);
    // The integration deleted with its alerts: the cards stay, their alerts are gone.
    await t.ok(`mutation ($id: ID!) { deleteAlertIntegration(id: $id) }`, { id: integration.id });
    const after = await readTwiceCards();
    expect(after.tasks.edges).toHaveLength(2);
    expect(badges(after)).toEqual([]);

    // Another team's id with this board: executed (and refused), never the board's answer.
    const other = await createTeam(t);
    const { misses } = cacheOf(t).stats();
    const foreign = await t.ok<AlertCards>(ALERT_CARDS, { teamId: other.id, boardId: board.id });
    expect(foreign.tasks.edges).toEqual([]);
    expect(cacheOf(t).stats().misses).toBe(misses);
  });

  it('executes, never caches, a read that selects anything a board version does not cover', async () => {
    const team = await createTeam(t);
    const board = await createBoard(t, team.id);
    const sprint = await createSprint(t, team.id);
    const task = await createTask(t, team.id, { columnId: board.columns[1]!.id, estimate: 1 });
    await planSprint(t, sprint.id, [task.id], true);
    const query = `query ($id: ID!) { board(id: $id) { columns { tasks { edges { node {
      id sprint { name } history { kind } } } } } } }`;
    const sprintName = async (): Promise<string[]> => {
      const data = await t.ok<{
        board: { columns: { tasks: { edges: { node: { sprint: { name: string } | null } }[] } }[] };
      }>(query, { id: board.id });
      return data.board.columns.flatMap((c) => c.tasks.edges.map((e) => e.node.sprint?.name ?? ''));
    };
    const { hits, misses } = cacheOf(t).stats();
    await sprintName();
    await t.ok(
      `mutation ($id: ID!) { updateSprint(id: $id, input: { name: "Renamed sprint" }) { id } }`,
      {
        id: sprint.id,
      },
    );
    expect(await sprintName()).toEqual(['Renamed sprint']);
    expect(cacheOf(t).stats()).toMatchObject({ hits, misses });
  });

  it('serves a cached board only to callers who may read its team', async () => {
    const teamA = await createTeam(t);
    const teamB = await createTeam(t);
    const board = await createBoard(t, teamA.id);
    await createTask(t, teamA.id, { columnId: board.columns[1]!.id, title: 'Secret of A' });
    const viewerA = await issueToken(t, { teamId: teamA.id, role: 'VIEWER' });
    const viewerB = await issueToken(t, { teamId: teamB.id, role: 'VIEWER' });
    const cached = await readTwice(t, board.id); // cached, as the instance admin

    const hits = cacheOf(t).stats().hits;
    const ofB = await t.gql(READ, { id: board.id }, bearer(viewerB.token));
    expect(ofB.data).toBeNull();
    expect(ofB.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const anonymous = await t.gql(READ, { id: board.id }, { authorization: '' });
    expect(anonymous.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(cacheOf(t).stats().hits).toBe(hits);

    const ofA = await t.gql<Read>(READ, { id: board.id }, bearer(viewerA.token));
    expect(ofA.data).toEqual(cached);
    expect(cacheOf(t).stats().hits).toBe(hits + 1);

    await t.ok(`mutation ($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: viewerA.id });
    const revoked = await t.gql(READ, { id: board.id }, bearer(viewerA.token));
    expect(revoked.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(cacheOf(t).stats().hits).toBe(hits + 1);
  });
});

describe('the board read cache under a small byte bound', () => {
  let t: TestApp;
  const MAX = 6000;

  beforeAll(async () => {
    t = await startTestApp({
      env: { BOARD_CACHE_MAX_BYTES: String(MAX), GRAPHQL_RATE_LIMIT_PER_MINUTE: '100000' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the JSON size of its answers under the bound, least recently used out first', async () => {
    const team = await createTeam(t);
    const boards = [];
    for (let i = 0; i < 6; i++) {
      const board = await createBoard(t, team.id);
      for (let c = 0; c < 3; c++) await createTask(t, team.id, { columnId: board.columns[1]!.id });
      boards.push(board);
    }
    for (const board of boards) {
      await t.ok(READ, { id: board.id });
      expect(cacheOf(t).stats().bytes).toBeLessThanOrEqual(MAX);
    }
    const stats = cacheOf(t).stats();
    expect(stats.evictions).toBeGreaterThan(0);
    expect(stats.entries).toBeGreaterThan(0);
    expect(stats.entries).toBeLessThan(boards.length);

    // The newest is still there, the oldest is not.
    const { hits, misses } = stats;
    await t.ok(READ, { id: boards[boards.length - 1]!.id });
    expect(cacheOf(t).stats().hits).toBe(hits + 1);
    await t.ok(READ, { id: boards[0]!.id });
    expect(cacheOf(t).stats().misses).toBe(misses + 1);

    const metrics = await t.anon.get('/metrics');
    const bytes = /^loopboard_board_cache_bytes (\d+)$/m.exec(metrics.text);
    expect(Number(bytes?.[1])).toBe(cacheOf(t).stats().bytes);
    expect(metrics.text).toMatch(/^loopboard_board_cache_evictions_total [1-9]\d*$/m);
  });
});

const describeOnPostgres = usingPostgres() ? describe : describe.skip;

describeOnPostgres('the board read cache on two replicas of one PostgreSQL', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ database: a.database });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it("shows a change made on one replica on the other's next read", async () => {
    const team = await createTeam(a);
    const board = await createBoard(a, team.id);
    const task = await createTask(a, team.id, { columnId: board.columns[1]!.id, title: 'Before' });
    await readTwice(a, board.id);
    await readTwice(b, board.id);

    await b.ok(`mutation ($id: ID!) { updateTask(id: $id, input: { title: "After" }) { id } }`, {
      id: task.id,
    });
    expect(cardOf(await readTwice(a, board.id), task.id)?.title).toBe('After');
    await moveTask(a, { taskId: task.id, columnId: board.columns[0]!.id });
    const onB = await readTwice(b, board.id);
    expect(onB.board.columns[0]!.taskCount).toBe(1);
  });
});
