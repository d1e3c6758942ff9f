/**
 * Deployment intake on the webhook pipeline: GitHub deployment_status events (GitHub's published
 * examples, signed with @octokit/webhooks-methods), GitLab's documented Deployment event and the
 * generic format; dedup by the source's id in and out of order and in parallel, rollbacks,
 * commit → task links, and what is answered to senders that are not signed.
 */
import {
  alertTeam,
  createIntegration,
  type AlertTeam,
  type IntegrationRef,
} from '../helpers/alert-factories';
import {
  createGithubIntegration,
  deploy,
  deploymentsOf,
  githubExample,
  githubStatus,
  gitlabFixture,
  postDeployment,
  postGithub,
  postGitlab,
} from '../helpers/deployment-factories';
import { createTask } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';

describe('deployment intake', () => {
  let t: TestApp;
  let setup: AlertTeam;

  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOK_AUTH_FAILURES_PER_MINUTE: '1000' } });
    setup = await alertTeam(t, { sprint: false });
  });

  afterAll(async () => {
    await t.close();
  });

  const deliveriesOf = (integrationId: string) =>
    t.prisma.webhookDelivery.findMany({ where: { integrationId }, orderBy: { receivedAt: 'asc' } });

  describe('GitHub', () => {
    let github: IntegrationRef;

    beforeAll(async () => {
      github = await createGithubIntegration(t, setup.team.id);
    });

    it('answers ping with 200 and records it', async () => {
      const res = await postGithub(t, github.id, 'ping', githubExample('ping'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ received: 0, created: 0, ignored: 0 });
      const [delivery] = await deliveriesOf(github.id);
      expect(delivery).toMatchObject({ id: res.body.deliveryId, outcome: 'PROCESSED' });
      expect(delivery?.headers).toMatchObject({ 'x-github-event': 'ping' });
      // The signature is a credential: never stored.
      expect(delivery?.headers).not.toHaveProperty('x-hub-signature-256');
    });

    it('refuses unsigned, wrongly signed and bearer-only deliveries with 401, storing nothing', async () => {
      const body = JSON.stringify(githubExample('deployment_status', 0));
      const before = await t.prisma.webhookDelivery.count({ where: { integrationId: github.id } });
      const answers = [
        await postGithub(t, github.id, 'deployment_status', body, { secret: null }),
        await postGithub(t, github.id, 'deployment_status', body, {
          secret: 'not-the-secret-at-all',
        }),
        await postGithub(t, github.id, 'deployment_status', body, { signature: 'sha256=' }),
        await postGithub(t, github.id, 'deployment_status', body, {
          signature: `sha1=${'0'.repeat(40)}`,
        }),
        await postGithub(t, github.id, 'deployment_status', body, {
          secret: null,
          headers: { authorization: `Bearer ${github.token}` },
        }),
        // Signed, but the body changed on the way.
        await postGithub(t, github.id, 'deployment_status', body, {
          signature: (await postSignature(body)).replace(/.$/, (c) => (c === '0' ? '1' : '0')),
        }),
      ];
      expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401]);
      expect(answers[0]?.body).toMatchObject({ error: 'UNAUTHENTICATED' });
      expect(await t.prisma.webhookDelivery.count({ where: { integrationId: github.id } })).toBe(
        before,
      );
      expect(await t.prisma.deployment.count({ where: { integrationId: github.id } })).toBe(0);
    });

    it('records other events with 202 and processes nothing of them', async () => {
      const res = await postGithub(t, github.id, 'star', githubExample('star'));
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ ignoredEvent: 'star', ignored: 1, created: 0 });
      const delivery = await t.prisma.webhookDelivery.findUnique({
        where: { id: res.body.deliveryId },
      });
      expect(delivery?.summary).toMatchObject({ event: 'star', ignored: 1 });
      expect(await t.prisma.deployment.count({ where: { integrationId: github.id } })).toBe(0);
    });

    it("turns GitHub's example deployment_status events into one deployment", async () => {
      const inProgress = githubExample('deployment_status', 1);
      const success = githubExample('deployment_status', 0);
      // The published examples are of one deployment (145988746); its success is dated after.
      success.deployment_status.created_at = '2022-01-03T01:30:00Z';
      success.deployment.created_at = inProgress.deployment.created_at;
      const first = await postGithub(t, github.id, 'deployment_status', inProgress);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ received: 1, created: 1, updated: 0 });
      const second = await postGithub(t, github.id, 'deployment_status', success);
      expect(second.body).toMatchObject({
        received: 1,
        created: 0,
        updated: 1,
        deploymentId: first.body.deploymentId,
      });
      const rows = await t.prisma.deployment.findMany({ where: { integrationId: github.id } });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        externalId: '145988746',
        service: 'Hello-World',
        // The newest status's environment (GitHub Pages' example deploys to github-pages first).
        environment: 'github-pages',
        version: 'f95f852bd8fc',
        ref: 'master',
        commitSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
        status: 'SUCCESS',
        startedAt: new Date('2022-01-03T01:28:30Z'),
        finishedAt: new Date('2022-01-03T01:30:00Z'),
      });
      // An earlier status delivered late changes nothing, and says so.
      const late = await postGithub(t, github.id, 'deployment_status', inProgress);
      expect(late.body).toMatchObject({ received: 1, created: 0, updated: 0, ignored: 1 });
      expect(await t.prisma.deployment.findUnique({ where: { id: rows[0]!.id } })).toMatchObject({
        status: 'SUCCESS',
      });
    });

    it('ends in the newest status whatever order parallel deliveries commit in', async () => {
      const states: [string, string][] = [
        ['queued', '2026-03-02T10:00:00Z'],
        ['in_progress', '2026-03-02T10:01:00Z'],
        ['failure', '2026-03-02T10:04:00Z'],
        ['in_progress', '2026-03-02T10:05:00Z'],
        ['success', '2026-03-02T10:09:00Z'],
      ];
      for (let round = 0; round < 3; round++) {
        const id = 900_000 + round;
        const bodies = states.map(([state, at]) =>
          githubStatus(id, state, at, { createdAt: '2026-03-02T10:00:00Z', ref: 'v2.0.0' }),
        );
        // Twice each, shuffled: GitHub redelivers, and deliveries overtake each other.
        const posts = [...bodies, ...bodies].sort(() => Math.random() - 0.5);
        const answers = await Promise.all(
          posts.map((b) => postGithub(t, github.id, 'deployment_status', b)),
        );
        expect(answers.map((r) => r.status)).toEqual(posts.map(() => 200));
        expect(answers.filter((r) => r.body.created === 1)).toHaveLength(1);
        const rows = await t.prisma.deployment.findMany({
          where: { integrationId: github.id, externalId: String(id) },
        });
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          status: 'SUCCESS',
          version: 'v2.0.0',
          statusAt: new Date('2026-03-02T10:09:00Z'),
          finishedAt: new Date('2026-03-02T10:09:00Z'),
          startedAt: new Date('2026-03-02T10:00:00Z'),
        });
      }
    });

    it('replays a stored delivery to the same deployment', async () => {
      const res = await postGithub(
        t,
        github.id,
        'deployment_status',
        githubStatus(777, 'success', '2026-03-03T08:00:00Z'),
      );
      const data = await t.ok<{
        replayWebhookDelivery: { id: string; outcome: string; summary: Record<string, unknown> };
      }>(
        `mutation ($id: ID!) { replayWebhookDelivery(id: $id) { id outcome summary { received created ignored } } }`,
        { id: res.body.deliveryId },
      );
      expect(data.replayWebhookDelivery).toMatchObject({
        outcome: 'PROCESSED',
        summary: { received: 1, created: 0, ignored: 1 },
      });
      const replay = await t.prisma.webhookDelivery.findUniqueOrThrow({
        where: { id: data.replayWebhookDelivery.id },
      });
      expect(replay).toMatchObject({
        replayOfId: res.body.deliveryId,
        summary: expect.objectContaining({ deploymentId: res.body.deploymentId }),
      });
      expect(
        await t.prisma.deployment.count({ where: { integrationId: github.id, externalId: '777' } }),
      ).toBe(1);
    });

    it('needs a secret to be created', async () => {
      const res = await t.gql(
        `mutation ($input: CreateAlertIntegrationInput!) { createAlertIntegration(input: $input) { token } }`,
        { input: { teamId: setup.team.id, kind: 'GITHUB', name: 'unsigned' } },
      );
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.hmacSecret' }],
      });
    });
  });

  describe('GitLab', () => {
    let gitlab: IntegrationRef;

    beforeAll(async () => {
      gitlab = await createIntegration(t, setup.team.id, { kind: 'GITLAB', name: 'GitLab' });
    });

    it("records GitLab's documented Deployment event, checking X-Gitlab-Token", async () => {
      expect((await postGitlab(t, gitlab, gitlabFixture(), null)).status).toBe(401);
      expect((await postGitlab(t, gitlab, gitlabFixture(), `${gitlab.token}x`)).status).toBe(401);
      const res = await postGitlab(t, gitlab, gitlabFixture());
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ received: 1, created: 1 });
      const row = await t.prisma.deployment.findUniqueOrThrow({
        where: { id: res.body.deploymentId },
      });
      expect(row).toMatchObject({
        externalId: '15',
        service: 'root/test-deployment-webhooks',
        environment: 'staging',
        commitSha: '279484c09fbe69ededfced8c1bb6e6d24616b468',
        version: '279484c09fbe',
        status: 'SUCCESS',
        finishedAt: new Date('2021-04-28T19:50:00Z'),
        url: 'http://10.126.0.2:3000/root/test-deployment-webhooks/-/jobs/796',
      });
      expect(await t.prisma.deploymentCommit.findMany({ where: { deploymentId: row.id } })).toEqual(
        [
          expect.objectContaining({
            sha: '279484c09fbe69ededfced8c1bb6e6d24616b468',
            message: 'Add new file',
          }),
        ],
      );
      // The running event, delivered after the success it preceded.
      const running = {
        ...gitlabFixture(),
        status: 'running',
        status_changed_at: '2021-04-28 21:45:00 +0200',
      };
      expect((await postGitlab(t, gitlab, running)).body).toMatchObject({ ignored: 1, updated: 0 });
      expect(await t.prisma.deployment.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
        status: 'SUCCESS',
        startedAt: new Date('2021-04-28T19:45:00Z'),
      });
    });

    it('answers other GitLab events with 202', async () => {
      const res = await postGitlab(t, gitlab, { object_kind: 'tag_push', ref: 'refs/tags/v1' });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ ignoredEvent: 'Tag Push Hook' });
    });

    it('uses the service set on the integration over the project path', async () => {
      const named = await createIntegration(t, setup.team.id, {
        kind: 'GITLAB',
        name: 'GitLab api',
        service: 'api',
      });
      const res = await postGitlab(t, named, { ...gitlabFixture(), deployment_id: 16 });
      expect(
        (await t.prisma.deployment.findUniqueOrThrow({ where: { id: res.body.deploymentId } }))
          .service,
      ).toBe('api');
    });
  });

  describe('generic format', () => {
    let ci: IntegrationRef;
    let team: AlertTeam;

    beforeAll(async () => {
      team = await alertTeam(t, { sprint: false });
      ci = await createIntegration(t, team.team.id, { kind: 'GENERIC_DEPLOYMENT', name: 'CI' });
    });

    it('links the tasks named in commits and branch, with a history note once deployed', async () => {
      const a = await createTask(t, team.team.id, { title: 'Fix timeouts' });
      const b = await createTask(t, team.team.id, { title: 'Retry budget' });
      const base = {
        id: 'pipeline-41',
        service: 'checkout',
        environment: 'production',
        version: 'v1.4.2',
        commit: 'a'.repeat(40),
        ref: `fix/${b.key.toLowerCase()}-retries`,
        started_at: '2026-03-10T09:00:00Z',
        commits: [
          {
            sha: 'a'.repeat(40),
            message: `${a.key}: shorter timeouts`,
            authored_at: '2026-03-09T15:00:00Z',
          },
          {
            sha: 'b'.repeat(40),
            message: 'chore: bump deps (OTHER-1)',
            authored_at: '2026-03-08T11:00:00Z',
          },
        ],
      };
      const started = await deploy(t, ci, { ...base, status: 'in_progress' });
      expect(started).toMatchObject({ created: 1 });
      let history = await historyOf(a.id);
      expect(history.filter((e) => e.kind === 'DEPLOYED')).toEqual([]);
      await deploy(t, ci, { ...base, status: 'success', finished_at: '2026-03-10T09:06:00Z' });
      // Repeated: no second note.
      await deploy(t, ci, { ...base, status: 'success', finished_at: '2026-03-10T09:06:00Z' });
      for (const task of [a, b]) {
        history = await historyOf(task.id);
        expect(history.filter((e) => e.kind === 'DEPLOYED')).toEqual([
          expect.objectContaining({
            note: 'deployed to production in v1.4.2',
            at: '2026-03-10T09:06:00.000Z',
          }),
        ]);
      }
      const data = await t.ok<{ task: { deployments: { version: string; status: string }[] } }>(
        `query ($id: ID!) { task(id: $id) { deployments { version status } } }`,
        { id: a.id },
      );
      expect(data.task.deployments).toEqual([{ version: 'v1.4.2', status: 'SUCCESS' }]);
      const [deployment] = await deploymentsOf(t, team.team.id);
      expect(deployment).toMatchObject({
        externalId: 'pipeline-41',
        commits: [
          { sha: 'b'.repeat(40), authoredAt: '2026-03-08T11:00:00.000Z' },
          { sha: 'a'.repeat(40), authoredAt: '2026-03-09T15:00:00.000Z' },
        ],
      });
      expect(deployment?.tasks.map((x: { key: string }) => x.key).sort()).toEqual(
        [a.key, b.key].sort(),
      );
    });

    it('links previous deployments and rollbacks, by version and by rollback_of', async () => {
      const stream = { service: 'ledger', environment: 'production' };
      const at = (h: number): string => `2026-04-01T${String(h).padStart(2, '0')}:00:00Z`;
      const ok = (version: string, h: number, extra: Record<string, unknown> = {}) =>
        deploy(t, ci, {
          ...stream,
          version,
          status: 'success',
          started_at: at(h),
          finished_at: at(h).replace(':00:00', ':10:00'),
          ...extra,
        });
      // Posted out of order: links come from the timeline, not from arrival.
      await ok('v3', 3);
      await ok('v1', 1);
      await ok('v2', 2);
      await deploy(t, ci, {
        ...stream,
        version: 'v4',
        status: 'failure',
        started_at: at(4),
        finished_at: at(4).replace(':00:00', ':02:00'),
      });
      await ok('v2.1', 5, { rollback_of: 'v3' });
      const list = (await deploymentsOf(t, team.team.id)).filter((d) => d.service === 'ledger');
      const byVersion = Object.fromEntries(list.map((d) => [d.version, d]));
      expect(byVersion.v1).toMatchObject({ previousDeployment: null, isRollback: false });
      expect(byVersion.v2).toMatchObject({
        previousDeployment: { version: 'v1' },
        isRollback: false,
      });
      expect(byVersion.v3).toMatchObject({
        previousDeployment: { version: 'v2' },
        isRollback: false,
      });
      expect(byVersion.v4).toMatchObject({
        previousDeployment: { version: 'v3' },
        status: 'FAILURE',
      });
      expect(byVersion['v2.1']).toMatchObject({ isRollback: true, rollbackOf: { version: 'v3' } });
      // v2 again after v2.1: an earlier successful version, so it undoes v2.1.
      await ok('v2', 6);
      const again = (await deploymentsOf(t, team.team.id)).find(
        (d) => d.service === 'ledger' && d.startedAt === '2026-04-01T06:00:00.000Z',
      );
      expect(again).toMatchObject({
        isRollback: true,
        rollbackOf: { version: 'v2.1' },
        previousDeployment: { version: 'v2.1' },
      });
    });

    it('answers malformed bodies with 400 naming the field, and writes no deployment', async () => {
      const good = {
        service: 'api',
        environment: 'production',
        version: 'v1',
        status: 'success',
        started_at: '2026-05-01T10:00:00Z',
        finished_at: '2026-05-01T10:05:00Z',
      };
      const cases: [unknown, string][] = [
        [[], ''],
        ['"text"', ''],
        [{ ...good, status: undefined }, 'status'],
        [{ ...good, status: 'done' }, 'status'],
        [{ ...good, status: 1 }, 'status'],
        [{ ...good, environment: undefined }, 'environment'],
        [{ ...good, environment: '  ' }, 'environment'],
        [{ ...good, environment: 'x'.repeat(201) }, 'environment'],
        [{ ...good, version: undefined }, 'version'],
        [{ ...good, version: 42 }, 'version'],
        [{ ...good, service: undefined }, 'service'],
        [{ ...good, service: ['api'] }, 'service'],
        [{ ...good, commit: 'not-a-sha' }, 'commit'],
        [{ ...good, started_at: 'yesterday' }, 'started_at'],
        [{ ...good, started_at: undefined }, 'started_at'],
        [{ ...good, finished_at: '2026-02-30T10:00:00Z' }, 'finished_at'],
        [{ ...good, finished_at: '2026-05-01T09:00:00Z' }, 'finished_at'],
        [{ ...good, status: 'in_progress' }, 'finished_at'],
        [{ ...good, url: 'ftp://example.com/x' }, 'url'],
        [{ ...good, url: 7 }, 'url'],
        [{ ...good, commits: {} }, 'commits'],
        [{ ...good, commits: [{}] }, 'commits[0].sha'],
        [{ ...good, commits: [{ sha: 'zz' }] }, 'commits[0].sha'],
        [
          { ...good, commits: [{ sha: 'a'.repeat(40), authored_at: 'soon' }] },
          'commits[0].authored_at',
        ],
        [{ ...good, commits: [{ sha: 'a'.repeat(40), message: 5 }] }, 'commits[0].message'],
        [
          { ...good, commits: Array.from({ length: 1001 }, () => ({ sha: 'a'.repeat(40) })) },
          'commits',
        ],
        [{ ...good, rollback_of: {} }, 'rollback_of'],
        [{ ...good, id: '' }, 'id'],
        [{ ...good, version: 'v\u0000' }, 'version'],
      ];
      const before = await t.prisma.deployment.count({ where: { integrationId: ci.id } });
      for (const [body, path] of cases) {
        const res = await postDeployment(t, ci, body);
        expect({ path, status: res.status, field: res.body.path }).toEqual({
          path,
          status: 400,
          field: path,
        });
        expect(res.body.message).toEqual(expect.stringContaining(path === '' ? 'body' : path));
      }
      expect(await t.prisma.deployment.count({ where: { integrationId: ci.id } })).toBe(before);
      // Each is kept as REJECTED, for diagnosis.
      expect(
        await t.prisma.webhookDelivery.count({
          where: { integrationId: ci.id, outcome: 'REJECTED' },
        }),
      ).toBe(cases.length);
    });
  });

  async function historyOf(
    taskId: string,
  ): Promise<{ kind: string; note: string | null; at: string }[]> {
    const data = await t.ok<{
      task: { history: { kind: string; note: string | null; at: string }[] };
    }>(`query ($id: ID!) { task(id: $id) { history { kind note at } } }`, { id: taskId });
    return data.task.history;
  }
});

async function postSignature(body: string): Promise<string> {
  const { sign } = await import('@octokit/webhooks-methods');
  const { GITHUB_SECRET } = await import('../helpers/deployment-factories');
  return sign(GITHUB_SECRET, body);
}
