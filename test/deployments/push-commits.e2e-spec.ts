/**
 * Push events (GitHub's published example, signed with @octokit/webhooks-methods, and GitLab's
 * documented Push Hook) and the commits of deployments that name only a sha, worked out by
 * walking the pushes back to the previous deployment: in order, out of order, in parallel,
 * replayed; task links from inferred commits; payload commits left alone; lead time.
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
  githubPush,
  githubStatus,
  gitlabFixture,
  postGithub,
  postGitlab,
  sha,
  type PushCommit,
} from '../helpers/deployment-factories';
import { createTask } from '../helpers/factories';
import { snapshotTeam } from '../helpers/team-snapshot';
import { startTestApp, TestApp } from '../helpers/test-app';

const ZERO = '0'.repeat(40);

/** Commit n of a history: sha(n), authored n hours after midnight on 1 February 2030. */
const commit = (n: number, message?: string): PushCommit => ({
  sha: sha(n),
  message: message ?? `change ${n}`,
  at: new Date(Date.UTC(2030, 1, 1) + n * 3_600_000).toISOString(),
});
const range = (from: number, to: number): PushCommit[] =>
  Array.from({ length: to - from + 1 }, (_, i) => commit(from + i));

describe('deployment commits from pushes', () => {
  let t: TestApp;
  let setup: AlertTeam;
  let github: IntegrationRef;

  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOK_AUTH_FAILURES_PER_MINUTE: '1000' } });
    setup = await alertTeam(t, { sprint: false });
    github = await createGithubIntegration(t, setup.team.id);
  });

  afterAll(async () => {
    await t.close();
  });

  /** Posts a push and expects it stored (200, created). */
  async function pushed(integration: IntegrationRef, body: Record<string, unknown>) {
    const res = await postGithub(t, integration.id, 'push', body);
    expect(res.status).toBe(200);
    return res.body as { pushId: string; created: number; ignored: number; deliveryId: string };
  }

  /** A successful GitHub deployment of `sha` to an environment, finished at `at`. */
  async function deployed(
    integration: IntegrationRef,
    id: number,
    repository: string,
    commitSha: string,
    at: string,
    environment = 'production',
  ): Promise<string> {
    const res = await postGithub(
      t,
      integration.id,
      'deployment_status',
      githubStatus(id, 'success', at, { repository, sha: commitSha, environment }),
    );
    expect(res.status).toBe(200);
    return res.body.deploymentId as string;
  }

  async function commitsOf(deploymentId: string) {
    const data = await t.ok<{
      deployment: {
        commitsSource: string | null;
        repository: string | null;
        commits: { sha: string; message: string | null; authoredAt: string | null }[];
        tasks: { key: string }[];
      };
    }>(
      `query ($id: ID!) { deployment(id: $id) { commitsSource repository
        commits { sha message authoredAt } tasks { key } } }`,
      { id: deploymentId },
    );
    return data.deployment;
  }

  const shasOf = async (deploymentId: string): Promise<string[]> =>
    (await commitsOf(deploymentId)).commits.map((c) => c.sha).sort();
  const shas = (from: number, to: number): string[] =>
    range(from, to)
      .map((c) => c.sha)
      .sort();

  describe('a chain of pushes, then deployments', () => {
    const repo = 'acme/shop';
    let key: string;
    let taskId: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const task = await createTask(t, setup.team.id, { title: 'Faster checkout' });
      key = task.key;
      taskId = task.id;
      // main: created with 1–2, then 3–4 (4 names the task), then 5–6; a forced push 7–8 on
      // top of 6; a feature branch created at 4 (before all zeros, after 4) must not end the walk.
      await pushed(github, githubPush(repo, ZERO, range(1, 2)));
      await pushed(
        github,
        githubPush(repo, sha(2), [commit(3), commit(4, `${key}: one-page checkout`)]),
      );
      await pushed(
        github,
        githubPush(repo, ZERO, [], { ref: 'refs/heads/feature', after: sha(4) }),
      );
      await pushed(github, githubPush(repo, sha(4), range(5, 6)));
      await pushed(github, githubPush(repo, sha(6), range(7, 8), { forced: true }));
      ids.first = await deployed(github, 5001, repo, sha(4), '2030-02-02T10:00:00Z');
      ids.second = await deployed(github, 5002, repo, sha(6), '2030-02-03T10:00:00Z');
      ids.inside = await deployed(github, 5003, repo, sha(5), '2030-02-03T11:00:00Z', 'staging');
      ids.forced = await deployed(github, 5004, repo, sha(8), '2030-02-03T12:00:00Z', 'canary');
    });

    it("walks the first deployment back to the chain's start", async () => {
      const first = await commitsOf(ids.first!);
      expect(first).toMatchObject({ commitsSource: 'PUSHES', repository: repo });
      expect(first.commits.map((c) => c.sha).sort()).toEqual(shas(1, 4));
      expect(first.commits).toContainEqual({
        sha: sha(4),
        message: `${key}: one-page checkout`,
        authoredAt: '2030-02-01T04:00:00.000Z',
      });
      const row = await t.prisma.deployment.findUniqueOrThrow({ where: { id: ids.first } });
      expect(row.firstCommitAt).toEqual(new Date('2030-02-01T01:00:00Z'));
    });

    it('gives the second deployment only the commits since the first', async () => {
      expect(await shasOf(ids.second!)).toEqual(shas(5, 6));
    });

    it('takes a push up to a sha inside it', async () => {
      expect(await shasOf(ids.inside!)).toEqual(shas(1, 5));
    });

    it('stops after an earlier deployment whose sha is inside a push', async () => {
      const next = await deployed(github, 5005, repo, sha(6), '2030-02-03T13:00:00Z', 'staging');
      expect(await shasOf(next)).toEqual([sha(6)]);
    });

    it('stops at a forced push', async () => {
      expect(await shasOf(ids.forced!)).toEqual(shas(7, 8));
    });

    it('links the task an inferred commit names, and its history says deployed', async () => {
      expect((await commitsOf(ids.first!)).tasks).toEqual([{ key }]);
      const data = await t.ok<{ task: { history: { kind: string; note: string | null }[] } }>(
        `query ($id: ID!) { task(id: $id) { history { kind note } } }`,
        { id: taskId },
      );
      // Linked to the first production deployment, and to staging's, whose walk passes 4 too.
      expect(data.task.history.filter((e) => e.kind === 'DEPLOYED').map((e) => e.note)).toEqual(
        expect.arrayContaining([
          'deployed to production in c00000000000',
          'deployed to staging in c00000000000',
        ]),
      );
    });

    it('feeds lead time for changes in the delivery report', async () => {
      const data = await t.ok<{
        deliveryReport: { summary: { leadTime: { count: number; p50Minutes: number | null } } };
      }>(
        `query ($t: ID!) { deliveryReport(teamId: $t, from: "2030-02-01", to: "2030-02-05", service: "shop") {
          summary { leadTime { count p50Minutes } } } }`,
        { t: setup.team.id },
      );
      // First: 1 Feb 01:00 → 2 Feb 10:00 = 1,980 min; second: 1 Feb 05:00 → 3 Feb 10:00 = 3,180.
      expect(data.deliveryReport.summary.leadTime).toEqual({ count: 2, p50Minutes: 2580 });
    });

    it('changes nothing when a push is delivered again', async () => {
      const body = githubPush(repo, sha(4), range(5, 6));
      const before = await commitState();
      const again = await pushed(github, body);
      expect(again).toMatchObject({ created: 0, ignored: 1 });
      const replay = await t.ok<{ replayWebhookDelivery: { outcome: string } }>(
        `mutation ($id: ID!) { replayWebhookDelivery(id: $id) { outcome } }`,
        { id: again.deliveryId },
      );
      expect(replay.replayWebhookDelivery.outcome).toBe('PROCESSED');
      expect(await commitState()).toEqual(before);
    });
  });

  it('fills in the commits when the push arrives after the deployment', async () => {
    const repo = 'acme/late';
    const task = await createTask(t, setup.team.id, { title: 'Late push' });
    const id = await deployed(github, 6001, repo, sha(12), '2030-02-04T10:00:00Z');
    expect(await commitsOf(id)).toMatchObject({ commitsSource: null, commits: [] });
    await pushed(github, githubPush(repo, ZERO, range(10, 11)));
    const res = await pushed(
      github,
      githubPush(repo, sha(11), [commit(12, `${task.key} shipped late`)]),
    );
    expect(res.created).toBe(1);
    const after = await commitsOf(id);
    expect(after).toMatchObject({ commitsSource: 'PUSHES', tasks: [{ key: task.key }] });
    expect(after.commits.map((c) => c.sha).sort()).toEqual(shas(10, 12));
    const data = await t.ok<{ task: { history: { kind: string; note: string | null }[] } }>(
      `query ($id: ID!) { task(id: $id) { history { kind note } } }`,
      { id: task.id },
    );
    expect(data.task.history.filter((e) => e.kind === 'DEPLOYED')).toHaveLength(1);
  });

  it('trims a later deployment when an earlier one arrives after it', async () => {
    const repo = 'acme/trim';
    await pushed(github, githubPush(repo, ZERO, range(20, 22)));
    await pushed(github, githubPush(repo, sha(22), range(23, 24)));
    const later = await deployed(github, 6101, repo, sha(24), '2030-02-05T10:00:00Z');
    expect(await shasOf(later)).toEqual(shas(20, 24));
    await deployed(github, 6102, repo, sha(22), '2030-02-05T09:00:00Z');
    expect(await shasOf(later)).toEqual(shas(23, 24));
  });

  it('keeps the newest 1,000 commits of a long walk', async () => {
    const repo = 'acme/long';
    const many = (from: number, n: number): PushCommit[] =>
      Array.from({ length: n }, (_, i) => ({
        sha: `e${(from + i).toString(16).padStart(39, '0')}`,
        at: new Date(Date.UTC(2030, 2, 1) + (from + i) * 60_000).toISOString(),
      }));
    const older = many(0, 600);
    const newer = many(600, 600);
    await pushed(github, githubPush(repo, ZERO, older));
    await pushed(github, githubPush(repo, older.at(-1)!.sha, newer));
    const id = await deployed(github, 6201, repo, newer.at(-1)!.sha, '2030-03-02T10:00:00Z');
    const row = await t.prisma.deployment.findUniqueOrThrow({
      where: { id },
      include: { _count: { select: { commits: true } } },
    });
    expect(row._count.commits).toBe(1000);
    // The 200 oldest are left out: the first commit kept is the 201st, minute 200.
    expect(row.firstCommitAt).toEqual(new Date(Date.UTC(2030, 2, 1) + 200 * 60_000));
  });

  describe('parallel and in-order deliveries', () => {
    /** Pushes of one history, then two deployments; delivered in the given order, or all at once. */
    async function scenario(repo: string, order: 'in order' | 'reversed' | 'parallel') {
      const team = await alertTeam(t, { sprint: false });
      const deployments = await createGithubIntegration(t, team.team.id, { name: 'deploys' });
      // Pushes through a second hook (an organization's): another queue, its own transactions.
      const hook = await createGithubIntegration(t, team.team.id, { name: 'pushes' });
      const task = await createTask(t, team.team.id, { title: 'Parallel' });
      const posts: (() => Promise<unknown>)[] = [
        () => pushed(hook, githubPush(repo, ZERO, range(30, 31))),
        () => pushed(hook, githubPush(repo, sha(31), range(32, 33))),
        () => pushed(hook, githubPush(repo, sha(33), [commit(34, `${task.key} fix`), commit(35)])),
        () => deployed(deployments, 7001, repo, sha(33), '2030-02-06T10:00:00Z'),
        () => deployed(deployments, 7002, repo, sha(35), '2030-02-06T11:00:00Z'),
      ];
      if (order === 'parallel') await Promise.all(posts.map((post) => post()));
      else for (const post of order === 'in order' ? posts : [...posts].reverse()) await post();
      const rows = await t.prisma.deployment.findMany({
        where: { teamId: team.team.id },
        orderBy: { externalId: 'asc' },
        include: { commits: { orderBy: { sha: 'asc' } }, tasks: true },
      });
      const history = await t.prisma.taskEvent.count({
        where: { taskId: task.id, kind: 'DEPLOYED' },
      });
      return {
        history,
        deployments: rows.map((d) => ({
          externalId: d.externalId,
          commitsSource: d.commitsSource,
          firstCommitAt: d.firstCommitAt,
          // Each scenario is its own team, with its own task key.
          commits: d.commits.map((c) => [c.sha, c.message?.replace(task.key, 'KEY'), c.authoredAt]),
          tasks: d.tasks.length,
        })),
      };
    }

    it('ends in the same state whatever the order', async () => {
      const inOrder = await scenario('acme/orders', 'in order');
      expect(inOrder.deployments.map((d) => d.commits.length)).toEqual([4, 2]);
      // The task is named in the second's range: links are kept when a range shrinks, so a key
      // in the first's could also stay linked to the second had it, for a while, walked past it.
      expect(inOrder).toMatchObject({ history: 1, deployments: [{ tasks: 0 }, { tasks: 1 }] });
      expect(await scenario('acme/orders', 'reversed')).toEqual(inOrder);
      for (let round = 0; round < 3; round++)
        expect(await scenario('acme/orders', 'parallel')).toEqual(inOrder);
    });
  });

  it('never replaces commits a payload listed', async () => {
    const repo = 'acme/listed';
    const ci = await createIntegration(t, setup.team.id, {
      kind: 'GENERIC_DEPLOYMENT',
      name: 'CI listed',
    });
    await pushed(github, githubPush(repo, ZERO, range(40, 41)));
    const listed = [{ sha: sha(41), message: 'as listed', authored_at: '2030-02-07T00:00:00Z' }];
    const base = {
      service: 'listed',
      environment: 'production',
      version: 'v1',
      status: 'success',
      commit: sha(42),
      repository: repo,
      started_at: '2030-02-07T10:00:00Z',
      finished_at: '2030-02-07T10:05:00Z',
    };
    const withCommits = await deploy(t, ci, { ...base, id: 'listed-1', commits: listed });
    const without = await deploy(t, ci, { ...base, id: 'listed-2', service: 'inferred' });
    await pushed(github, githubPush(repo, sha(41), [commit(42)]));
    expect(await commitsOf(withCommits.deploymentId as string)).toMatchObject({
      commitsSource: 'PAYLOAD',
      repository: repo,
      commits: [{ sha: sha(41), message: 'as listed' }],
    });
    // The generic format's repository, without commits: worked out like GitHub's.
    expect(await commitsOf(without.deploymentId as string)).toMatchObject({
      commitsSource: 'PUSHES',
    });
    expect(await shasOf(without.deploymentId as string)).toEqual(shas(40, 42));
  });

  it("records GitLab's documented Push Hook and gives a GitLab deployment its commits", async () => {
    const gitlab = await createIntegration(t, setup.team.id, { kind: 'GITLAB', name: 'GitLab' });
    const push = gitlabFixture('gitlab-push');
    const res = await postGitlab(t, gitlab, push);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 1, created: 1 });
    const stored = await t.prisma.forgePush.findUniqueOrThrow({
      where: { id: res.body.pushId },
      include: { commits: { orderBy: { position: 'asc' } } },
    });
    expect(stored).toMatchObject({
      repository: 'mike/diaspora',
      ref: 'refs/heads/master',
      beforeSha: '95790bf891e76fee5e1747ab589903a6a1f80f22',
      afterSha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
      forced: false,
      commits: [
        expect.objectContaining({
          position: 0,
          sha: 'b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327',
          authoredAt: new Date('2011-12-12T12:27:31Z'),
        }),
        expect.objectContaining({ position: 1, sha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7' }),
      ],
    });
    const deployment = gitlabFixture();
    deployment.deployment_id = 4001;
    deployment.project.path_with_namespace = 'mike/diaspora';
    deployment.commit_url =
      'http://example.com/mike/diaspora/-/commit/da1560886d4f094c3e6c9ef40349f7d38b5d27d7';
    deployment.commit_title = 'fixed readme';
    const answer = await postGitlab(t, gitlab, deployment);
    expect(answer.status).toBe(200);
    const found = await commitsOf(answer.body.deploymentId as string);
    expect(found).toMatchObject({ commitsSource: 'PUSHES', repository: 'mike/diaspora' });
    // The push's before (95790bf…) was never seen: the walk ends there.
    expect(found.commits.map((c) => c.sha).sort()).toEqual([
      'b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327',
      'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
    ]);
    // A deleted branch stores nothing.
    const deleted = await postGitlab(t, gitlab, {
      ...push,
      before: push.after,
      after: ZERO,
      commits: [],
    });
    expect(deleted.status).toBe(202);
    expect(await t.prisma.forgePush.count({ where: { integrationId: gitlab.id } })).toBe(1);
  });

  it('stores nothing for a deleted branch or a tag, answering 202', async () => {
    const before = await t.prisma.forgePush.count();
    const deleted = await postGithub(t, github.id, 'push', {
      ...githubPush('acme/gone', sha(50), [], { after: ZERO }),
      deleted: true,
    });
    const tag = await postGithub(
      t,
      github.id,
      'push',
      githubPush('acme/gone', ZERO, [], { after: sha(50), ref: 'refs/tags/v1' }),
    );
    expect([deleted.status, tag.status]).toEqual([202, 202]);
    expect([deleted.body.ignoredEvent, tag.body.ignoredEvent]).toEqual([
      'push.deleted',
      'push.tag',
    ]);
    expect(await t.prisma.forgePush.count()).toBe(before);
  });

  it('answers malformed pushes with 400 naming the field, and writes nothing', async () => {
    const good = githubPush('acme/bad', ZERO, range(60, 61));
    const commitOf = (patch: Record<string, unknown>) => ({
      ...good,
      commits: [{ ...(good.commits as object[])[0], ...patch }],
    });
    const github400: [unknown, string][] = [
      [{ ...good, ref: undefined }, 'ref'],
      [{ ...good, ref: 7 }, 'ref'],
      [{ ...good, before: 'abc' }, 'before'],
      [{ ...good, after: undefined }, 'after'],
      [{ ...good, after: 'z'.repeat(40) }, 'after'],
      [{ ...good, forced: 'yes' }, 'forced'],
      [{ ...good, deleted: 1 }, 'deleted'],
      [{ ...good, repository: 'acme/bad' }, 'repository'],
      [{ ...good, repository: { ...good.repository, full_name: '' } }, 'repository.full_name'],
      [{ ...good, repository: { ...good.repository, pushed_at: -1 } }, 'repository.pushed_at'],
      [{ ...good, commits: undefined }, 'commits'],
      [{ ...good, commits: {} }, 'commits'],
      [{ ...good, commits: Array.from({ length: 2049 }, () => ({})) }, 'commits'],
      [{ ...good, commits: ['x'] }, 'commits[0]'],
      [commitOf({ id: undefined }), 'commits[0].id'],
      [commitOf({ id: sha(1).slice(0, 12) }), 'commits[0].id'],
      [commitOf({ message: ['x'] }), 'commits[0].message'],
      [commitOf({ timestamp: 'yesterday' }), 'commits[0].timestamp'],
      [commitOf({ message: 'nul \u0000' }), 'commits[0].message'],
    ];
    const gitlab = await createIntegration(t, setup.team.id, { kind: 'GITLAB', name: 'GitLab 2' });
    const push = gitlabFixture('gitlab-push');
    const gitlab400: [Record<string, unknown>, string][] = [
      [{ ...push, before: null }, 'before'],
      [{ ...push, after: 42 }, 'after'],
      [{ ...push, ref: '' }, 'ref'],
      [{ ...push, project: undefined }, 'project'],
      [
        { ...push, project: { ...push.project, path_with_namespace: undefined } },
        'project.path_with_namespace',
      ],
      [{ ...push, commits: [{ id: 'nope' }] }, 'commits[0].id'],
      [{ ...push, total_commits_count: 'four' }, 'total_commits_count'],
    ];
    const before = await snapshotTeam(t, setup.team.id).then(withoutDeliveries);
    const answers = [
      ...(await Promise.all(
        github400.map(([body]) => postGithub(t, github.id, 'push', body as object)),
      )),
      ...(await Promise.all(gitlab400.map(([body]) => postGitlab(t, gitlab, body)))),
    ];
    const expected = [...github400, ...gitlab400].map(([, path]) => ({ status: 400, path }));
    expect(answers.map((r) => ({ status: r.status, path: r.body.path }))).toEqual(expected);
    for (const [i, r] of answers.entries())
      expect(r.body.message).toEqual(expect.stringContaining(expected[i]!.path));
    const after = await snapshotTeam(t, setup.team.id).then(withoutDeliveries);
    // Nothing but the new integration and the deliveries kept as REJECTED.
    expect({ ...after, integrations: null }).toEqual({ ...before, integrations: null });
    expect(
      await t.prisma.webhookDelivery.count({
        where: { integrationId: { in: [github.id, gitlab.id] }, outcome: 'REJECTED' },
      }),
    ).toBe(answers.length);
  });

  /** The rows inference writes: pushes, deployments, their commits and task links, task history. */
  async function commitState(): Promise<unknown> {
    const snapshot = (await snapshotTeam(t, setup.team.id)) as Record<string, unknown[]>;
    const deployments = (snapshot.deployments as Record<string, unknown>[]).map(
      ({ updatedAt: _updatedAt, ...rest }) => rest,
    );
    return {
      pushes: snapshot.pushes,
      pushCommits: snapshot.pushCommits,
      deployments,
      deploymentCommits: snapshot.deploymentCommits,
      deploymentTasks: snapshot.deploymentTasks,
      taskEvents: snapshot.taskEvents,
    };
  }
});

function withoutDeliveries(snapshot: unknown): Record<string, unknown> {
  const { deliveries: _deliveries, ...rest } = snapshot as Record<string, unknown>;
  return rest;
}
