import { PayloadError } from '../../alerts/parsers/normalized-alert';
import {
  parseDeploymentPayload,
  serviceOf,
  type DeploymentEvent,
  type NormalizedDeployment,
  type NormalizedPush,
} from '.';

const NOW = new Date('2026-05-01T12:00:00Z');

function deploymentOf(event: DeploymentEvent): NormalizedDeployment {
  if (event.type !== 'deployment') throw new Error(`not a deployment: ${JSON.stringify(event)}`);
  return event.deployment;
}

function pushOf(event: DeploymentEvent): NormalizedPush {
  if (event.type !== 'push') throw new Error(`not a push: ${JSON.stringify(event)}`);
  return event.push;
}

function pathOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof PayloadError) return error.path;
    throw error;
  }
  throw new Error('no PayloadError');
}

const github = (body: unknown, event = 'deployment_status') =>
  parseDeploymentPayload('GITHUB', { body, headers: { 'x-github-event': event }, now: NOW });

function githubBody(state: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    action: 'created',
    deployment_status: {
      id: 2,
      state,
      created_at: '2026-05-01T10:05:00Z',
      environment: 'production',
      target_url: 'https://ci.example.com/1',
    },
    deployment: {
      id: 1,
      sha: 'F95F852BD8FCA8FCC58A9A2D6C842781E32A215E',
      ref: 'v1.4.2',
      environment: 'production',
      created_at: '2026-05-01T10:00:00Z',
      payload: {},
      description: 'Deploy SRE-9',
      ...extra,
    },
    repository: { name: 'checkout' },
  };
}

describe('GitHub deployment_status', () => {
  it('maps a success to a finished deployment of the repository, version from a tag ref', () => {
    const d = deploymentOf(github(githubBody('success')));
    expect(d).toMatchObject({
      externalId: '1',
      service: null,
      defaultService: 'checkout',
      environment: 'production',
      version: 'v1.4.2',
      commitSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
      status: 'SUCCESS',
      startedAt: new Date('2026-05-01T10:00:00Z'),
      finishedAt: new Date('2026-05-01T10:05:00Z'),
      url: 'https://ci.example.com/1',
      references: ['v1.4.2', 'Deploy SRE-9'],
    });
  });

  it('takes service, version and rollback_of from the deployment payload; a branch ref is not a version', () => {
    const d = deploymentOf(
      github(
        githubBody('in_progress', { ref: 'main', payload: { service: 'api', rollback_of: 'v9' } }),
      ),
    );
    expect(d).toMatchObject({
      service: 'api',
      version: 'f95f852bd8fc',
      rollbackOf: 'v9',
      finishedAt: null,
      status: 'IN_PROGRESS',
    });
    expect(
      deploymentOf(github(githubBody('queued', { payload: { version: '2026.05.1' } }))).version,
    ).toBe('2026.05.1');
  });

  it('maps error to FAILURE, ignores inactive, ping and other events', () => {
    expect(deploymentOf(github(githubBody('error'))).status).toBe('FAILURE');
    expect(github(githubBody('inactive'))).toMatchObject({
      type: 'ignored',
      event: 'deployment_status.inactive',
    });
    expect(github({ zen: 'Keep it logically awesome.' }, 'ping')).toEqual({ type: 'ping' });
    expect(github({}, 'star')).toMatchObject({ type: 'ignored', event: 'star' });
  });

  it('names the field of a bad body, and the missing event header', () => {
    expect(pathOf(() => github(githubBody('done')))).toBe('deployment_status.state');
    expect(pathOf(() => github({ ...githubBody('success'), deployment: undefined }))).toBe(
      'deployment',
    );
    expect(pathOf(() => github(githubBody('success', { sha: 'xyz' })))).toBe('deployment.sha');
    expect(pathOf(() => github(githubBody('success', { created_at: 'yesterday' })))).toBe(
      'deployment.created_at',
    );
    expect(
      pathOf(() => parseDeploymentPayload('GITHUB', { body: {}, headers: {}, now: NOW })),
    ).toBe('X-GitHub-Event');
  });
});

const gitlab = (body: unknown) =>
  parseDeploymentPayload('GITLAB', {
    body,
    headers: { 'x-gitlab-event': 'Deployment Hook' },
    now: NOW,
  });

const gitlabBody = (extra: Record<string, unknown> = {}) => ({
  object_kind: 'deployment',
  status: 'success',
  status_changed_at: '2021-04-28 21:50:00 +0200',
  deployment_id: 15,
  deployable_id: 796,
  deployable_url: 'http://gitlab.example.com/root/app/-/jobs/796',
  environment: 'staging',
  project: { name: 'app', path_with_namespace: 'root/app' },
  short_sha: '279484c0',
  commit_url:
    'http://gitlab.example.com/root/app/-/commit/279484c09fbe69ededfced8c1bb6e6d24616b468',
  commit_title: 'SRE-3 Add new file',
  ref: '1.0.0',
  ...extra,
});

