/**
 * deliveryReport on a seeded history posted through the webhooks (generic deployments, generic
 * alerts whose cards suspect them, one cause confirmed): every figure checked against values
 * computed by hand (the arithmetic is in src/deployments/delivery-metrics.spec.ts, same history
 * shifted to January 2030).
 */
import {
  alertTeam,
  createIntegration,
  deliver,
  type AlertTeam,
  type IntegrationRef,
} from '../helpers/alert-factories';
import { deploy } from '../helpers/deployment-factories';
import { closeSprintOk, updateTask } from '../helpers/planning-mutations';
import { startTestApp, TestApp } from '../helpers/test-app';

const REPORT = `query ($teamId: ID!, $from: Date!, $to: Date!, $service: String, $environment: String) {
  deliveryReport(teamId: $teamId, from: $from, to: $to, service: $service, environment: $environment) {
    from to service environment bandSource
    summary { ...figures }
    weeks { weekStart from to figures { ...figures } }
    sprints { name reservedPoints confirmedCards confirmedPoints suspectedCards suspectedPoints confirmedReserveShare }
    bands { key band bound inclusive higherIsBetter unit }
  }
}
fragment figures on DeliveryFigures {
  deployments successfulDeployments deploymentsPerDay deploymentsPerWeek deploymentFrequencyBand
  leadTime { count p50Minutes p85Minutes band }
  failedChanges suspectedFailedChanges changeFailurePercent changeFailureBand
  recovery { count unrecovered p50Minutes p85Minutes band }
}`;

const at = (text: string): string => `2030-${text}:00Z`;

