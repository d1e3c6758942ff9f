import {
  addMember,
  createSprint,
  createTask,
  createTeam,
  moveTask,
  planSprint,
  type BoardRef,
  type TeamRef,
} from '../helpers/factories';
import { expectBadInput, expectCode } from '../helpers/graphql-errors';
import { teamWithBoard } from '../helpers/planning-factories';
import { startTestApp, TestApp } from '../helpers/test-app';

const TASK = `id key number title description type priority estimate rank labels source planned
  addedToSprintAt createdAt updatedAt startedAt completedAt
  team { id } column { id category } sprint { id } assignee { id }`;

const LIST = `query ($teamId: ID!, $filter: TaskFilter, $first: Int, $after: String) {
  tasks(teamId: $teamId, filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { key } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { key: string } }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

async function list(
  t: TestApp,
  teamId: string,
  filter: Record<string, unknown> = {},
  first?: number,
  after?: string,
): Promise<Page> {
  return (await t.ok<{ tasks: Page }>(LIST, { teamId, filter, first, after })).tasks;
}

async function keysOf(
  t: TestApp,
  teamId: string,
  filter: Record<string, unknown>,
): Promise<string[]> {
  const page = await list(t, teamId, filter, 100);
  expect(page.totalCount).toBe(page.edges.length);
  return page.edges.map((e) => e.node.key);
}

interface HistoryEntry {
  kind: string;
  actor: string;
  at: string;
  from: unknown;
  to: unknown;
}

async function historyOf(t: TestApp, id: string): Promise<HistoryEntry[]> {
  const data = await t.ok<{ task: { history: HistoryEntry[] } }>(
    `query ($id: ID!) { task(id: $id) { history { kind actor at from to note } } }`,
    { id },
  );
  return data.task.history;
}

describe('tasks over GraphQL', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('creates a task with defaults, in the board entry column, and reads it by id and by key', async () => {
    const { team, board } = await teamWithBoard(t);
    const sent = Date.now();
    const data = await t.ok(
      `mutation ($input: CreateTaskInput!) { createTask(input: $input) { ${TASK} } }`,
      {
        input: { teamId: team.id, title: '  Rotate certificates  ' },
      },
    );
    const task = data.createTask;
    expect(task).toMatchObject({
      key: `${team.key}-1`,
      number: 1,
      title: 'Rotate certificates',
      description: null,
      type: 'FEATURE',
      priority: 'NONE',
      estimate: null,
      labels: [],
      source: 'MANUAL',
      planned: false,
      addedToSprintAt: null,
      startedAt: null,
      completedAt: null,
      team: { id: team.id },
      // No BACKLOG column on the default board: the first TODO column.
      column: { id: board.column.TODO!.id, category: 'TODO' },
      sprint: null,
      assignee: null,
    });
    // Stamped by this request (timestamps are rounded to the millisecond).
    expect(Date.parse(task.createdAt)).toBeGreaterThanOrEqual(sent);
    expect(Date.parse(task.createdAt)).toBeLessThanOrEqual(Date.now() + 1);

    expect(
      (await t.ok(`query ($id: ID!) { task(id: $id) { key } }`, { id: task.id })).task.key,
    ).toBe(task.key);
    const byKey = await t.ok(`query ($key: String!) { task(key: $key) { id } }`, {
      key: task.key.toLowerCase(),
    });
    expect(byKey.task.id).toBe(task.id);
    expectCode(await t.gql(`query { task(key: "${team.key}-999") { id } }`), 'NOT_FOUND');
    expectCode(
      await t.gql(`query ($id: ID!) { task(id: $id, key: "${team.key}-2") { id } }`, {
        id: task.id,
      }),
      'NOT_FOUND',
    );
    expectBadInput(await t.gql(`query { task { id } }`), 'id');
  });

  it('creates a task with every field given', async () => {
    const { team, board } = await teamWithBoard(t);
    const member = await addMember(t, team.id);
    const sprint = await createSprint(t, team.id);
    const data = await t.ok(
      `mutation ($input: CreateTaskInput!) { createTask(input: $input) { ${TASK} } }`,
      {
        input: {
          teamId: team.id,
          title: 'Fix login',
          description: 'Users are logged out',
          type: 'BUG',
          priority: 'HIGH',
          estimate: 3,
          boardId: board.id,
          columnId: board.column.IN_PROGRESS!.id,
          sprintId: sprint.id,
          assigneeId: member.id,
          labels: ['auth', ' web ', 'auth', ''],
        },
      },
    );
    expect(data.createTask).toMatchObject({
      description: 'Users are logged out',
      type: 'BUG',
      priority: 'HIGH',
      estimate: 3,
      labels: ['auth', 'web'],
      column: { id: board.column.IN_PROGRESS!.id, category: 'IN_PROGRESS' },
      sprint: { id: sprint.id },
      assignee: { id: member.id },
      planned: false,
    });
    // Created straight into IN_PROGRESS: started; into a sprint: stamped.
    expect(data.createTask.startedAt).not.toBeNull();
    expect(data.createTask.addedToSprintAt).not.toBeNull();
    const done = await createTask(t, team.id, { columnId: board.column.DONE!.id });
    const row = await t.prisma.task.findUniqueOrThrow({ where: { id: done.id } });
    expect(row.completedAt).not.toBeNull();
  });

  it('a team without a board gets cards off any board', async () => {
    const team = await createTeam(t);
    const data = await t.ok(
      `mutation ($input: CreateTaskInput!) { createTask(input: $input) { key column { id } } }`,
      {
        input: { teamId: team.id, title: 'Loose' },
      },
    );
    expect(data.createTask).toEqual({ key: `${team.key}-1`, column: null });
  });

  it('updates fields, records the changes that matter in history, and deletes', async () => {
    const { team, board } = await teamWithBoard(t);
    const ana = await addMember(t, team.id);
    const ben = await addMember(t, team.id);
    const sent = Date.now();
    const task = await createTask(t, team.id, { estimate: 2 });
    const before = await t.prisma.task.findUniqueOrThrow({ where: { id: task.id } });

    const updated = await t.ok(
      `mutation ($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { ${TASK} } }`,
      {
        id: task.id,
        input: {
          title: 'New title',
          description: 'Details',
          type: 'CHORE',
          priority: 'LOW',
          estimate: 5,
          assigneeId: ana.id,
          labels: ['ops'],
        },
      },
    );
    expect(updated.updateTask).toMatchObject({
      title: 'New title',
      description: 'Details',
      type: 'CHORE',
      priority: 'LOW',
      estimate: 5,
      assignee: { id: ana.id },
      labels: ['ops'],
    });
    expect(Date.parse(updated.updateTask.updatedAt)).toBeGreaterThanOrEqual(
      before.updatedAt.getTime(),
    );

    await t.ok(
      `mutation ($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { id } }`,
      {
        id: task.id,
        input: { assigneeId: ben.id, estimate: null },
      },
    );
    await t.ok(
      `mutation ($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { id } }`,
      {
        id: task.id,
        input: { assigneeId: null, description: null },
      },
    );
    const row = await t.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(row).toMatchObject({
      assigneeId: null,
      estimate: null,
      description: null,
      title: 'New title',
    });

    const history = await historyOf(t, task.id);
    const byKind = (kind: string): HistoryEntry[] => history.filter((h) => h.kind === kind);
    expect(history[0]).toMatchObject({
      kind: 'CREATED',
      actor: expect.any(String),
      to: { columnId: board.column.TODO!.id, estimate: 2, sprintId: null, assigneeId: null },
    });
    expect(byKind('ESTIMATE_CHANGED').map((h) => [h.from, h.to])).toEqual([
      [2, 5],
      [5, null],
    ]);
    expect(byKind('ASSIGNED').map((h) => [h.from, h.to])).toEqual([
      [null, ana.id],
      [ana.id, ben.id],
      [ben.id, null],
    ]);
    expect(byKind('UPDATED').length).toBeGreaterThanOrEqual(5);
    for (const entry of history) {
      expect(entry.actor.length).toBeGreaterThan(0);
      // Written by this test's requests.
      expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(sent);
      expect(Date.parse(entry.at)).toBeLessThanOrEqual(Date.now() + 1);
    }
    // An update that changes nothing writes nothing.
    await t.ok(
      `mutation ($id: ID!) { updateTask(id: $id, input: { title: "New title" }) { id } }`,
      { id: task.id },
    );
    expect(await historyOf(t, task.id)).toHaveLength(history.length);

    const deleted = await t.ok(`mutation ($id: ID!) { deleteTask(id: $id) }`, { id: task.id });
    expect(deleted.deleteTask).toBe(task.id);
    expectCode(
      await t.gql(`query ($id: ID!) { task(id: $id) { id } }`, { id: task.id }),
      'NOT_FOUND',
    );
    expectCode(
      await t.gql(`mutation ($id: ID!) { deleteTask(id: $id) }`, { id: task.id }),
      'NOT_FOUND',
    );
    expect((await list(t, team.id)).totalCount).toBe(0);
    const events = await t.prisma.taskEvent.findMany({
      where: { taskId: task.id, kind: 'DELETED' },
    });
    expect(events).toHaveLength(1);
    // The key stays taken: the next task does not reuse it.
    expect((await createTask(t, team.id)).key).toBe(`${team.key}-2`);
  });

  it('records moves and sprint changes in history and keeps flow timestamps', async () => {
    const { team, board } = await teamWithBoard(t);
    const sprint = await createSprint(t, team.id);
    const task = await createTask(t, team.id);
    await planSprint(t, sprint.id, [task.id]);
    const col = board.column;

    const read = async (): Promise<{ startedAt: string | null; completedAt: string | null }> =>
      (await t.ok(`query ($id: ID!) { task(id: $id) { startedAt completedAt } }`, { id: task.id }))
        .task;

    await moveTask(t, { taskId: task.id, columnId: col.IN_PROGRESS!.id });
    const started = (await read()).startedAt;
    expect(started).not.toBeNull();
    await moveTask(t, { taskId: task.id, columnId: col.TODO!.id });
    await moveTask(t, { taskId: task.id, columnId: col.IN_PROGRESS!.id });
    // Only the first entry into IN_PROGRESS starts a card.
    expect((await read()).startedAt).toBe(started);
    await moveTask(t, { taskId: task.id, columnId: col.DONE!.id });
    const done = await read();
    expect(done.completedAt).not.toBeNull();
    await moveTask(t, { taskId: task.id, columnId: col.REVIEW!.id });
    expect(await read()).toEqual({ startedAt: started, completedAt: null });

    const history = await historyOf(t, task.id);
    expect(history.map((h) => h.kind)).toEqual([
      'CREATED',
      'SPRINT_CHANGED',
      'MOVED',
      'MOVED',
      'MOVED',
      'MOVED',
      'MOVED',
    ]);
    expect(history[1]).toMatchObject({ from: null, to: sprint.id });
    expect(history.slice(2).map((h) => [(h.from as any).category, (h.to as any).category])).toEqual(
      [
        ['TODO', 'IN_PROGRESS'],
        ['IN_PROGRESS', 'TODO'],
        ['TODO', 'IN_PROGRESS'],
        ['IN_PROGRESS', 'DONE'],
        ['DONE', 'REVIEW'],
      ],
    );
    expect(history[2]!.to).toMatchObject({ columnId: col.IN_PROGRESS!.id, column: 'In Progress' });
  });

  describe('listing', () => {
    let team: TeamRef;
    let other: TeamRef;
    let board: BoardRef;
    let keys: Record<string, string>;
    let x: { sprint: string; ana: string; board2: string };

    beforeAll(async () => {
      ({ team, board } = await teamWithBoard(t));
      ({ team: other } = await teamWithBoard(t));
      const board2 = await t.ok(
        `mutation ($input: CreateBoardInput!) { createBoard(input: $input) { id } }`,
        {
          input: { teamId: team.id, name: 'Second' },
        },
      );
      const ana = await addMember(t, team.id);
      const sprint = await createSprint(t, team.id);
      const make = async (name: string, input: Record<string, unknown>): Promise<void> => {
        keys[name] = (await createTask(t, team.id, { title: name, ...input })).key;
      };
      keys = {};
      await make('Plain chore', { type: 'CHORE' });
      await make('Urgent bug', { type: 'BUG', priority: 'URGENT', sprintId: sprint.id });
      await make('Assigned feature', { assigneeId: ana.id, labels: ['api', 'web'] });
      await make('In progress work', { columnId: board.column.IN_PROGRESS!.id, labels: ['api'] });
      await make('Discount 50% banner', {
        description: 'Show the promo',
        boardId: board2.createBoard.id,
      });
      await make('Under_score', { description: 'literal' });
      await createTask(t, other.id, { title: 'Plain chore elsewhere', type: 'CHORE' });
      // Alert cards come from webhooks; here one card is marked as one directly.
      await t.prisma.task.updateMany({
        where: { key: keys['Under_score'] },
        data: { source: 'ALERT' },
      });
      x = { sprint: sprint.id, ana: ana.id, board2: board2.createBoard.id };
    });

    it('lists a team’s tasks newest first with totalCount', async () => {
      const page = await list(t, team.id);
      expect(page.totalCount).toBe(6);
      expect(page.edges.map((e) => e.node.key)).toEqual(
        [
          'Under_score',
          'Discount 50% banner',
          'In progress work',
          'Assigned feature',
          'Urgent bug',
          'Plain chore',
        ].map((n) => keys[n]),
      );
      expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    });

    it('filters by sprint, backlog, board, column, assignee, type, priority, label, source and text', async () => {
      const k = (...names: string[]): string[] => names.map((n) => keys[n] as string);
      expect(await keysOf(t, team.id, { sprintId: x.sprint })).toEqual(k('Urgent bug'));
      expect(await keysOf(t, team.id, { inBacklog: false })).toEqual(k('Urgent bug'));
      expect(await keysOf(t, team.id, { inBacklog: true })).toHaveLength(5);
      expect(await keysOf(t, team.id, { boardId: x.board2 })).toEqual(k('Discount 50% banner'));
      expect(await keysOf(t, team.id, { boardId: board.id })).toHaveLength(5);
      expect(await keysOf(t, team.id, { columnId: board.column.IN_PROGRESS!.id })).toEqual(
        k('In progress work'),
      );
      expect(await keysOf(t, team.id, { assigneeId: x.ana })).toEqual(k('Assigned feature'));
      expect(await keysOf(t, team.id, { type: 'CHORE' })).toEqual(k('Plain chore'));
      expect(await keysOf(t, team.id, { type: 'BUG' })).toEqual(k('Urgent bug'));
      expect(await keysOf(t, team.id, { priority: 'URGENT' })).toEqual(k('Urgent bug'));
      expect(await keysOf(t, team.id, { label: 'api' })).toEqual(
        k('In progress work', 'Assigned feature'),
      );
      expect(await keysOf(t, team.id, { label: 'web' })).toEqual(k('Assigned feature'));
      expect(await keysOf(t, team.id, { source: 'MANUAL' })).toHaveLength(5);
      expect(await keysOf(t, team.id, { source: 'ALERT' })).toEqual(k('Under_score'));
      // Text: title and description, case-insensitive; key exactly; LIKE wildcards are literal.
      expect(await keysOf(t, team.id, { text: 'PLAIN' })).toEqual(k('Plain chore'));
      expect(await keysOf(t, team.id, { text: 'promo' })).toEqual(k('Discount 50% banner'));
      expect(await keysOf(t, team.id, { text: keys['Urgent bug']!.toLowerCase() })).toEqual(
        k('Urgent bug'),
      );
      expect(await keysOf(t, team.id, { text: '50%' })).toEqual(k('Discount 50% banner'));
      expect(await keysOf(t, team.id, { text: '%' })).toEqual(k('Discount 50% banner'));
      expect(await keysOf(t, team.id, { text: 'r_s' })).toEqual(k('Under_score'));
      expect(await keysOf(t, team.id, { text: 'plain_chore' })).toEqual([]);
      expect(await keysOf(t, team.id, { text: 'plain%chore' })).toEqual([]);
      // Filters combine.
      expect(await keysOf(t, team.id, { label: 'api', columnId: board.column.TODO!.id })).toEqual(
        k('Assigned feature'),
      );
      expect(await keysOf(t, team.id, { type: 'CHORE', inBacklog: true })).toEqual(
        k('Plain chore'),
      );
    });

    it('refuses an unknown team', async () => {
      expectCode(
        await t.gql(LIST, { teamId: '0b7e3c39-7d7e-4b0c-9d7e-6b3f1d5c2a10' }),
        'NOT_FOUND',
      );
    });
  });

  it('pages through all tasks with cursors: every task once, in order', async () => {
    const team = await createTeam(t);
    const all: string[] = [];
    for (let i = 0; i < 23; i++) all.unshift((await createTask(t, team.id)).key);
    const seen: string[] = [];
    let after: string | undefined;
    const flags: [boolean, boolean][] = [];
    for (;;) {
      const page = await list(t, team.id, {}, 5, after);
      expect(page.totalCount).toBe(23);
      seen.push(...page.edges.map((e) => e.node.key));
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      flags.push([page.pageInfo.hasPreviousPage, page.pageInfo.hasNextPage]);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor as string;
    }
    expect(seen).toEqual(all);
    expect(flags).toEqual([
      [false, true],
      [true, true],
      [true, true],
      [true, true],
      [true, false],
    ]);
    // With a filter, pages and totalCount follow the filter.
    const filtered = await list(t, team.id, { text: `${team.key}-1` }, 1);
    expect(filtered.totalCount).toBe(1);
    // The default page size applies when first is omitted or null.
    expect(
      (await t.ok<{ tasks: Page }>(LIST, { teamId: team.id, first: null })).tasks.edges,
    ).toHaveLength(23);
  });

  it('numbers 50 tasks created in parallel 1..50 with no gap or duplicate', async () => {
    const { team } = await teamWithBoard(t);
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) => createTask(t, team.id, { title: `Parallel ${i}` })),
    );
    const numbers = created
      .map((c) => Number(c.key.slice(team.key.length + 1)))
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    for (const c of created) expect(c.key).toMatch(new RegExp(`^${team.key}-\\d+$`));
    const rows = await t.prisma.task.findMany({
      where: { teamId: team.id },
      select: { number: true },
    });
    expect(rows.map((r) => r.number).sort((a, b) => a - b)).toEqual(numbers);
    const counter = await t.prisma.taskCounter.findUniqueOrThrow({ where: { teamId: team.id } });
    expect(counter.lastNumber).toBe(50);
    expect((await createTask(t, team.id)).key).toBe(`${team.key}-51`);
  });
});
