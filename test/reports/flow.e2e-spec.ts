import { createIntegration, deliver } from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { dbCardOfKey } from '../helpers/alert-readers';
import { createTask, moveTask, type BoardRef } from '../helpers/factories';
import { expectBadInput, expectCode } from '../helpers/graphql-errors';
import { teamWithBoard } from '../helpers/planning-factories';
import { updateColumn, deleteTask } from '../helpers/planning-mutations';
import { at, backdateTask, createTaskAt, moveTaskAt } from '../helpers/backdating';
import { startTestApp, TestApp } from '../helpers/test-app';

const FLOW = `query ($teamId: ID!, $from: Date!, $to: Date!) {
  flowReport(teamId: $teamId, from: $from, to: $to) {
    teamId from to
    throughput { weekStart completed completedPoints }
    cycleTime { count p50Hours p85Hours }
    leadTime { count p50Hours p85Hours }
    alertCards { severity timeToStart { count p50Hours p85Hours } timeToDone { count p50Hours p85Hours } }
    cumulativeFlow { date categories { category cards } }
    wip { columnId board column category cards wipLimit overLimit }
  }
}`;

/**
 * The window 2026-10-05 (Mon) .. 10-18 (Sun). Cards, as [created, in progress, (review), done]:
 *   T1 3 pts   10-05 09:00, 10-06 10:00, 10-07 10:00           cycle 24 h, lead 49 h
 *   T2 5 pts   10-05 10:00, 10-05 12:00, 10-09 12:00           cycle 96 h, lead 98 h
 *   T3 2 pts   10-12 08:00, 10-13 08:00, 10-13 20:00, 10-14 08:00   cycle 24 h, lead 48 h
 *   T4 –       10-12 10:00, straight to done 10-15 10:00       no cycle, lead 72 h
 *   T5 1 pt    10-01, 10-02, done 10-20 (after the window)     not counted
 *   T6 1 pt    10-13 09:00, 10-14 09:00 (still in progress)
 *   T7 1 pt    10-05 09:00, deleted 10-10 12:00
 *   A1 critical alert card (3 pts): 10-06 00:00, started 01:00, done 04:00   cycle 3 h, lead 4 h
 *   A2 critical alert card (3 pts): 10-07 00:00, started 03:00, done 10:00   cycle 7 h, lead 10 h
 *   A3 warning alert card: 10-08 00:00, untouched
 * Percentiles interpolate between closest ranks.
 */
