/**
 * SLA clocks of alert cards, stepped through time with the database's SLA clock frozen
 * (test/helpers/sla-clock.ts): due times per priority, AT_RISK and BREACHED at their instants,
 * priority changes, reopenings, breaches recorded once by the scan, the policy and its checks.
 */
import { createIntegration, IntegrationRef } from '../helpers/alert-factories';
import { alertTeam, AlertTeam, deliver } from '../helpers/alert-factories';
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
  slaOf,
  thawSlaClock,
} from '../helpers/sla-clock';
import { startTestApp, TestApp } from '../helpers/test-app';

const T0 = new Date('2030-01-08T09:00:00.000Z');
const iso = (d: Date): string => d.toISOString();

describe('SLA clocks on alert cards', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { SLA_SCAN_INTERVAL_MS: '100' } });
  });

  afterAll(async () => {
    await t.close();
  });

  afterEach(async () => {
    await thawSlaClock(t);
  });

  async function fire(
    integration: IntegrationRef,
    fingerprint: string,
    severity: string,
  ): Promise<string> {
    await deliver(t, integration, amGroup([amAlert({ fingerprint, labels: { severity } })]));
    return dbCardOfKey(t, integration.id, fingerprint);
  }

  async function setup(): Promise<AlertTeam & { integration: IntegrationRef }> {
    const team = await alertTeam(t);
    return { ...team, integration: await createIntegration(t, team.team.id) };
  }

  it('gives each new team the default policy, and updateTeam changes it with checked input', async () => {
    const { team } = await setup();
    const read = await t.ok<{ team: { slaPolicy: unknown } }>(
      `query ($id: ID!) { team(id: $id) { slaPolicy { urgent { ackMinutes resolveMinutes }
        high { ackMinutes resolveMinutes } medium { ackMinutes resolveMinutes } low { ackMinutes resolveMinutes } } } }`,
      { id: team.id },
    );
    expect(read.team.slaPolicy).toEqual({
      urgent: { ackMinutes: 15, resolveMinutes: 240 },
      high: { ackMinutes: 60, resolveMinutes: 1440 },
      medium: { ackMinutes: 1440, resolveMinutes: 7200 },
      low: { ackMinutes: null, resolveMinutes: null },
    });

    const UPDATE = `mutation ($id: ID!, $p: SlaPolicyInput!) { updateTeam(id: $id, input: {slaPolicy: $p}) {
      slaPolicy { urgent { ackMinutes resolveMinutes } high { ackMinutes resolveMinutes } low { ackMinutes resolveMinutes } } } }`;
    const updated = await t.ok<{ updateTeam: { slaPolicy: unknown } }>(UPDATE, {
      id: team.id,
      p: { urgent: { ackMinutes: 5, resolveMinutes: 60 }, low: { ackMinutes: 2880 } },
    });
    expect(updated.updateTeam.slaPolicy).toEqual({
      urgent: { ackMinutes: 5, resolveMinutes: 60 },
      high: { ackMinutes: 60, resolveMinutes: 1440 },
      low: { ackMinutes: 2880, resolveMinutes: null },
    });

    expectBadInput(
      await t.gql(UPDATE, { id: team.id, p: { urgent: { ackMinutes: 0 } } }),
      'input.slaPolicy.urgent.ackMinutes',
    );
    expectBadInput(
      await t.gql(UPDATE, { id: team.id, p: { high: { ackMinutes: 90, resolveMinutes: 30 } } }),
      'input.slaPolicy.high.ackMinutes',
    );
    expectBadInput(
      await t.gql(UPDATE, { id: team.id, p: { medium: { resolveMinutes: 600000 } } }),
      'input.slaPolicy.medium.resolveMinutes',
    );
  });

  it('starts the clock at the card’s creation with the due times of its priority; LOW and manual cards have none', async () => {
    const { integration } = await setup();
    await freezeSlaClock(t, T0);
    const urgent = await fire(integration, 'due-urgent', 'critical');
    const high = await fire(integration, 'due-high', 'high');
    const medium = await fire(integration, 'due-medium', 'warning');
    const low = await fire(integration, 'due-low', 'info');
    const expected: [string, number, number][] = [
      [urgent, 15, 240],
      [high, 60, 1440],
      [medium, 1440, 7200],
    ];
    for (const [id, ack, resolve] of expected) {
      expect((await slaOf(t, id)).sla).toEqual({
        startedAt: iso(T0),
        ackDueAt: iso(after(T0, ack * MINUTE)),
        resolveDueAt: iso(after(T0, resolve * MINUTE)),
        ackedAt: null,
        resolvedAt: null,
        status: 'ON_TRACK',
        breachedAt: null,
      });
    }
    expect((await slaOf(t, low)).sla).toBeNull();
  });

  it('turns AT_RISK at 75 % of the time and BREACHED just after the due time; the scan records the breach once', async () => {
    const { team, integration, board } = await setup();
    await freezeSlaClock(t, T0);
    const id = await fire(integration, 'risk', 'critical');
    const ackRisk = after(T0, 0.75 * 15 * MINUTE);
    const ackDue = after(T0, 15 * MINUTE);

    await freezeSlaClock(t, after(ackRisk, -1));
    expect((await slaOf(t, id)).sla?.status).toBe('ON_TRACK');
    expect(await idsWithSlaStatus(t, team.id, 'ON_TRACK')).toEqual([id]);
    await freezeSlaClock(t, ackRisk);
    expect((await slaOf(t, id)).sla?.status).toBe('AT_RISK');
    expect(await idsWithSlaStatus(t, team.id, 'AT_RISK')).toEqual([id]);
    expect(await idsWithSlaStatus(t, team.id, 'ON_TRACK')).toEqual([]);
    // Met at the due instant counts as met: still AT_RISK, nothing recorded.
    await freezeSlaClock(t, ackDue);
    expect((await slaOf(t, id)).sla?.status).toBe('AT_RISK');

    await freezeSlaClock(t, after(ackDue, 1));
    const read = await slaOf(t, id);
    expect(read.sla).toMatchObject({ status: 'BREACHED', breachedAt: iso(ackDue), ackedAt: null });
    expect(await idsWithSlaStatus(t, team.id, 'BREACHED')).toEqual([id]);
    const recorded = await eventually(
      () => slaOf(t, id).then((r) => r.slaBreaches),
      (b) => b.length > 0,
    );
    expect(recorded).toEqual([{ target: 'ACK', priority: 'URGENT', at: iso(ackDue) }]);

    // Acknowledged late, then resolved in time: the ACK breach stays the only one.
    await freezeSlaClock(t, after(T0, 30 * MINUTE));
    await moveTask(t, { taskId: id, columnId: board.column.IN_PROGRESS!.id });
    await freezeSlaClock(t, after(T0, 60 * MINUTE));
    await moveTask(t, { taskId: id, columnId: board.column.DONE!.id });
    const done = await slaOf(t, id);
    expect(done.sla).toMatchObject({
      ackedAt: iso(after(T0, 30 * MINUTE)),
      resolvedAt: iso(after(T0, 60 * MINUTE)),
      status: 'BREACHED',
      breachedAt: iso(ackDue),
    });
    expect(await t.prisma.slaBreach.count({ where: { taskId: id } })).toBe(1);
  });

  it('acknowledges on an assignee, meets in time, and records a target met late at once', async () => {
    const { team, integration, board } = await setup();
    const member = (
      await t.ok<{ team: { members: { id: string }[] } }>(
        `query ($id: ID!) { team(id: $id) { members { id } } }`,
        { id: team.id },
      )
    ).team.members[0]!.id;
    await freezeSlaClock(t, T0);
    const met = await fire(integration, 'met', 'high');
    const late = await fire(integration, 'late', 'high');
    await freezeSlaClock(t, after(T0, 10 * MINUTE));
    await t.ok(
      `mutation ($id: ID!, $m: ID!) { updateTask(id: $id, input: {assigneeId: $m}) { id } }`,
      {
        id: met,
        m: member,
      },
    );
    await moveTask(t, { taskId: late, columnId: board.column.TODO!.id });
    await freezeSlaClock(t, after(T0, 2 * 60 * MINUTE));
    await moveTask(t, { taskId: met, columnId: board.column.DONE!.id });
    expect((await slaOf(t, met)).sla).toMatchObject({
      ackedAt: iso(after(T0, 10 * MINUTE)),
      resolvedAt: iso(after(T0, 120 * MINUTE)),
      status: 'MET',
      breachedAt: null,
    });
    // Resolved a day and a minute after the start: breached as it happens, without a scan.
    await freezeSlaClock(t, after(T0, 1441 * MINUTE));
    await moveTask(t, { taskId: late, columnId: board.column.DONE!.id });
    const read = await slaOf(t, late);
    expect(read.sla).toMatchObject({
      status: 'BREACHED',
      breachedAt: iso(after(T0, 1440 * MINUTE)),
    });
    expect(read.slaBreaches).toEqual([
      { target: 'RESOLVE', priority: 'HIGH', at: iso(after(T0, 1440 * MINUTE)) },
    ]);
    expect(await idsWithSlaStatus(t, team.id, 'MET')).toEqual([met]);
  });

  it('recomputes the due times from the start when the priority changes', async () => {
    const { integration } = await setup();
    await freezeSlaClock(t, T0);
    const id = await fire(integration, 'reprioritised', 'high');
    await freezeSlaClock(t, after(T0, 20 * MINUTE));
    expect((await slaOf(t, id)).sla?.status).toBe('ON_TRACK');

    await t.ok(`mutation ($id: ID!) { updateTask(id: $id, input: {priority: URGENT}) { id } }`, {
      id,
    });
    const raised = await slaOf(t, id);
    expect(raised.sla).toMatchObject({
      startedAt: iso(T0),
      ackDueAt: iso(after(T0, 15 * MINUTE)),
      resolveDueAt: iso(after(T0, 240 * MINUTE)),
      status: 'BREACHED',
      breachedAt: iso(after(T0, 15 * MINUTE)),
    });
    await eventually(
      () => slaOf(t, id).then((r) => r.slaBreaches),
      (b) => b.length === 1,
    );

    await t.ok(`mutation ($id: ID!) { updateTask(id: $id, input: {priority: MEDIUM}) { id } }`, {
      id,
    });
    expect((await slaOf(t, id)).sla).toMatchObject({
      startedAt: iso(T0),
      ackDueAt: iso(after(T0, 1440 * MINUTE)),
      resolveDueAt: iso(after(T0, 7200 * MINUTE)),
      status: 'ON_TRACK',
    });
    // The breach recorded under URGENT stays in the history.
    expect((await slaOf(t, id)).slaBreaches).toEqual([
      { target: 'ACK', priority: 'URGENT', at: iso(after(T0, 15 * MINUTE)) },
    ]);

    await t.ok(`mutation ($id: ID!) { updateTask(id: $id, input: {priority: LOW}) { id } }`, {
      id,
    });
    expect((await slaOf(t, id)).sla).toBeNull();
  });

  it('starts the clock again when the card reopens', async () => {
    const { integration, board } = await setup();
    await freezeSlaClock(t, T0);
    const id = await fire(integration, 'reopened', 'critical');
    await freezeSlaClock(t, after(T0, 5 * MINUTE));
    await deliver(
      t,
      integration,
      amGroup([
        amAlert({ fingerprint: 'reopened', status: 'resolved', labels: { severity: 'critical' } }),
      ]),
    );
    await moveTask(t, { taskId: id, columnId: board.column.DONE!.id });
    expect((await slaOf(t, id)).sla?.status).toBe('MET');

    const T1 = after(T0, 8 * 60 * MINUTE);
    await freezeSlaClock(t, T1);
    await fire(integration, 'reopened', 'critical');
    expect((await slaOf(t, id)).sla).toEqual({
      startedAt: iso(T1),
      ackDueAt: iso(after(T1, 15 * MINUTE)),
      resolveDueAt: iso(after(T1, 240 * MINUTE)),
      ackedAt: null,
      resolvedAt: null,
      status: 'ON_TRACK',
      breachedAt: null,
    });
    await freezeSlaClock(t, after(T1, 16 * MINUTE));
    const breaches = await eventually(
      () => slaOf(t, id).then((r) => r.slaBreaches),
      (b) => b.length > 0,
    );
    expect(breaches).toEqual([
      { target: 'ACK', priority: 'URGENT', at: iso(after(T1, 15 * MINUTE)) },
    ]);
  });

  it('applies a new policy to open clocks from their start', async () => {
    const { team, integration } = await setup();
    await freezeSlaClock(t, T0);
    const id = await fire(integration, 'policy', 'warning');
    await t.ok(
      `mutation ($id: ID!) { updateTeam(id: $id, input: {slaPolicy: {medium: {ackMinutes: 30, resolveMinutes: 120}}}) { id } }`,
      { id: team.id },
    );
    expect((await slaOf(t, id)).sla).toMatchObject({
      ackDueAt: iso(after(T0, 30 * MINUTE)),
      resolveDueAt: iso(after(T0, 120 * MINUTE)),
    });
  });
});
