/**
 * sprintChanged and alertActivity: a sprint's figures after each change that moves them (equal to
 * sprintCapacityReport), and a team's alerts as they fire, repeat, resolve and land on the board.
 */
import { createIntegration, postWebhook, alertTeam } from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { createTask, planSprint } from '../helpers/factories';
import { BOARD_CHANGED, connectLive, listen, LiveClient, whenLive } from '../helpers/live-client';
import { startTestApp, TestApp } from '../helpers/test-app';

const SPRINT_CHANGED = `subscription ($s: ID!) { sprintChanged(sprintId: $s) {
  sprintId sprint { id state committedPoints scopePoints }
  report { capacityPoints reservedPoints committedPoints completedPoints scopePoints
    reserveUsedPoints flags unplannedProduction { count points } } } }`;

const ALERT_ACTIVITY = `subscription ($team: ID!) { alertActivity(teamId: $team) {
  kind at alert { id title status occurrences } task { key column { category } } } }`;

const REPORT = `query ($s: ID!) { sprintCapacityReport(sprintId: $s) { capacityPoints reservedPoints
  committedPoints completedPoints scopePoints reserveUsedPoints flags unplannedProduction { count points } } }`;

describe('sprintChanged and alertActivity', () => {
  let t: TestApp;
  let live: LiveClient;

  beforeAll(async () => {
    t = await startTestApp();
    live = await connectLive(await listen(t), t.adminToken);
  });
  afterAll(async () => {
    await live?.dispose();
    await t?.close();
  });

  it("sends a sprint's figures after each change, equal to its capacity report", async () => {
    const { team, sprintId } = await alertTeam(t);
    const sprint = sprintId as string;
    const feed = live.subscribe(SPRINT_CHANGED, { s: sprint });
    await whenLive(feed, () => createTask(t, team.id, { sprintId: sprint, estimate: 1 }));

    const incident = await createTask(t, team.id, { estimate: 3, type: 'INCIDENT' });
    await planSprint(t, sprint, [incident.id]);
    const report = (await t.ok<{ sprintCapacityReport: unknown }>(REPORT, { s: sprint }))
      .sprintCapacityReport;
    const event = await feed.next(
      (r) => r.data?.sprintChanged.report.unplannedProduction.points === 3,
    );
    expect(event.data?.sprintChanged).toMatchObject({
      sprintId: sprint,
      sprint: { id: sprint, state: 'ACTIVE' },
      report,
    });
  });

  it('sends alerts as they fire, repeat and resolve, and their cards onto the open board', async () => {
    const { team, board } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    const activity = live.subscribe(ALERT_ACTIVITY, { team: team.id });
    const cards = live.subscribe(BOARD_CHANGED, { b: board.id });
    await whenLive(activity, (i) =>
      postWebhook(t, integration, amGroup([amAlert({ fingerprint: `warm-up-${i}` })])),
    );
    await whenLive(cards, (i) =>
      postWebhook(t, integration, amGroup([amAlert({ fingerprint: `warm-up-b-${i}` })])),
    );

    const alert = amAlert({
      fingerprint: 'disk-full-1',
      labels: { alertname: 'DiskFull', severity: 'critical', instance: 'db-1' },
      annotations: { summary: 'Disk full on db-1' },
    });
    expect((await postWebhook(t, integration, amGroup([alert]))).status).toBe(200);
    const fired = await activity.next(
      (r) => r.data?.alertActivity.alert.title === 'Disk full on db-1',
    );
    expect(fired.data?.alertActivity).toMatchObject({
      kind: 'FIRED',
      alert: { status: 'FIRING', occurrences: 1 },
      task: { column: { category: 'TRIAGE' } },
    });
    const key = fired.data?.alertActivity.task.key as string;
    const created = await cards.next(
      (r) => r.data?.boardChanged.task?.key === key && r.data.boardChanged.kind === 'CARD_CREATED',
    );
    expect(created.data?.boardChanged.task.alerts).toEqual([{ status: 'FIRING', occurrences: 1 }]);

    await postWebhook(t, integration, amGroup([alert]));
    expect(
      (await activity.next((r) => r.data?.alertActivity.task?.key === key)).data?.alertActivity,
    ).toMatchObject({ kind: 'REPEATED', alert: { occurrences: 2 } });
    const badge = await cards.next((r) => r.data?.boardChanged.task?.key === key);
    expect(badge.data?.boardChanged).toMatchObject({
      kind: 'CARD_UPDATED',
      task: { alerts: [{ status: 'FIRING', occurrences: 2 }] },
    });

    await postWebhook(
      t,
      integration,
      amGroup([{ ...alert, status: 'resolved', endsAt: '2026-11-20T10:00:00.000Z' }]),
    );
    expect(
      (await activity.next((r) => r.data?.alertActivity.task?.key === key)).data?.alertActivity,
    ).toMatchObject({ kind: 'RESOLVED', alert: { status: 'RESOLVED' } });
  });
});
