/**
 * slaReport against figures worked out by hand: four URGENT cards (met, acknowledged late,
 * resolved late, never touched) and one MEDIUM card, stepped through with the SLA clock frozen.
 */
import { createIntegration } from '../helpers/alert-factories';
import { alertTeam, deliver } from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { dbCardOfKey } from '../helpers/alert-readers';
import { moveTask } from '../helpers/factories';
import { expectBadInput } from '../helpers/graphql-errors';
import {
  after,
  eventually,
  freezeSlaClock,
  idsWithSlaStatus,
  MINUTE,
  thawSlaClock,
} from '../helpers/sla-clock';
import { startTestApp, TestApp } from '../helpers/test-app';

const T0 = new Date('2030-01-08T09:00:00.000Z');

const REPORT = `query ($teamId: ID!, $from: Date!, $to: Date!) { slaReport(teamId: $teamId, from: $from, to: $to) {
  teamId from to priorities { priority cards met breached metPercent breaches
    timeToAck { count p50Minutes p85Minutes } timeToResolve { count p50Minutes p85Minutes } } } }`;

describe('slaReport', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { SLA_SCAN_INTERVAL_MS: '100' } });
  });

  afterAll(async () => {
    await thawSlaClock(t);
    await t.close();
  });

  it('counts cards, met %, p50/p85 time to acknowledge and resolve, and breaches per priority', async () => {
    const { team, board } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    const member = (
      await t.ok<{ team: { members: { id: string }[] } }>(
        `query ($id: ID!) { team(id: $id) { members { id } } }`,
        { id: team.id },
      )
    ).team.members[0]!.id;
    await freezeSlaClock(t, T0);
    await deliver(
      t,
      integration,
      amGroup([
        ...['a', 'b', 'c', 'd'].map((fp) =>
          amAlert({ fingerprint: `report-${fp}`, labels: { severity: 'critical' } }),
        ),
        amAlert({ fingerprint: 'report-e', labels: { severity: 'warning' } }),
      ]),
    );
    const card = (fp: string): Promise<string> => dbCardOfKey(t, integration.id, `report-${fp}`);
    const [a, b, c, d, e] = await Promise.all(['a', 'b', 'c', 'd', 'e'].map(card));
    const step = async (minutes: number, taskId: string, category: string): Promise<void> => {
      await freezeSlaClock(t, after(T0, minutes * MINUTE));
      await moveTask(t, { taskId, columnId: board.column[category]!.id });
    };
    await step(5, a!, 'TODO');
    await step(10, c!, 'IN_PROGRESS');
    await step(20, b!, 'TODO'); // 5 minutes late: an ACK breach
    await freezeSlaClock(t, after(T0, 30 * MINUTE));
    await t.ok(
      `mutation ($id: ID!, $m: ID!) { updateTask(id: $id, input: {assigneeId: $m}) { id } }`,
      {
        id: e,
        m: member,
      },
    );
    await step(60, a!, 'DONE');
    await step(100, b!, 'DONE');
    await step(300, c!, 'DONE'); // an hour late: a RESOLVE breach
    // D was never touched: both its targets are missed by now, and the scan records them.
    await freezeSlaClock(t, after(T0, 400 * MINUTE));
    await eventually(
      () => t.prisma.slaBreach.count({ where: { taskId: d } }),
      (n) => n === 2,
    );
    expect(await idsWithSlaStatus(t, team.id, 'BREACHED')).toEqual(
      expect.arrayContaining([b, c, d]),
    );

    const { slaReport } = await t.ok<{ slaReport: Record<string, any> }>(REPORT, {
      teamId: team.id,
      from: '2030-01-08',
      to: '2030-01-08',
    });
    const none = { count: 0, p50Minutes: null, p85Minutes: null };
    const empty = {
      cards: 0,
      met: 0,
      breached: 0,
      metPercent: null,
      breaches: 0,
      timeToAck: none,
      timeToResolve: none,
    };
    expect(slaReport).toEqual({
      teamId: team.id,
      from: '2030-01-08',
      to: '2030-01-08',
      priorities: [
        {
          priority: 'URGENT',
          cards: 4,
          met: 1,
          breached: 3,
          metPercent: 25,
          breaches: 4,
          // Acknowledged after 5, 10 and 20 minutes: p85 = 10 + 0.7 × (20 − 10).
          timeToAck: { count: 3, p50Minutes: 10, p85Minutes: 17 },
          // Resolved after 60, 100 and 300 minutes: p85 = 100 + 0.7 × (300 − 100).
          timeToResolve: { count: 3, p50Minutes: 100, p85Minutes: 240 },
        },
        { priority: 'HIGH', ...empty },
        {
          priority: 'MEDIUM',
          cards: 1,
          met: 0,
          breached: 0,
          metPercent: null,
          breaches: 0,
          timeToAck: { count: 1, p50Minutes: 30, p85Minutes: 30 },
          timeToResolve: none,
        },
        { priority: 'LOW', ...empty },
      ],
    });

    // A period before the clocks started holds none of them.
    const before = await t.ok<{ slaReport: { priorities: { cards: number }[] } }>(REPORT, {
      teamId: team.id,
      from: '2030-01-01',
      to: '2030-01-07',
    });
    expect(before.slaReport.priorities.map((p) => p.cards)).toEqual([0, 0, 0, 0]);
    expectBadInput(
      await t.gql(REPORT, { teamId: team.id, from: '2030-01-09', to: '2030-01-08' }),
      'to',
    );
  });

  it('shows the sprint’s breaches and its open cards at risk, with their reserve points, in the capacity report', async () => {
    const { team, board, sprintId } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    await freezeSlaClock(t, T0);
    await deliver(
      t,
      integration,
      amGroup([
        amAlert({ fingerprint: 'sprint-u1', labels: { severity: 'critical' } }),
        amAlert({ fingerprint: 'sprint-u2', labels: { severity: 'critical' } }),
        amAlert({ fingerprint: 'sprint-h', labels: { severity: 'high' } }),
      ]),
    );
    const keyOf = async (fp: string): Promise<string> =>
      (
        await t.prisma.task.findUniqueOrThrow({
          where: { id: await dbCardOfKey(t, integration.id, fp) },
        })
      ).key;
    const [u1, u2, h] = await Promise.all(['sprint-u1', 'sprint-u2', 'sprint-h'].map(keyOf));
    const SLA = `query ($s: ID!) { sprintCapacityReport(sprintId: $s) { sla { breaches atRiskCards atRiskReservePoints } } }`;
    const read = async (): Promise<Record<string, unknown>> =>
      (await t.ok<{ sprintCapacityReport: { sla: Record<string, unknown> } }>(SLA, { s: sprintId }))
        .sprintCapacityReport.sla;

    // 12 minutes in: both URGENT cards past 75 % of their 15; one is then acknowledged.
    await freezeSlaClock(t, after(T0, 12 * MINUTE));
    expect(await read()).toEqual({ breaches: 0, atRiskCards: [u1, u2], atRiskReservePoints: 6 });
    await moveTask(t, {
      taskId: await dbCardOfKey(t, integration.id, 'sprint-u1'),
      columnId: board.column.TODO!.id,
    });
    expect(await read()).toEqual({ breaches: 0, atRiskCards: [u2], atRiskReservePoints: 3 });

    // 50 minutes in: the other URGENT card breached, the HIGH one (2 points) is at risk.
    await freezeSlaClock(t, after(T0, 50 * MINUTE));
    const sla = await eventually(read, (r) => r.breaches === 1);
    expect(sla).toEqual({ breaches: 1, atRiskCards: [h], atRiskReservePoints: 2 });
  });
});
