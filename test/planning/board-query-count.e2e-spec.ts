import {
  addMember,
  createBoard,
  createTask,
  createTeam,
  type BoardRef,
} from '../helpers/factories';
import { TasksRepository } from '../../src/tasks/tasks.repository';
import { inBatches } from '../helpers/planning-factories';
import { startTestApp, TestApp } from '../helpers/test-app';

const BOARD = `query ($id: ID!, $first: Int) {
  board(id: $id) {
    id name team { id key }
    columns {
      id name category wipLimit position taskCount
      tasks(first: $first) {
        totalCount
        edges { cursor node { id key title rank labels estimate assignee { id name email } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;

interface BoardRead {
  board: {
    columns: {
      taskCount: number;
      tasks: {
        totalCount: number;
        edges: {
          node: { key: string; labels: string[]; assignee: { id: string; name: string } | null };
        }[];
      };
    }[];
  };
}

/**
 * The upper bound: 7 for the board itself (board, team, columns, counts, card ids, cards,
 * members) plus the few lookups every request's access check makes.
 */
const MAX_STATEMENTS = 12;

describe('reading a board costs a constant number of SQL statements', () => {
  let t: TestApp;

  beforeAll(async () => {
    // This file counts SQL statements; the request rate and query-cost limits are not under test
    // here (boards-columns checks the same board read under the default limits), and setting up
    // 220 cards takes more requests than a minute's allowance. It counts what executing a read
    // costs, so the board read cache (test/planning/board-read-cache) is off.
    t = await startTestApp({
      env: {
        GRAPHQL_RATE_LIMIT_PER_MINUTE: '1000000',
        GRAPHQL_MAX_COST: '10000000',
        BOARD_CACHE_MAX_BYTES: '0',
        // No background outbox pass or SLA scan runs between the counts.
        NOTIFY_DISPATCH_INTERVAL_MS: '600000',
        SLA_SCAN_INTERVAL_MS: '600000',
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  /** A board of 5 columns with `cards` cards spread evenly, each with an assignee and labels. */
  async function board(cards: number): Promise<BoardRef> {
    const team = await createTeam(t);
    const members = await inBatches(
      Array.from({ length: 10 }, (_, i) => i),
      4,
      (i) => addMember(t, team.id, { name: `Member ${i}` }),
    );
    const created = await createBoard(t, team.id, {
      columns: [
        { name: 'Backlog', category: 'BACKLOG' },
        { name: 'To Do', category: 'TODO' },
        { name: 'Doing', category: 'IN_PROGRESS' },
        { name: 'Review', category: 'REVIEW' },
        { name: 'Done', category: 'DONE' },
      ],
    });
    await inBatches(
      Array.from({ length: cards }, (_, i) => i),
      6,
      (i) =>
        createTask(t, team.id, {
          columnId: created.columns[i % 5]!.id,
          assigneeId: members[i % members.length]!.id,
          labels: [`area-${i % 7}`, 'shared'],
          estimate: (i % 5) + 1,
        }),
    );
    return created;
  }

  async function measure(
    boardId: string,
    first = 100,
  ): Promise<{ statements: number; read: BoardRead }> {
    const stats = t.prisma.connection.stats;
    const before = stats.statements;
    const read = await t.ok<BoardRead>(BOARD, { id: boardId, first });
    return { statements: stats.statements - before, read };
  }

  let small: BoardRef;
  let large: BoardRef;

  beforeAll(async () => {
    small = await board(20);
    large = await board(200);
    // Warm up: the first request may open connections or prepare statements.
    await measure(small.id);
  });

  it('is the same for 20 and 200 cards, and small', async () => {
    const few = await measure(small.id);
    const many = await measure(large.id);

    for (const [{ read }, perColumn] of [
      [few, 4],
      [many, 40],
    ] as const) {
      expect(read.board.columns).toHaveLength(5);
      for (const column of read.board.columns) {
        expect(column.taskCount).toBe(perColumn);
        expect(column.tasks.totalCount).toBe(perColumn);
        expect(column.tasks.edges).toHaveLength(perColumn);
        for (const { node } of column.tasks.edges) {
          expect(node.assignee?.name).toMatch(/^Member \d$/);
          expect(node.labels).toContain('shared');
        }
      }
    }
    expect(many.statements).toBe(few.statements);
    expect(many.statements).toBeLessThanOrEqual(MAX_STATEMENTS);
    expect(many.statements).toBeGreaterThan(0);
  });

  it('stays the same when columns hold more cards than a page', async () => {
    const few = await measure(small.id, 10);
    const many = await measure(large.id, 10);
    for (const column of many.read.board.columns) {
      expect(column.taskCount).toBe(40);
      expect(column.tasks.edges).toHaveLength(10);
    }
    expect(many.statements).toBe(few.statements);
    expect(many.statements).toBeLessThanOrEqual(MAX_STATEMENTS);
  });

  it("reads a column's cards and count in one statement, field for field what the ORM reads", async () => {
    const repository = t.app.get(TasksRepository);
    const columnIds = large.columns.map((c) => c.id);
    // Some fields the board never sets, so that every column of the model holds a value.
    const sample = await t.prisma.task.findFirstOrThrow({ where: { columnId: columnIds[2] } });
    await t.prisma.task.update({
      where: { id: sample.id },
      data: {
        description: 'described',
        startedAt: new Date('2030-01-08T10:00:00.123Z'),
        resolution: 'DONE',
        reopenCount: 2,
        relatedTaskId: sample.id,
        estimate: 2.5,
      },
    });
    const { cards: page, counts } = await repository.firstCardsOfColumns(columnIds, 100);
    const orm = await t.prisma.task.findMany({
      where: { columnId: { in: columnIds }, deletedAt: null },
      orderBy: [{ columnId: 'asc' }, { rank: 'asc' }, { id: 'asc' }],
    });
    expect(page).toHaveLength(200);
    expect(page).toEqual(orm);
    expect([...counts.values()]).toEqual([40, 40, 40, 40, 40]);
    expect((await repository.firstCardsOfColumns(columnIds, 3)).counts.get(columnIds[0]!)).toBe(40);
    const after = orm.filter((x) => x.columnId === columnIds[2]);
    expect(
      await repository.cardsOfColumnAfter(
        columnIds[2]!,
        { rank: after[4]!.rank, id: after[4]!.id },
        3,
      ),
    ).toEqual(after.slice(5, 8));
  });
});
