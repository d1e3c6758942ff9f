import { createIntegration, deliver } from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { createTask, moveTask } from '../helpers/factories';
import { expectBadInput } from '../helpers/graphql-errors';
import { teamWithBoard } from '../helpers/planning-factories';
import { startTestApp, TestApp } from '../helpers/test-app';

const DAY_MS = 24 * 3600 * 1000;
const daysAgo = (n: number): string => new Date(Date.now() - n * DAY_MS).toISOString().slice(0, 10);

const FLOW = `query ($teamId: ID!, $from: Date, $to: Date) {
  flowReport(teamId: $teamId, from: $from, to: $to) {
    teamId from to
    throughput { weekStart completed completedPoints }
    cycleTime { count } leadTime { count }
    cumulativeFlow { date categories { category cards } }
  }
}`;
const NOISE = `query ($teamId: ID!, $from: Date, $to: Date) {
  alertNoiseReport(teamId: $teamId, from: $from, to: $to) {
    teamId from to alerts { name firings cardsCreated }
  }
}`;

/** Scenario: the period reports asked without `from`/`to` cover the last 30 days, today included. */
describe('period reports: the default period', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('flowReport and alertNoiseReport default to the 30 days up to today', async () => {
    const { team, board } = await teamWithBoard(t);
    const task = await createTask(t, team.id, { estimate: 3 });
    await moveTask(t, { taskId: task.id, columnId: board.column.DONE?.id });
    const integration = await createIntegration(t, team.id);
    const fire = (name: string, day: string) =>
      deliver(
        t,
        integration,
        amGroup([
          amAlert({
            fingerprint: name,
            startsAt: `${day}T10:00:00.000Z`,
            labels: { alertname: name },
          }),
        ]),
      );
    await fire('Recent', daysAgo(5));
    await fire('LongAgo', daysAgo(40));

    const today = daysAgo(0);
    const from = daysAgo(29);
    const flow = (await t.ok(FLOW, { teamId: team.id })).flowReport;
    expect(flow).toMatchObject({ teamId: team.id, from, to: today });
    expect(flow.cumulativeFlow).toHaveLength(30);
    expect(flow.cumulativeFlow[0].date).toBe(from);
    expect(flow.cumulativeFlow[29].date).toBe(today);
    expect(
      flow.throughput.reduce((n: number, w: { completed: number }) => n + w.completed, 0),
    ).toBe(1);
    expect((await t.ok(FLOW, { teamId: team.id, from, to: today })).flowReport).toEqual(flow);

    const noise = (await t.ok(NOISE, { teamId: team.id })).alertNoiseReport;
    expect(noise).toMatchObject({ from, to: today });
    expect(noise.alerts.map((a: { name: string }) => a.name)).toEqual(['Recent']);
    expect((await t.ok(NOISE, { teamId: team.id, from, to: today })).alertNoiseReport).toEqual(
      noise,
    );

    // Only `to`: the 30 days up to it. Only `from`: from it to today.
    const upTo = (await t.ok(NOISE, { teamId: team.id, to: daysAgo(20) })).alertNoiseReport;
    expect(upTo).toMatchObject({ from: daysAgo(49), to: daysAgo(20) });
    expect(upTo.alerts.map((a: { name: string }) => a.name)).toEqual(['LongAgo']);
    const since = (await t.ok(FLOW, { teamId: team.id, from: daysAgo(6) })).flowReport;
    expect(since).toMatchObject({ from: daysAgo(6), to: today });
    expect(since.cumulativeFlow).toHaveLength(7);
    // A `from` after the default `to` (today) is refused like a reversed period.
    expectBadInput(await t.gql(FLOW, { teamId: team.id, from: daysAgo(-3) }), 'to');
  });
});
