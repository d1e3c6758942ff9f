/**
 * Two app instances on one PostgreSQL receiving the events of the same deployments in parallel
 * and out of order: one row per deployment, in its newest status, each task noted once; pushes
 * and deployment statuses racing end in the commits an in-order delivery gives. The unique keys,
 * the row locks and the repository's lock decide, not the process. PostgreSQL only: the embedded database
 * belongs to one process.
 */
import type { Response } from 'supertest';
import { alertTeam, createIntegration } from '../helpers/alert-factories';
import { errorLogs } from '../helpers/alert-readers';
import {
  createGithubIntegration,
  githubPush,
  githubStatus,
  postDeployment,
  postGithub,
  sha,
} from '../helpers/deployment-factories';
import { createTask } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';
import { usingPostgres } from '../helpers/test-database';

const describeOnPostgres = usingPostgres() ? describe : describe.skip;

describeOnPostgres('deployments on two app instances', () => {
  let t: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    second = await startTestApp({ database: t.database });
  });

  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('end in one row per deployment, in the newest status, whatever order the events commit in', async () => {
    const setup = await alertTeam(t, { sprint: false });
    const task = await createTask(t, setup.team.id);
    const integration = await createIntegration(t, setup.team.id, {
      kind: 'GENERIC_DEPLOYMENT',
      name: 'CI',
    });
    const events = (n: number): Record<string, unknown>[] => {
      const base = {
        id: `run-${n}`,
        service: 'api',
        environment: 'production',
        version: `v${n}`,
        started_at: '2026-06-01T10:00:00Z',
        commits: [{ sha: `${n}`.padStart(40, 'c'), message: `${task.key} step ${n}` }],
      };
      return [
        { ...base, status: 'queued' },
        { ...base, status: 'in_progress' },
        { ...base, status: 'success', finished_at: '2026-06-01T10:07:00Z' },
      ];
    };
    const posts: [TestApp, Record<string, unknown>][] = [];
    for (let n = 1; n <= 8; n++)
      for (const body of events(n)) {
        posts.push([t, body]);
        posts.push([second, body]);
      }
    posts.sort(() => Math.random() - 0.5);
    const responses: Response[] = await Promise.all(
      posts.map(([app, body]) => postDeployment(app, integration, body)),
    );
    expect(responses.map((r) => r.status)).toEqual(posts.map(() => 200));
    const rows = await t.prisma.deployment.findMany({
      where: { integrationId: integration.id },
      orderBy: { externalId: 'asc' },
    });
    expect(rows.map((r) => [r.externalId, r.status])).toEqual(
      Array.from({ length: 8 }, (_, i) => [`run-${i + 1}`, 'SUCCESS']),
    );
    expect(responses.filter((r) => (r.body as { created: number }).created === 1)).toHaveLength(8);
    // One note per deployment on the task, however the links and the success raced.
    const notes = await t.prisma.taskEvent.findMany({
      where: { taskId: task.id, kind: 'DEPLOYED' },
    });
    expect(notes.map((e) => e.note).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `deployed to production in v${i + 1}`).sort(),
    );
    for (const app of [t, second]) expect(errorLogs(app)).toEqual([]);
  });

  it('give each deployment the commits since the previous one, however pushes and statuses race', async () => {
    const setup = await alertTeam(t, { sprint: false });
    const github = await createGithubIntegration(t, setup.team.id);
    const repo = 'acme/race';
    const COUNT = 12;
    // Push k brings commits 2k-1 and 2k; deployment k deploys 2k, an hour after deployment k-1.
    const posts: [string, Record<string, unknown>][] = [];
    for (let k = 1; k <= COUNT; k++) {
      const commits = [2 * k - 1, 2 * k].map((n) => ({ sha: sha(n) }));
      posts.push(['push', githubPush(repo, k === 1 ? '0'.repeat(40) : sha(2 * k - 2), commits)]);
      const at = new Date(Date.UTC(2026, 5, 2, 9) + k * 3_600_000).toISOString();
      posts.push([
        'deployment_status',
        githubStatus(8000 + k, 'success', at, { repository: repo, sha: sha(2 * k) }),
      ]);
    }
    const all = [...posts, ...posts].sort(() => Math.random() - 0.5);
    const responses = await Promise.all(
      all.map(([event, body], i) => postGithub(i % 2 ? t : second, github.id, event, body)),
    );
    expect(responses.map((r) => r.status)).toEqual(all.map(() => 200));
    const rows = await t.prisma.deployment.findMany({
      where: { integrationId: github.id },
      orderBy: { externalId: 'asc' },
      include: { commits: { orderBy: { sha: 'asc' } } },
    });
    expect(rows.map((r) => [r.commitsSource, r.commits.map((c) => c.sha)])).toEqual(
      Array.from({ length: COUNT }, (_, i) => ['PUSHES', [sha(2 * i + 1), sha(2 * i + 2)]]),
    );
    expect(await t.prisma.forgePush.count({ where: { teamId: setup.team.id } })).toBe(COUNT);
    for (const app of [t, second]) expect(errorLogs(app)).toEqual([]);
  });
});