describe('deliveryReport', () => {
  let t: TestApp;
  let setup: AlertTeam;
  let ci: IntegrationRef;
  let checks: IntegrationRef;
  const cards: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    // Its active sprint runs 7–18 January 2030.
    setup = await alertTeam(t);
    ci = await createIntegration(t, setup.team.id, { kind: 'GENERIC_DEPLOYMENT', name: 'CI' });
    checks = await createIntegration(t, setup.team.id, { kind: 'GENERIC', name: 'Checks' });
    const shipped = (
      version: string,
      status: string,
      started: string,
      finished: string,
      firstCommit: string | null = null,
    ) =>
      deploy(t, ci, {
        service: 'api',
        environment: 'production',
        version,
        status,
        started_at: at(started),
        finished_at: at(finished),
        ...(firstCommit
          ? {
              commits: [
                {
                  sha: `${version.replace(/\D/g, '')}`.padEnd(40, 'e'),
                  authored_at: at(firstCommit),
                },
              ],
            }
          : {}),
      });
    await deploy(t, ci, {
      service: 'api',
      environment: 'production',
      version: 'v0',
      status: 'success',
      started_at: '2029-12-26T10:00:00Z',
      finished_at: '2029-12-26T10:10:00Z',
    });
    await shipped('v1', 'success', '01-07T10:00', '01-07T10:10', '01-06T10:10');
    await shipped('v2', 'success', '01-08T10:00', '01-08T10:10', '01-08T08:10');
    await shipped('v3', 'success', '01-09T10:00', '01-09T10:10', '01-07T10:10');
    await shipped('v4', 'failure', '01-10T10:00', '01-10T10:20', '01-10T09:00');
    await shipped('v5', 'success', '01-10T12:00', '01-10T12:20', '01-10T11:20');
    await shipped('v2', 'success', '01-15T09:00', '01-15T09:30');
    await shipped('v7', 'canceled', '01-16T09:00', '01-16T09:05');
    // Staging deployments stay out of the production report.
    await deploy(t, ci, {
      service: 'api',
      environment: 'staging',
      version: 'v9',
      status: 'failure',
      started_at: at('01-08T09:00'),
      finished_at: at('01-08T09:05'),
    });
    // The incident after v2, confirmed and over at 11:30; the one after v3, only suspected.
    for (const [name, start] of [
      ['after-v2', '01-08T10:30'],
      ['after-v3', '01-09T10:20'],
    ] as const) {
      const answer = await deliver(t, checks, {
        title: `Errors ${name}`,
        service: 'api',
        environment: 'production',
        start_time: at(start),
      });
      const delivery = await t.prisma.webhookDelivery.findUniqueOrThrow({
        where: { id: answer.deliveryId },
      });
      cards[name] = (delivery.summary as { alerts: { taskId: string }[] }).alerts[0]!.taskId;
    }
    await deliver(t, checks, {
      title: 'Errors after-v2',
      service: 'api',
      environment: 'production',
      start_time: at('01-08T10:30'),
      end_time: at('01-08T11:30'),
    });
    const v2 = await t.prisma.deployment.findFirstOrThrow({
      where: { version: 'v2', startedAt: new Date(at('01-08T10:00')) },
    });
    await t.ok(
      `mutation ($t: ID!, $d: ID) { setIncidentCause(taskId: $t, deploymentId: $d) { id } }`,
      { t: cards['after-v2'], d: v2.id },
    );
    await updateTask(t, cards['after-v2']!, { estimate: 3 });
    await updateTask(t, cards['after-v3']!, { estimate: 5 });
  });

  afterAll(async () => {
    await t.close();
  });

  const report = (vars: Record<string, unknown> = {}) =>
    t
      .ok<{ deliveryReport: any }>(REPORT, {
        teamId: setup.team.id,
        from: '2030-01-07',
        to: '2030-01-20',
        ...vars,
      })
      .then((d) => d.deliveryReport);

  it('computes the four keys over the period, with their bands', async () => {
    const r = await report();
    expect(r).toMatchObject({
      from: '2030-01-07',
      to: '2030-01-20',
      service: null,
      environment: 'production',
    });
    expect(r.summary).toEqual({
      deployments: 6,
      successfulDeployments: 5,
      deploymentsPerDay: 0.36,
      deploymentsPerWeek: 2.5,
      deploymentFrequencyBand: 'HIGH',
      leadTime: { count: 4, p50Minutes: 780, p85Minutes: 2232, band: 'ELITE' },
      failedChanges: 3,
      suspectedFailedChanges: 1,
      changeFailurePercent: 50,
      changeFailureBand: 'LOW',
      recovery: { count: 3, unrecovered: 0, p50Minutes: 120, p85Minutes: 4957, band: 'HIGH' },
    });
  });

  it('shows the trend by week', async () => {
    const r = await report();
    expect(r.weeks.map((w: any) => [w.weekStart, w.from, w.to])).toEqual([
      ['2030-01-07', '2030-01-07', '2030-01-13'],
      ['2030-01-14', '2030-01-14', '2030-01-20'],
    ]);
    expect(r.weeks[0].figures).toMatchObject({
      deployments: 5,
      successfulDeployments: 4,
      deploymentsPerWeek: 4,
      failedChanges: 3,
      changeFailurePercent: 60,
    });
    expect(r.weeks[1].figures).toMatchObject({
      deployments: 1,
      deploymentsPerWeek: 1,
      failedChanges: 0,
      changeFailurePercent: 0,
      changeFailureBand: 'ELITE',
    });
  });

  it('reports change failure in reserve points per sprint, confirmed and suspected apart', async () => {
    const r = await report();
    const sprint = await t.prisma.sprint.findUniqueOrThrow({ where: { id: setup.sprintId! } });
    expect(r.sprints).toEqual([
      {
        name: sprint.name,
        reservedPoints: sprint.reservedPoints,
        confirmedCards: 1,
        confirmedPoints: 3,
        suspectedCards: 1,
        suspectedPoints: 5,
        confirmedReserveShare:
          sprint.reservedPoints > 0 ? Math.round((3 / sprint.reservedPoints) * 100) / 100 : null,
      },
    ]);
  });

  it('narrows to a service or another environment', async () => {
    expect((await report({ service: 'web' })).summary).toMatchObject({
      deployments: 0,
      changeFailurePercent: null,
    });
    expect((await report({ service: 'API' })).summary).toMatchObject({ deployments: 6 });
    const staging = await report({ environment: 'staging' });
    expect(staging.summary).toMatchObject({
      deployments: 1,
      failedChanges: 1,
      changeFailurePercent: 100,
    });
    expect(staging.sprints[0]).toMatchObject({ confirmedCards: 0, suspectedCards: 0 });
  });

  it('publishes its band table and its source', async () => {
    const r = await report();
    expect(r.bandSource).toContain('State of DevOps Report 2023');
    expect(r.bands).toContainEqual({
      key: 'changeFailureRate',
      band: 'ELITE',
      bound: 5,
      inclusive: true,
      higherIsBetter: false,
      unit: 'percent',
    });
    expect(r.bands).toContainEqual({
      key: 'recoveryTime',
      band: 'ELITE',
      bound: 60,
      inclusive: false,
      higherIsBetter: false,
      unit: 'minutes',
    });
    expect(r.bands.filter((b: any) => b.band === 'LOW')).toHaveLength(4);
  });

  it('serves the report as JSON, CSV and an SVG trend', async () => {
    const path = `/reports/teams/${setup.team.id}/delivery`;
    const query = '?from=2030-01-07&to=2030-01-20';
    const json = await t.http.get(`${path}.json${query}`);
    expect(json.status).toBe(200);
    expect(json.body.summary).toEqual((await report()).summary);
    const csv = await t.http.get(`${path}.csv${query}&service=api`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.split('\r\n');
    expect(lines).toContain('summary,changeFailurePercent,50');
    expect(lines).toContain('summary,recoveryP85Minutes,4957');
    expect(lines).toContain('period,service,api');
    expect(lines.filter((l) => l.startsWith('2030-01-'))).toHaveLength(2);
    const svg = await t.http.get(`${path}.svg${query}`);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    const text = svg.body instanceof Buffer ? svg.body.toString('utf8') : svg.text;
    expect(text).toContain('<svg');
    expect(text.match(/class="deployments"/g)).toHaveLength(2);
    expect(text).toContain('4 successful deployments, week of 2030-01-07');
    expect((await t.anon.get(`${path}.json${query}`)).status).toBe(401);
    expect((await t.http.get(`${path}.json?from=2030-01-07&from=2030-01-08`)).status).toBe(400);
  });

  it("puts the sprint's deployments in its capacity report, and change failure points in velocity", async () => {
    const CAPACITY = `query ($id: ID!) { sprintCapacityReport(sprintId: $id) { reservedPoints delivery {
      environment deployments successfulDeployments failedChanges suspectedFailedChanges changeFailurePercent
      confirmedPoints suspectedPoints confirmedReserveShare } } }`;
    const live = (await t.ok<{ sprintCapacityReport: any }>(CAPACITY, { id: setup.sprintId }))
      .sprintCapacityReport;
    // Deployments finished 7–18 January: d1–d6, as in the period report.
    expect(live.delivery).toEqual({
      environment: 'production',
      deployments: 6,
      successfulDeployments: 5,
      failedChanges: 3,
      suspectedFailedChanges: 1,
      changeFailurePercent: 50,
      confirmedPoints: 3,
      suspectedPoints: 5,
      confirmedReserveShare:
        live.reservedPoints > 0 ? Math.round((3 / live.reservedPoints) * 100) / 100 : null,
    });
    const csv = (await t.http.get(`/reports/sprints/${setup.sprintId}/capacity.csv`)).text.split(
      '\r\n',
    );
    expect(csv).toEqual(
      expect.arrayContaining([
        'summary,deployments,6',
        'summary,failedChanges,3',
        'summary,changeFailureConfirmedPoints,3',
        'summary,changeFailureSuspectedPoints,5',
      ]),
    );
    await closeSprintOk(t, setup.sprintId!);
    const closed = (await t.ok<{ sprintCapacityReport: any }>(CAPACITY, { id: setup.sprintId }))
      .sprintCapacityReport;
    expect(closed.delivery).toEqual(live.delivery);
    const velocity = await t.ok<{ velocityReport: { sprints: any[] } }>(
      `query ($t: ID!) { velocityReport(teamId: $t, lastSprints: 3) { sprints { sprintId failedChanges changeFailurePoints } } }`,
      { t: setup.team.id },
    );
    expect(velocity.velocityReport.sprints).toEqual([
      { sprintId: setup.sprintId, failedChanges: 3, changeFailurePoints: 3 },
    ]);
  });

  it('refuses a bad period', async () => {
    const res = await t.gql(REPORT, {
      teamId: setup.team.id,
      from: '2030-01-20',
      to: '2030-01-07',
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
