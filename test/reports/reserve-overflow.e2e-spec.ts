import { createIntegration, postWebhook } from '../helpers/alert-factories';
import { deliver, expectAll200 } from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { dbCardOfKey } from '../helpers/alert-readers';
import { createSprint, createTask, moveTask, startSprint } from '../helpers/factories';
import { expectCode } from '../helpers/graphql-errors';
import { teamWithBoard } from '../helpers/planning-factories';
import { tryMove } from '../helpers/planning-mutations';
import { addMembers, setAlertEstimates, setReservePolicy } from '../helpers/planning-mutations';
import { startTestApp, TestApp } from '../helpers/test-app';

const PROPOSAL_FIELDS = `id sequence status overflowPoints coveredPoints targetPoints proposedPoints
  excessPoints shortfallPoints usedPoints reservedPoints triggeredByTaskId tasks { key points }
  decidedAt decidedBy reason`;

interface ProposalView {
  id: string;
  sequence: number;
  status: string;
  overflowPoints: number;
  coveredPoints: number;
  targetPoints: number;
  proposedPoints: number;
  excessPoints: number;
  shortfallPoints: number;
  tasks: { key: string; points: number }[];
  decidedBy: string | null;
  reason: string | null;
}

async function proposals(t: TestApp, sprintId: string): Promise<ProposalView[]> {
  const data = await t.ok<{ sprint: { replanProposals: ProposalView[] } }>(
    `query ($id: ID!) { sprint(id: $id) { replanProposals { ${PROPOSAL_FIELDS} } } }`,
    { id: sprintId },
  );
  return data.sprint.replanProposals;
}

const keysOf = (p: ProposalView): string[] => p.tasks.map((x) => x.key).sort();

/**
 * A team of one (2 a day): a two-week sprint holds 20 points, a FIXED reserve of 4, so 16 are
 * plannable. Critical alert cards cost 3 points, warnings 1.
 */
async function setup(t: TestApp, policy: string) {
  const { team, board } = await teamWithBoard(t);
  await addMembers(t, team.id, [2]);
  await setReservePolicy(t, team.id, { mode: 'FIXED_POINTS', value: 4 });
  await setAlertEstimates(t, team.id, { CRITICAL: 3, WARNING: 1 });
  const updated = await t.ok<{ updateTeam: { reserveOverflowPolicy: string } }>(
    `mutation ($id: ID!) { updateTeam(id: $id, input: {reserveOverflowPolicy: ${policy}}) { reserveOverflowPolicy } }`,
    { id: team.id },
  );
  expect(updated.updateTeam.reserveOverflowPolicy).toBe(policy);
  const sprint = await createSprint(t, team.id, { startDate: '2030-01-07', endDate: '2030-01-18' });
  const integration = await createIntegration(t, team.id, { boardId: board.id });
  const planned = (estimate: number, priority: string) =>
    createTask(t, team.id, {
      sprintId: sprint.id,
      boardId: board.id,
      columnId: board.column.TODO?.id,
      estimate,
      priority,
    });
  const storm = (prefix: string, severity: string, count: number) =>
    deliver(
      t,
      integration,
      amGroup(
        Array.from({ length: count }, (_, i) =>
          amAlert({ fingerprint: `${prefix}-${i}`, labels: { alertname: prefix, severity } }),
        ),
      ),
    );
  return { team, board, sprintId: sprint.id, integration, planned, storm };
}