describe('GitLab Deployment events', () => {
  it('reads the documented event: time with offset, full sha from the commit URL, tag as version', () => {
    expect(deploymentOf(gitlab(gitlabBody()))).toMatchObject({
      externalId: '15',
      defaultService: 'root/app',
      environment: 'staging',
      version: '1.0.0',
      commitSha: '279484c09fbe69ededfced8c1bb6e6d24616b468',
      status: 'SUCCESS',
      statusAt: new Date('2021-04-28T19:50:00Z'),
      finishedAt: new Date('2021-04-28T19:50:00Z'),
      commits: [
        {
          sha: '279484c09fbe69ededfced8c1bb6e6d24616b468',
          message: 'SRE-3 Add new file',
          authoredAt: null,
        },
      ],
    });
  });

  it('falls back to the job id without deployment_id, UTC times, and running as in progress', () => {
    const d = deploymentOf(
      gitlab(
        gitlabBody({
          deployment_id: undefined,
          status: 'running',
          status_changed_at: '2021-04-28 19:45:00 UTC',
          ref: 'main',
        }),
      ),
    );
    expect(d).toMatchObject({
      externalId: 'job-796',
      status: 'IN_PROGRESS',
      statusAt: new Date('2021-04-28T19:45:00Z'),
      version: '279484c09fbe',
    });
  });

  it('ignores other object kinds and names bad fields', () => {
    expect(gitlab({ object_kind: 'tag_push' })).toMatchObject({
      type: 'ignored',
      event: 'Deployment Hook',
    });
    expect(pathOf(() => gitlab(gitlabBody({ status: 'skipped' })))).toBe('status');
    expect(pathOf(() => gitlab(gitlabBody({ status_changed_at: '28/04/2021' })))).toBe(
      'status_changed_at',
    );
    expect(pathOf(() => gitlab(gitlabBody({ environment: '' })))).toBe('environment');
  });
});

const generic = (body: unknown) =>
  parseDeploymentPayload('GENERIC_DEPLOYMENT', { body, headers: {}, now: NOW });

describe('generic deployments', () => {
  it('identifies a deployment without id by service, environment, version and start', () => {
    const body = {
      service: 'api',
      environment: 'production',
      version: 'v1',
      status: 'in_progress',
      started_at: '2026-05-01T10:00:00Z',
    };
    const a = deploymentOf(generic(body));
    const b = deploymentOf(
      generic({ ...body, status: 'success', finished_at: '2026-05-01T10:04:00Z' }),
    );
    expect(a.externalId).toBe(b.externalId);
    expect(b).toMatchObject({
      statusAt: new Date('2026-05-01T10:04:00Z'),
      finishedAt: new Date('2026-05-01T10:04:00Z'),
    });
  });

  it('dates a finish it was not told of at receipt, and keeps each commit once', () => {
    const d = deploymentOf(
      generic({
        id: 'run-1',
        service: 'api',
        environment: 'production',
        version: 'v1',
        status: 'failure',
        commits: [{ sha: 'A'.repeat(40) }, { sha: 'a'.repeat(40), message: 'again' }],
      }),
    );
    expect(d).toMatchObject({
      finishedAt: NOW,
      startedAt: NOW,
      commits: [{ sha: 'a'.repeat(40), message: null }],
    });
  });
});

describe('serviceOf', () => {
  const base = deploymentOf(generic({ id: 'x', environment: 'e', version: 'v', status: 'queued' }));

  it("prefers the payload's service, then the integration's, then the repository's", () => {
    expect(serviceOf({ ...base, service: 'a', defaultService: 'c' }, 'b')).toBe('a');
    expect(serviceOf({ ...base, service: null, defaultService: 'c' }, 'b')).toBe('b');
    expect(serviceOf({ ...base, service: null, defaultService: 'c' }, null)).toBe('c');
  });

  it('requires one', () => {
    expect(pathOf(() => serviceOf({ ...base, service: null, defaultService: null }, null))).toBe(
      'service',
    );
  });
});

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const ZERO = '0'.repeat(40);

function githubPushBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ref: 'refs/heads/main',
    before: A,
    after: C,
    created: false,
    deleted: false,
    forced: false,
    repository: { name: 'checkout', full_name: 'acme/checkout', pushed_at: 1_777_636_800 },
    commits: [
      { id: B.toUpperCase(), message: 'SRE-1: retries', timestamp: '2026-05-01T09:00:00+02:00' },
      { id: C, message: 'SRE-2: timeouts', timestamp: '2026-05-01T09:30:00Z' },
    ],
    ...extra,
  };
}

