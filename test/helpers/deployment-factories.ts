/**
 * Deployment integrations and posting like GitHub (signed with @octokit/webhooks-methods), GitLab
 * (X-Gitlab-Token) and a CI job (bearer token, generic format) do.
 */
import examples from '@octokit/webhooks-examples';
import { sign } from '@octokit/webhooks-methods';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { createIntegration, type IntegrationRef } from './alert-factories';
import type { TestApp } from './test-app';

export const GITHUB_SECRET = 'github-webhook-secret-0123456789';

type Json = Record<string, any>;

/** A deep copy of one of GitHub's published example payloads of an event. */
export function githubExample(event: string, index = 0): Json {
  const found = (examples as { name: string; examples: Json[] }[]).find((e) => e.name === event);
  const example = found?.examples[index];
  if (!example) throw new Error(`No GitHub example ${event}[${index}]`);
  return structuredClone(example);
}

/** GitHub's deployment_status example, for one deployment id, at one status and time. */
export function githubStatus(
  deploymentId: number,
  state: string,
  at: string,
  overrides: {
    environment?: string;
    ref?: string;
    sha?: string;
    createdAt?: string;
    statusId?: number;
    /** owner/name: also the service, unless the deployment's payload names one. */
    repository?: string;
  } = {},
): Json {
  const body = githubExample('deployment_status', 0);
  if (overrides.repository) {
    body.repository.full_name = overrides.repository;
    body.repository.name = overrides.repository.split('/').at(-1);
  }
  body.deployment.id = deploymentId;
  body.deployment.created_at = overrides.createdAt ?? at;
  body.deployment.environment = overrides.environment ?? 'production';
  body.deployment_status.environment = overrides.environment ?? 'production';
  if (overrides.ref) body.deployment.ref = overrides.ref;
  if (overrides.sha) body.deployment.sha = overrides.sha;
  body.deployment_status.state = state;
  body.deployment_status.id = overrides.statusId ?? deploymentId * 10;
  body.deployment_status.created_at = at;
  body.deployment_status.updated_at = at;
  return body;
}

export function gitlabFixture(name = 'gitlab-deployment-success'): Json {
  return JSON.parse(
    readFileSync(join(__dirname, '..', 'fixtures', 'deployments', `${name}.json`), 'utf8'),
  ) as Json;
}

/** A 40-digit sha made of a number (c000…0001 for 1): distinct, and readable in failures. */
export function sha(n: number): string {
  return `c${n.toString(16).padStart(39, '0')}`;
}

export interface PushCommit {
  sha: string;
  message?: string;
  at?: string;
}

/**
 * GitHub's example push to a branch (refs/heads/master creating the branch), made into a push
 * of `commits` (oldest first) from `before` to their last, to one repository.
 */
export function githubPush(
  repository: string,
  before: string,
  commits: PushCommit[],
  options: { ref?: string; forced?: boolean; after?: string; pushedAt?: number } = {},
): Json {
  const body = githubExample('push', 4);
  const template = body.commits[0] as Json;
  const after = options.after ?? commits.at(-1)?.sha;
  if (after === undefined) throw new Error('A push needs commits or an after');
  body.ref = options.ref ?? 'refs/heads/main';
  body.before = before;
  body.after = after;
  body.created = /^0+$/.test(before);
  body.forced = options.forced ?? false;
  body.repository.full_name = repository;
  body.repository.name = repository.split('/').at(-1);
  body.repository.pushed_at = options.pushedAt ?? 1_900_000_000;
  body.commits = commits.map((c) => ({
    ...template,
    id: c.sha,
    tree_id: c.sha,
    message: c.message ?? `commit ${c.sha.slice(-4)}`,
    timestamp: c.at ?? '2030-02-01T09:00:00Z',
  }));
  body.head_commit = body.commits.at(-1) ?? null;
  body.compare = `https://github.com/${repository}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`;
  return body;
}

export async function createGithubIntegration(
  t: TestApp,
  teamId: string,
  input: Json = {},
): Promise<IntegrationRef> {
  return createIntegration(t, teamId, {
    kind: 'GITHUB',
    name: 'GitHub',
    hmacSecret: GITHUB_SECRET,
    ...input,
  });
}

/** Posts like GitHub: the event in X-GitHub-Event, the body signed with the secret. */
export async function postGithub(
  t: TestApp,
  integrationId: string,
  event: string,
  body: Json | string,
  options: { secret?: string | null; signature?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const secret = options.secret === undefined ? GITHUB_SECRET : options.secret;
  const headers: Record<string, string> = {
    'x-github-event': event,
    'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    ...options.headers,
  };
  if (options.signature !== undefined) headers['x-hub-signature-256'] = options.signature;
  else if (secret !== null) headers['x-hub-signature-256'] = await sign(secret, text);
  return t.anon
    .post(`/webhooks/${integrationId}`)
    .set('content-type', 'application/json')
    .set(headers)
    .send(text);
}

/** X-Gitlab-Event for each object_kind, as GitLab sends it. */
const GITLAB_EVENTS: Record<string, string> = {
  deployment: 'Deployment Hook',
  push: 'Push Hook',
  tag_push: 'Tag Push Hook',
};

export function postGitlab(
  t: TestApp,
  integration: IntegrationRef,
  body: Json,
  token: string | null = integration.token,
): Promise<Response> {
  const request = t.anon
    .post(`/webhooks/${integration.id}`)
    .set('content-type', 'application/json')
    .set('x-gitlab-event', GITLAB_EVENTS[String(body.object_kind)] ?? 'Issue Hook');
  return (token === null ? request : request.set('x-gitlab-token', token)).send(
    JSON.stringify(body),
  );
}

/** Posts a generic deployment body with the integration's bearer token. */
export function postDeployment(
  t: TestApp,
  integration: IntegrationRef,
  body: unknown,
): Promise<Response> {
  return t.anon
    .post(`/webhooks/${integration.id}`)
    .set('content-type', 'application/json')
    .set('authorization', `Bearer ${integration.token}`)
    .send(typeof body === 'string' ? body : JSON.stringify(body));
}

export async function deploy(t: TestApp, integration: IntegrationRef, body: Json): Promise<Json> {
  const res = await postDeployment(t, integration, body);
  if (res.status !== 200)
    throw new Error(`Expected 200, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as Json;
}

export const DEPLOYMENT_FIELDS = `id externalId service environment version ref commitSha repository commitsSource status statusAt startedAt finishedAt url
  isRollback previousDeployment { id version } rollbackOf { id version }
  commits { sha message authoredAt } tasks { id key }`;

export async function deploymentsOf(t: TestApp, teamId: string): Promise<Json[]> {
  const data = await t.ok<{ deployments: Json[] }>(
    `query ($teamId: ID!) { deployments(teamId: $teamId, first: 100) { ${DEPLOYMENT_FIELDS} } }`,
    { teamId },
  );
  return data.deployments;
}