describe('flow report', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  async function card(
    teamId: string,
    board: BoardRef,
    estimate: number | null,
    created: Date,
    moves: [string, Date][],
  ): Promise<string> {
    const task = await createTaskAt(t, teamId, created, {
      estimate,
      columnId: board.column.TODO?.id,
    });
    for (const [category, when] of moves)
      await moveTaskAt(t, task.id, board.column[category] as never, when);
    return task.id;
  }

  it('throughput, cycle and lead times, alert response, cumulative flow and WIP', async () => {
    const { team, board } = await teamWithBoard(t);
    const c = (teamId: string, estimate: number | null, created: Date, moves: [string, Date][]) =>
      card(teamId, board, estimate, created, moves);
    await c(team.id, 3, at('2026-10-05', '09:00'), [
      ['IN_PROGRESS', at('2026-10-06', '10:00')],
      ['DONE', at('2026-10-07', '10:00')],
    ]);
    await c(team.id, 5, at('2026-10-05', '10:00'), [
      ['IN_PROGRESS', at('2026-10-05', '12:00')],
      ['DONE', at('2026-10-09', '12:00')],
    ]);
    await c(team.id, 2, at('2026-10-12', '08:00'), [
      ['IN_PROGRESS', at('2026-10-13', '08:00')],
      ['REVIEW', at('2026-10-13', '20:00')],
      ['DONE', at('2026-10-14', '08:00')],
    ]);
    await c(team.id, null, at('2026-10-12', '10:00'), [['DONE', at('2026-10-15', '10:00')]]);
    await c(team.id, 1, at('2026-10-01', '10:00'), [
      ['IN_PROGRESS', at('2026-10-02', '10:00')],
      ['DONE', at('2026-10-20', '10:00')],
    ]);
    await c(team.id, 1, at('2026-10-13', '09:00'), [['IN_PROGRESS', at('2026-10-14', '09:00')]]);
    const t7 = await c(team.id, 1, at('2026-10-05', '09:00'), []);
    await deleteTask(t, t7);
    await backdateTask(
      t,
      t7,
      { deletedAt: at('2026-10-10', '12:00') },
      { count: 1, at: at('2026-10-10', '12:00') },
    );

    const integration = await createIntegration(t, team.id);
    const alertCard = async (
      fingerprint: string,
      severity: string,
      created: Date,
      moves: [string, Date][],
    ) => {
      await deliver(t, integration, amGroup([amAlert({ fingerprint, labels: { severity } })]));
      const id = await dbCardOfKey(t, integration.id, fingerprint);
      await backdateTask(t, id, { createdAt: created }, { count: 1, at: created });
      for (const [category, when] of moves)
        await moveTaskAt(t, id, board.column[category] as never, when);
    };
    await alertCard('a1', 'critical', at('2026-10-06', '00:00'), [
      ['IN_PROGRESS', at('2026-10-06', '01:00')],
      ['DONE', at('2026-10-06', '04:00')],
    ]);
    await alertCard('a2', 'critical', at('2026-10-07', '00:00'), [
      ['IN_PROGRESS', at('2026-10-07', '03:00')],
      ['DONE', at('2026-10-07', '10:00')],
    ]);
    await alertCard('a3', 'warning', at('2026-10-08', '00:00'), []);

    // WIP now: two cards forced into Review over its limit of 1.
    await updateColumn(t, board.column.REVIEW?.id as string, { wipLimit: 1 });
    await updateColumn(t, board.column.IN_PROGRESS?.id as string, { wipLimit: 3 });
    for (let i = 0; i < 2; i++) {
      const extra = await createTask(t, team.id, { columnId: board.column.TODO?.id });
      await moveTask(t, { taskId: extra.id, columnId: board.column.REVIEW?.id, force: true });
    }

    // Another team's work never counts.
    const other = await teamWithBoard(t);
    await card(other.team.id, other.board, 8, at('2026-10-06', '09:00'), [
      ['IN_PROGRESS', at('2026-10-06', '10:00')],
      ['DONE', at('2026-10-06', '11:00')],
    ]);

    const { flowReport: report } = await t.ok(FLOW, {
      teamId: team.id,
      from: '2026-10-05',
      to: '2026-10-18',
    });
    expect(report).toMatchObject({ teamId: team.id, from: '2026-10-05', to: '2026-10-18' });
    expect(report.throughput).toEqual([
      { weekStart: '2026-10-05', completed: 4, completedPoints: 14 }, // T1, T2, A1, A2
      { weekStart: '2026-10-12', completed: 2, completedPoints: 2 }, // T3, T4
    ]);
    // Cycle [3, 7, 24, 24, 96]: p50 24, p85 at rank 3.4 → 24 + 0.4 × 72.
    expect(report.cycleTime).toEqual({ count: 5, p50Hours: 24, p85Hours: 52.8 });
    // Lead [4, 10, 48, 49, 72, 98]: p50 at rank 2.5 → 48.5, p85 at 4.25 → 72 + 0.25 × 26.
    expect(report.leadTime).toEqual({ count: 6, p50Hours: 48.5, p85Hours: 78.5 });
    expect(report.alertCards).toEqual([
      {
        severity: 'CRITICAL',
        timeToStart: { count: 2, p50Hours: 2, p85Hours: 2.7 },
        timeToDone: { count: 2, p50Hours: 7, p85Hours: 9.1 },
      },
      {
        severity: 'WARNING',
        timeToStart: { count: 0, p50Hours: null, p85Hours: null },
        timeToDone: { count: 0, p50Hours: null, p85Hours: null },
      },
    ]);

    const flow = Object.fromEntries(
      report.cumulativeFlow.map(
        (d: { date: string; categories: { category: string; cards: number }[] }) => [
          d.date,
          Object.fromEntries(d.categories.map((x) => [x.category, x.cards])),
        ],
      ),
    );
    expect(Object.keys(flow)).toHaveLength(14);
    expect(flow).toEqual({
      '2026-10-05': { IN_PROGRESS: 2, TODO: 2 },
      '2026-10-06': { DONE: 1, IN_PROGRESS: 3, TODO: 1 },
      '2026-10-07': { DONE: 3, IN_PROGRESS: 2, TODO: 1 },
      '2026-10-08': { DONE: 3, IN_PROGRESS: 2, TODO: 1, TRIAGE: 1 },
      '2026-10-09': { DONE: 4, IN_PROGRESS: 1, TODO: 1, TRIAGE: 1 },
      '2026-10-10': { DONE: 4, IN_PROGRESS: 1, TRIAGE: 1 },
      '2026-10-11': { DONE: 4, IN_PROGRESS: 1, TRIAGE: 1 },
      '2026-10-12': { DONE: 4, IN_PROGRESS: 1, TODO: 2, TRIAGE: 1 },
      '2026-10-13': { DONE: 4, IN_PROGRESS: 1, REVIEW: 1, TODO: 2, TRIAGE: 1 },
      '2026-10-14': { DONE: 5, IN_PROGRESS: 2, TODO: 1, TRIAGE: 1 },
      '2026-10-15': { DONE: 6, IN_PROGRESS: 2, TRIAGE: 1 },
      '2026-10-16': { DONE: 6, IN_PROGRESS: 2, TRIAGE: 1 },
      '2026-10-17': { DONE: 6, IN_PROGRESS: 2, TRIAGE: 1 },
      '2026-10-18': { DONE: 6, IN_PROGRESS: 2, TRIAGE: 1 },
    });

    const wipRow = (category: string, name: string, cards: number, wipLimit: number | null) => ({
      columnId: board.column[category]?.id,
      board: expect.any(String),
      column: name,
      category,
      cards,
      wipLimit,
      overLimit: wipLimit !== null && cards > wipLimit,
    });
    expect(report.wip).toEqual([
      wipRow('TRIAGE', 'Triage', 1, null),
      wipRow('TODO', 'To Do', 0, null),
      wipRow('IN_PROGRESS', 'In Progress', 1, 3),
      wipRow('REVIEW', 'Review', 2, 1),
      wipRow('DONE', 'Done', 7, null),
    ]);
    expect(report.wip[3].overLimit).toBe(true);
  });

  it('refuses bad windows and unknown teams', async () => {
    const { team } = await teamWithBoard(t);
    const query = (from: string, to: string, teamId = team.id) => t.gql(FLOW, { teamId, from, to });
    expectBadInput(await query('2026-10-18', '2026-10-05'), 'to');
    expectBadInput(await query('2025-01-01', '2026-10-05'), 'to');
    const malformed = await query('2026-13-01', '2026-10-05');
    expect(malformed.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expectCode(
      await query('2026-10-01', '2026-10-05', '00000000-0000-4000-8000-000000000000'),
      'NOT_FOUND',
    );
    // A window of one day with nothing in it.
    const { flowReport: empty } = await t.ok(FLOW, {
      teamId: team.id,
      from: '2026-10-05',
      to: '2026-10-05',
    });
    expect(empty).toMatchObject({
      throughput: [],
      cycleTime: { count: 0, p50Hours: null, p85Hours: null },
      leadTime: { count: 0, p50Hours: null, p85Hours: null },
      alertCards: [],
      cumulativeFlow: [{ date: '2026-10-05', categories: [] }],
    });
    expect(
      empty.wip.map((w: { cards: number; overLimit: boolean }) => [w.cards, w.overLimit]),
    ).toEqual(Array(5).fill([0, false]));
  });
});