describe('GitHub push', () => {
  it('reads a push to a branch: shas, forced, the push time, commits oldest first', () => {
    expect(pushOf(github(githubPushBody({ forced: true }), 'push'))).toEqual({
      repository: 'acme/checkout',
      ref: 'refs/heads/main',
      beforeSha: A,
      afterSha: C,
      forced: true,
      pushedAt: new Date('2026-05-01T12:00:00Z'),
      commits: [
        { sha: B, message: 'SRE-1: retries', authoredAt: new Date('2026-05-01T07:00:00Z') },
        { sha: C, message: 'SRE-2: timeouts', authoredAt: new Date('2026-05-01T09:30:00Z') },
      ],
    });
  });

  it('dates a push without pushed_at at receipt, and turns a newest-first list around', () => {
    const body = githubPushBody({ repository: { full_name: 'acme/checkout' } });
    body.commits = [...(body.commits as unknown[])].reverse();
    const push = pushOf(github(body, 'push'));
    expect(push.pushedAt).toEqual(NOW);
    expect(push.commits.map((c) => c.sha)).toEqual([B, C]);
  });

  it('ignores a deleted branch and a tag', () => {
    expect(
      github(githubPushBody({ after: ZERO, deleted: true, commits: [] }), 'push'),
    ).toMatchObject({ type: 'ignored', event: 'push.deleted' });
    expect(github(githubPushBody({ ref: 'refs/tags/v1', commits: [] }), 'push')).toMatchObject({
      type: 'ignored',
      event: 'push.tag',
    });
  });

  it('keeps the newest MAX_COMMITS of a long push', () => {
    const commits = Array.from({ length: 1500 }, (_, i) => ({
      id: i.toString(16).padStart(40, '0'),
      message: `commit ${i}`,
    }));
    const push = pushOf(github(githubPushBody({ commits, after: commits.at(-1)!.id }), 'push'));
    expect(push.commits).toHaveLength(1000);
    expect(push.commits[0]?.message).toBe('commit 500');
  });

  it('names the field of a bad push', () => {
    const bad = (extra: Record<string, unknown>) =>
      pathOf(() => github(githubPushBody(extra), 'push'));
    expect(bad({ before: 'abc' })).toBe('before');
    expect(bad({ after: 42 })).toBe('after');
    expect(bad({ ref: '' })).toBe('ref');
    expect(bad({ forced: 'no' })).toBe('forced');
    expect(bad({ repository: {} })).toBe('repository.full_name');
    expect(bad({ repository: { full_name: 'a/b', pushed_at: 1.5 } })).toBe('repository.pushed_at');
    expect(bad({ commits: null })).toBe('commits');
    expect(bad({ commits: [{ id: 'xyz' }] })).toBe('commits[0].id');
    expect(bad({ commits: [{ id: C, timestamp: 'now' }] })).toBe('commits[0].timestamp');
  });
});

describe('GitLab Push events', () => {
  const body = (extra: Record<string, unknown> = {}) => ({
    object_kind: 'push',
    before: A,
    after: C,
    ref: 'refs/heads/main',
    project: { name: 'Checkout', path_with_namespace: 'acme/checkout' },
    commits: [
      { id: B, message: 'first', timestamp: '2026-05-01T09:00:00+02:00' },
      { id: C, message: 'second', timestamp: '2026-05-01T10:00:00+02:00' },
    ],
    total_commits_count: 2,
    ...extra,
  });

  it('reads the project path, commits oldest first, never forced, dated at receipt', () => {
    expect(pushOf(gitlab(body()))).toEqual({
      repository: 'acme/checkout',
      ref: 'refs/heads/main',
      beforeSha: A,
      afterSha: C,
      forced: false,
      pushedAt: NOW,
      commits: [
        { sha: B, message: 'first', authoredAt: new Date('2026-05-01T07:00:00Z') },
        { sha: C, message: 'second', authoredAt: new Date('2026-05-01T08:00:00Z') },
      ],
    });
  });

  it('ignores a deleted branch; names bad fields', () => {
    expect(gitlab(body({ after: ZERO, commits: [] }))).toMatchObject({
      type: 'ignored',
      event: 'push.deleted',
    });
    expect(pathOf(() => gitlab(body({ project: { name: 'x' } })))).toBe(
      'project.path_with_namespace',
    );
    expect(pathOf(() => gitlab(body({ commits: 'none' })))).toBe('commits');
    expect(pathOf(() => gitlab(body({ total_commits_count: '2' })))).toBe('total_commits_count');
  });
});