describe('when the reserve runs out: the team’s reserveOverflowPolicy', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('PROPOSE_SWAP: an alert storm makes a proposal covering the overflow exactly; accept unplans it; later overflow is proposed again by the smallest excess; reject keeps the plan', async () => {
    const { board, sprintId, planned, storm } = await setup(t, 'PROPOSE_SWAP');
    const a = await planned(5, 'MEDIUM');
    const b = await planned(3, 'LOW');
    const c = await planned(2, 'LOW');
    const d = await planned(1, 'NONE');
    const e = await planned(4, 'HIGH');
    await startSprint(t, sprintId);
    await moveTask(t, { taskId: e.id, columnId: board.column.IN_PROGRESS?.id });

    // Three critical cards: 9 of 4 points used, 5 over. NONE (D, 1) cannot cover 5, so the LOW
    // level joins: B 3 + C 2 = 5 exactly (D + B = 4 and D + C = 3 fall short; E is started).
    await storm('Storm', 'critical', 3);
    let list = await proposals(t, sprintId);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      sequence: 1,
      status: 'PENDING',
      usedPoints: 9,
      reservedPoints: 4,
      overflowPoints: 5,
      coveredPoints: 0,
      targetPoints: 5,
      proposedPoints: 5,
      excessPoints: 0,
      shortfallPoints: 0,
    });
    expect(keysOf(list[0]!)).toEqual([b.key, c.key].sort());

    // While it is pending, more overflow (a warning: 10 used, 6 over) proposes nothing new.
    await storm('Warn1', 'warning', 1);
    expect(await proposals(t, sprintId)).toHaveLength(1);

    const accepted = await t.ok<{ acceptReplanProposal: ProposalView }>(
      `mutation ($id: ID!) { acceptReplanProposal(id: $id) { ${PROPOSAL_FIELDS} } }`,
      { id: list[0]!.id },
    );
    expect(accepted.acceptReplanProposal).toMatchObject({
      status: 'ACCEPTED',
      decidedBy: expect.any(String),
    });
    for (const moved of [b, c]) {
      const row = await t.prisma.task.findUniqueOrThrow({ where: { id: moved.id } });
      expect(row).toMatchObject({ sprintId: null, planned: false });
      const history = await t.prisma.taskEvent.findMany({
        where: { taskId: moved.id, kind: 'SPRINT_CHANGED' },
      });
      expect(history.map((h) => [h.from, h.to, h.note])).toEqual([
        [sprintId, null, 'replan proposal 1 accepted: the reserve overflowed by 5'],
      ]);
    }
    expectCode(
      await t.gql(`mutation ($id: ID!) { acceptReplanProposal(id: $id) { id } }`, {
        id: list[0]!.id,
      }),
      'REPLAN_PROPOSAL_DECIDED',
    );

    // The accepted one answered for 5 of overflow. Another warning: 11 used, 7 over, 2 new.
    // Left: D (1, NONE) and A (5, MEDIUM); D alone falls short, so A covers 2 by 3 (A + D: 4).
    await storm('Warn2', 'warning', 1);
    list = await proposals(t, sprintId);
    expect(list).toHaveLength(2);
    expect(list[1]).toMatchObject({
      sequence: 2,
      status: 'PENDING',
      overflowPoints: 7,
      coveredPoints: 5,
      targetPoints: 2,
      proposedPoints: 5,
      excessPoints: 3,
    });
    expect(keysOf(list[1]!)).toEqual([a.key]);

    const rejected = await t.ok<{ rejectReplanProposal: ProposalView }>(
      `mutation ($id: ID!) { rejectReplanProposal(id: $id, reason: "A ships this sprint") { ${PROPOSAL_FIELDS} } }`,
      { id: list[1]!.id },
    );
    expect(rejected.rejectReplanProposal).toMatchObject({
      status: 'REJECTED',
      reason: 'A ships this sprint',
    });
    expect((await t.prisma.task.findUniqueOrThrow({ where: { id: a.id } })).sprintId).toBe(
      sprintId,
    );

    // Rejecting accepted the overflow of 7; a warning making it 8 proposes D (1) for the rest.
    await storm('Warn3', 'warning', 1);
    list = await proposals(t, sprintId);
    expect(list.map((p) => [p.sequence, p.status, p.targetPoints, p.proposedPoints])).toEqual([
      [1, 'ACCEPTED', 5, 5],
      [2, 'REJECTED', 2, 5],
      [3, 'PENDING', 1, 1],
    ]);
    expect(keysOf(list[2]!)).toEqual([d.key]);

    // The capacity report shows them, with the decisions.
    const report = await t.ok<{
      sprintCapacityReport: {
        reserveOverflowPolicy: string;
        reserveOverflowPoints: number;
        replanProposals: ProposalView[];
        flags: string[];
      };
    }>(
      `query ($id: ID!) { sprintCapacityReport(sprintId: $id) { reserveOverflowPolicy
        reserveOverflowPoints flags replanProposals { ${PROPOSAL_FIELDS} } } }`,
      { id: sprintId },
    );
    expect(report.sprintCapacityReport).toMatchObject({
      reserveOverflowPolicy: 'PROPOSE_SWAP',
      reserveOverflowPoints: 8,
      flags: ['RESERVE_EXHAUSTED'],
    });
    expect(report.sprintCapacityReport.replanProposals).toEqual(list);
  });

  it('PROPOSE_SWAP: two parallel deliveries crossing 100% make one proposal', async () => {
    const { integration, sprintId, planned } = await setup(t, 'PROPOSE_SWAP');
    await planned(3, 'LOW');
    await planned(2, 'LOW');
    await planned(6, 'NONE');
    await startSprint(t, sprintId);
    // Each delivery alone brings 6 points (two criticals) to a reserve of 4.
    const body = (prefix: string) =>
      amGroup(
        [0, 1].map((i) =>
          amAlert({
            fingerprint: `${prefix}-${i}`,
            labels: { alertname: prefix, severity: 'critical' },
          }),
        ),
        { groupKey: `{}:{alertname="${prefix}"}` },
      );
    expectAll200(
      await Promise.all([
        postWebhook(t, integration, body('Left')),
        postWebhook(t, integration, body('Right')),
      ]),
    );
    const rows = await t.prisma.replanProposal.findMany({ where: { sprintId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ sequence: 1, status: 'PENDING' });
    // Whichever committed first, its proposal covers the overflow it saw.
    expect(rows[0]!.proposedPoints).toBeGreaterThanOrEqual(rows[0]!.targetPoints);
    expect([2, 8]).toContain(rows[0]!.overflowPoints);
  });

  it('FREEZE_PLANNED_STARTS: while the reserve overflows, a planned task starts only with force', async () => {
    const { board, sprintId, planned, storm, integration } = await setup(
      t,
      'FREEZE_PLANNED_STARTS',
    );
    const p = await planned(3, 'MEDIUM');
    const q = await planned(2, 'LOW');
    await startSprint(t, sprintId);
    const inProgress = board.column.IN_PROGRESS?.id;

    // Within the reserve (one critical: 3 of 4), planned work starts as usual.
    await storm('One', 'critical', 1);
    await moveTask(t, { taskId: q.id, columnId: inProgress });

    // A second critical: 6 of 4, 2 over.
    await storm('Two', 'critical', 1);
    const frozen = expectCode(
      await tryMove(t, { taskId: p.id, columnId: inProgress }),
      'RESERVE_FROZEN',
    );
    expect(frozen.extensions).toMatchObject({
      sprintId,
      usedPoints: 6,
      reservedPoints: 4,
      overflowPoints: 2,
    });
    expect((await t.prisma.task.findUniqueOrThrow({ where: { id: p.id } })).startedAt).toBeNull();

    // The alert cards themselves (unplanned) are not frozen.
    await moveTask(t, {
      taskId: await dbCardOfKey(t, integration.id, 'Two-0'),
      columnId: inProgress,
    });

    await moveTask(t, { taskId: p.id, columnId: inProgress, force: true });
    const started = await t.prisma.task.findUniqueOrThrow({ where: { id: p.id } });
    expect(started.startedAt).not.toBeNull();
    const moves = await t.prisma.taskEvent.findMany({ where: { taskId: p.id, kind: 'MOVED' } });
    expect(moves.map((m) => m.note)).toEqual([
      'started with force while the reserve overflows by 2',
    ]);
  });

  it('FLAG (the default): an overflowing reserve is flagged, nothing is proposed or frozen', async () => {
    const { board, sprintId, planned, storm } = await setup(t, 'FLAG');
    const p = await planned(3, 'LOW');
    await startSprint(t, sprintId);
    await storm('Flag', 'critical', 2);
    await moveTask(t, { taskId: p.id, columnId: board.column.IN_PROGRESS?.id });
    expect(await proposals(t, sprintId)).toEqual([]);
    const fresh = await t.ok<{
      createTeam: { reserveOverflowPolicy: string; productionShareCap: number };
    }>(
      `mutation { createTeam(input: {key: "FLG${String(process.pid).slice(-3)}", name: "Defaults"}) { reserveOverflowPolicy productionShareCap } }`,
    );
    expect(fresh.createTeam).toEqual({ reserveOverflowPolicy: 'FLAG', productionShareCap: 0.5 });
  });
});
