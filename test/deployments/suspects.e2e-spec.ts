/**
 * An alert card names its suspect deployment: the last successful deployment of the alert's
 * service and environment that finished within the integration's suspectWindowMinutes before the
 * alert started (both edges included), with its commits and the version to roll back to; the
 * team confirms or clears the link.
 */
import {
  alertTeam,
  createIntegration,
  deliver,
  type AlertTeam,
  type IntegrationRef,
} from '../helpers/alert-factories';
import { deploy } from '../helpers/deployment-factories';
import { eventually } from '../helpers/eventually';
import { HttpReceiver } from '../helpers/http-receiver';
import { createChannel } from '../helpers/notification-channels';
import { startTestApp, TestApp } from '../helpers/test-app';

const T = Date.parse('2026-07-01T12:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();
const MIN = 60_000;

describe('suspect deployments', () => {
  let t: TestApp;
  let setup: AlertTeam;
  let ci: IntegrationRef;
  let alerts: IntegrationRef;
  let n = 0;
  let receiver: HttpReceiver;

  beforeAll(async () => {
    t = await startTestApp({
      env: { NOTIFY_ALLOW_PRIVATE_TARGETS: 'true', NOTIFY_DISPATCH_INTERVAL_MS: '50' },
    });
    receiver = await new HttpReceiver().start();
    setup = await alertTeam(t);
    ci = await createIntegration(t, setup.team.id, { kind: 'GENERIC_DEPLOYMENT', name: 'CI' });
    alerts = await createIntegration(t, setup.team.id, { kind: 'GENERIC', name: 'Checks' });
  });

  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  /** A successful deployment of the service that finished at `finishedAt`. */
  const shipped = (
    service: string,
    version: string,
    finishedAt: number,
    extra: Record<string, unknown> = {},
  ) =>
    deploy(t, ci, {
      service,
      environment: 'production',
      version,
      status: 'success',
      started_at: iso(finishedAt - 5 * MIN),
      finished_at: iso(finishedAt),
      ...extra,
    });

  /** An alert of the service that started at `at`; its card with its cause. */
  async function alertCard(
    service: string,
    at: number,
    options: { integration?: IntegrationRef; environment?: string | null } = {},
  ): Promise<{
    id: string;
    description: string;
    suspectDeployment: { version: string } | null;
    incidentCause: { confirmed: boolean; deployment: { version: string } } | null;
  }> {
    n += 1;
    const answer = await deliver(t, options.integration ?? alerts, {
      title: `Errors up on ${service} #${n}`,
      service,
      ...(options.environment === null ? {} : { environment: options.environment ?? 'production' }),
      start_time: iso(at),
    });
    const delivery = await t.prisma.webhookDelivery.findUniqueOrThrow({
      where: { id: answer.deliveryId },
    });
    const taskId = (delivery.summary as { alerts: { taskId: string }[] }).alerts[0]!.taskId;
    const data = await t.ok<{ task: any }>(
      `query ($id: ID!) { task(id: $id) { id description suspectDeployment { version } incidentCause { confirmed deployment { version } } } }`,
      { id: taskId },
    );
    return data.task;
  }

  it('names the deployment, its commits and the version to roll back to in the card', async () => {
    await shipped('checkout', 'v1.4.1', T - 3 * 60 * MIN);
    await shipped('checkout', 'v1.4.2', T - 10 * MIN, {
      url: 'https://ci.example.com/runs/42',
      commits: [
        {
          sha: 'a'.repeat(40),
          message: 'Cache the cart\n\nlonger body',
          authored_at: iso(T - 26 * 60 * MIN),
        },
        { sha: 'b'.repeat(40), message: 'Retry payments', authored_at: iso(T - 25 * 60 * MIN) },
      ],
    });
    // A failure after it is not what runs.
    await deploy(t, ci, {
      service: 'checkout',
      environment: 'production',
      version: 'v1.4.3',
      status: 'failure',
      started_at: iso(T - 8 * MIN),
      finished_at: iso(T - 7 * MIN),
    });
    const card = await alertCard('checkout', T);
    expect(card.suspectDeployment).toEqual({ version: 'v1.4.2' });
    expect(card.incidentCause).toEqual({ confirmed: false, deployment: { version: 'v1.4.2' } });
    expect(card.description).toContain(
      [
        '**Suspect deployment:** checkout v1.4.2 to production, finished 10 minutes before the alert started (https://ci.example.com/runs/42).',
        '',
        'Commits it brought:',
        `- aaaaaaaa Cache the cart`,
        `- bbbbbbbb Retry payments`,
        '',
        '**Rollback hint:** the previous successful version is v1.4.1.',
      ].join('\n'),
    );
  });

  it('includes both edges of the window and nothing outside it', async () => {
    await shipped('edges', 'v1', T);
    expect((await alertCard('edges', T)).suspectDeployment).toEqual({ version: 'v1' });
    expect((await alertCard('edges', T + 60 * MIN)).suspectDeployment).toEqual({ version: 'v1' });
    expect((await alertCard('edges', T + 60 * MIN + 1)).suspectDeployment).toBeNull();
    // Finished after the alert started: not its cause.
    expect((await alertCard('edges', T - 1)).suspectDeployment).toBeNull();
    const first = await alertCard('edges', T + 30 * MIN);
    expect(first.description).toContain(
      '**Rollback hint:** no earlier successful deployment of edges to production is known.',
    );
  });

  it("follows the integration's window: shorter, or 0 for none", async () => {
    const short = await createIntegration(t, setup.team.id, {
      kind: 'GENERIC',
      name: 'Short',
      suspectWindowMinutes: 10,
    });
    const off = await createIntegration(t, setup.team.id, {
      kind: 'GENERIC',
      name: 'Off',
      suspectWindowMinutes: 0,
    });
    await shipped('windowed', 'v7', T);
    expect(
      (await alertCard('windowed', T + 10 * MIN, { integration: short })).suspectDeployment,
    ).toEqual({ version: 'v7' });
    expect(
      (await alertCard('windowed', T + 10 * MIN + 1, { integration: short })).suspectDeployment,
    ).toBeNull();
    const card = await alertCard('windowed', T + MIN, { integration: off });
    expect(card.suspectDeployment).toBeNull();
    expect(card.description).not.toContain('Suspect deployment');
  });

  it('matches the environment when the alert names one, any environment when it does not', async () => {
    await shipped('envs', 'v-staging', T, { environment: 'staging' });
    expect((await alertCard('envs', T + MIN)).suspectDeployment).toBeNull();
    expect(
      (await alertCard('envs', T + MIN, { environment: 'STAGING' })).suspectDeployment,
    ).toEqual({ version: 'v-staging' });
    expect((await alertCard('envs', T + MIN, { environment: null })).suspectDeployment).toEqual({
      version: 'v-staging',
    });
  });

  it('lets the team confirm another deployment or clear the link, with history', async () => {
    await shipped('confirm', 'v1', T - 2 * 60 * MIN);
    const v2 = await shipped('confirm', 'v2', T - 5 * MIN);
    const card = await alertCard('confirm', T);
    expect(card.incidentCause).toMatchObject({ confirmed: false, deployment: { version: 'v2' } });
    const v1 = await t.prisma.deployment.findFirstOrThrow({
      where: { service: 'confirm', version: 'v1' },
    });
    const SET = `mutation ($taskId: ID!, $deploymentId: ID) {
      setIncidentCause(taskId: $taskId, deploymentId: $deploymentId) {
        id incidentCause { confirmed confirmedBy deployment { version } } suspectDeployment { version }
        history { kind note }
      }
    }`;
    let data = await t.ok<{ setIncidentCause: any }>(SET, { taskId: card.id, deploymentId: v1.id });
    expect(data.setIncidentCause.incidentCause).toEqual({
      confirmed: true,
      confirmedBy: expect.any(String),
      deployment: { version: 'v1' },
    });
    data = await t.ok<{ setIncidentCause: any }>(SET, {
      taskId: card.id,
      deploymentId: v2.deploymentId,
    });
    expect(data.setIncidentCause.incidentCause).toMatchObject({
      confirmed: true,
      deployment: { version: 'v2' },
    });
    data = await t.ok<{ setIncidentCause: any }>(SET, { taskId: card.id, deploymentId: null });
    expect(data.setIncidentCause).toMatchObject({ incidentCause: null, suspectDeployment: null });
    expect(
      data.setIncidentCause.history
        .filter((e: { kind: string }) => e.kind === 'INCIDENT_CAUSE_SET')
        .map((e: { note: string }) => e.note),
    ).toEqual([
      'caused by the deployment of confirm v1 to production',
      'caused by the deployment of confirm v2 to production',
      'no deployment caused this',
    ]);
  });

  it("refuses another team's deployment and ids that are not ids", async () => {
    const other = await alertTeam(t, { sprint: false });
    const otherCi = await createIntegration(t, other.team.id, {
      kind: 'GENERIC_DEPLOYMENT',
      name: 'CI',
    });
    const foreign = await deploy(t, otherCi, {
      service: 'x',
      environment: 'production',
      version: 'v1',
      status: 'success',
      started_at: iso(T),
      finished_at: iso(T + MIN),
    });
    await shipped('mine', 'v1', T - MIN);
    const card = await alertCard('mine', T);
    const res = await t.gql(
      `mutation ($t: ID!, $d: ID) { setIncidentCause(taskId: $t, deploymentId: $d) { id } }`,
      {
        t: card.id,
        d: foreign.deploymentId,
      },
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'deploymentId' }],
    });
    const bad = await t.gql(
      `mutation ($t: ID!, $d: ID) { setIncidentCause(taskId: $t, deploymentId: $d) { id } }`,
      {
        t: card.id,
        d: 'nope',
      },
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    // Nothing changed.
    expect((await alertCard('mine', T + 1)).suspectDeployment).toEqual({ version: 'v1' });
    expect(await t.prisma.incidentCause.findUnique({ where: { taskId: card.id } })).toMatchObject({
      confirmedAt: null,
    });
  });

  it('tells subscribed channels of the suspected incident, with the deployment and the rollback hint', async () => {
    await createChannel(t, setup.team.id, {
      url: `${receiver.url}/suspects`,
      events: [{ type: 'DEPLOYMENT_SUSPECTED_INCIDENT' }],
    });
    const at = T + 400 * 60 * MIN;
    await shipped('search', 'v7.0.0', at - 120 * MIN);
    await shipped('search', 'v7.1.0', at - 5 * MIN);
    const card = await alertCard('search', at);
    // An alert with no suspect tells nothing.
    await alertCard('nothing-shipped', at);
    const [event] = await eventually(
      () => receiver.jsonAt('/suspects').length >= 1 && receiver.jsonAt('/suspects'),
      { message: 'the deployment.suspected_incident event' },
    );
    expect(event).toMatchObject({
      type: 'deployment.suspected_incident',
      data: {
        card: { id: card.id },
        deployment: { service: 'search', environment: 'production', version: 'v7.1.0' },
        rollbackTo: 'v7.0.0',
      },
    });
    const messages = await t.prisma.outboxMessage.count({
      where: { teamId: setup.team.id, topic: 'deployment.suspected_incident' },
    });
    expect(messages).toBe(1);
  });
});
