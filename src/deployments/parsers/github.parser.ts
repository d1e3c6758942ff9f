import {
  readDate,
  readOptionalDate,
  readObject,
  readOptionalObject,
  readOptionalString,
  readString,
  field,
  type JsonObject,
} from '../../alerts/parsers/payload-reader';
import { nonBlank } from '../../alerts/parsers/alert-fields';
import {
  checkSha,
  fieldError,
  headerValue,
  looksLikeVersion,
  readId,
  readName,
  readOptionalName,
  readOptionalBoolean,
  readOptionalUrl,
  readFullSha,
  readPushCommits,
} from './deployment-fields';
import {
  isNullSha,
  type DeploymentCommitInput,
  type DeploymentEvent,
  type DeploymentParseInput,
  type DeploymentStatus,
} from './normalized-deployment';

// GitHub's deployment_status webhook event (docs.github.com, "Webhook events and payloads",
// deployment_status). The event's name is in the X-GitHub-Event header, not in the body.

const STATES: Record<string, DeploymentStatus | null> = {
  pending: 'QUEUED',
  queued: 'QUEUED',
  waiting: 'QUEUED',
  in_progress: 'IN_PROGRESS',
  success: 'SUCCESS',
  failure: 'FAILURE',
  error: 'FAILURE',
  // A later deployment to the environment replaced this one: nothing about its own outcome.
  inactive: null,
};

export function parseGithubPayload(input: DeploymentParseInput): DeploymentEvent {
  const event = nonBlank(headerValue(input.headers, 'x-github-event'));
  if (event === null)
    throw fieldError('X-GitHub-Event', 'header is required (GitHub sends the event name in it)');
  const root = readObject(input.body, '');
  if (event === 'ping') return { type: 'ping' };
  if (event === 'push') return parsePush(root, input.now);
  if (event !== 'deployment_status')
    return {
      type: 'ignored',
      event,
      reason: 'only deployment_status and push events are recorded',
    };

  const status = readObject(field(root, 'deployment_status'), 'deployment_status');
  const deployment = readObject(field(root, 'deployment'), 'deployment');
  const repository = readObject(field(root, 'repository'), 'repository');
  const state = readString(status, 'state', 'deployment_status');
  if (!Object.hasOwn(STATES, state))
    throw fieldError(
      'deployment_status.state',
      `must be one of ${Object.keys(STATES).join(', ')} (got ${JSON.stringify(state.slice(0, 40))})`,
    );
  const mapped = STATES[state] ?? null;
  if (mapped === null)
    return {
      type: 'ignored',
      event: `${event}.${state}`,
      reason: 'superseded deployments are not recorded',
    };

  const externalId = readId(deployment, 'id', 'deployment');
  const statusAt = readDate(status, 'created_at', 'deployment_status');
  const startedAt = readDate(deployment, 'created_at', 'deployment');
  const sha = checkSha(readString(deployment, 'sha', 'deployment'), 'deployment.sha');
  const ref = readOptionalName(deployment, 'ref', 'deployment');
  const environment =
    readOptionalName(status, 'environment', 'deployment_status') ??
    readName(deployment, 'environment', 'deployment');
  const payload = readOptionalPayload(deployment);
  const version =
    (payload && readOptionalName(payload, 'version', 'deployment.payload')) ??
    (ref !== null && looksLikeVersion(ref) ? ref : sha.slice(0, 12));
  const workflow = readOptionalObject(root, 'workflow_run', '');
  const commits = workflow ? headCommit(workflow) : [];
  const references = [
    ref,
    workflow && readOptionalString(workflow, 'head_branch', 'workflow_run'),
    readOptionalString(deployment, 'description', 'deployment'),
  ].filter((r): r is string => r !== null && r !== '');
  return {
    type: 'deployment',
    deployment: {
      externalId,
      service: payload && readOptionalName(payload, 'service', 'deployment.payload'),
      defaultService: readName(repository, 'name', 'repository'),
      environment,
      version,
      ref,
      commitSha: sha,
      repository: readOptionalName(repository, 'full_name', 'repository'),
      status: mapped,
      statusAt,
      startedAt: startedAt < statusAt ? startedAt : statusAt,
      finishedAt: mapped === 'SUCCESS' || mapped === 'FAILURE' ? statusAt : null,
      url:
        readOptionalUrl(status, 'environment_url', 'deployment_status') ??
        readOptionalUrl(status, 'target_url', 'deployment_status') ??
        readOptionalUrl(status, 'log_url', 'deployment_status'),
      rollbackOf: payload && readOptionalName(payload, 'rollback_of', 'deployment.payload'),
      commits,
      commitsListed: false,
      references,
    },
  };
}

/**
 * GitHub's push event (docs.github.com, "Webhook events and payloads", push): `before` and
 * `after`, `forced`, and the pushed commits oldest first (at most 2,048). A deleted branch or a
 * tag brings no commits, so neither is stored.
 */
function parsePush(root: JsonObject, now: Date): DeploymentEvent {
  const ref = readName(root, 'ref', '');
  const beforeSha = readFullSha(root, 'before', '');
  const afterSha = readFullSha(root, 'after', '');
  const repository = readObject(field(root, 'repository'), 'repository');
  const fullName = readName(repository, 'full_name', 'repository');
  const deleted = readOptionalBoolean(root, 'deleted', '') ?? false;
  const forced = readOptionalBoolean(root, 'forced', '') ?? false;
  readOptionalBoolean(root, 'created', '');
  const commits = readPushCommits(root, '', afterSha);
  if (deleted || isNullSha(afterSha))
    return { type: 'ignored', event: 'push.deleted', reason: 'a deleted branch brings no commits' };
  if (!ref.startsWith('refs/heads/'))
    return { type: 'ignored', event: 'push.tag', reason: 'only pushes to branches are recorded' };
  return {
    type: 'push',
    push: {
      repository: fullName,
      ref,
      beforeSha,
      afterSha,
      forced,
      pushedAt: readPushedAt(repository) ?? now,
      commits,
    },
  };
}

/** `repository.pushed_at`: seconds since the epoch in push events (a date-time in others). */
function readPushedAt(repository: JsonObject): Date | null {
  const value = field(repository, 'pushed_at');
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0)
      throw fieldError('repository.pushed_at', 'must be seconds since the epoch');
    return new Date(value * 1000);
  }
  return readOptionalDate(repository, 'pushed_at', 'repository');
}

/** `deployment.payload`: free JSON set by whoever created the deployment (an object, or a string). */
function readOptionalPayload(deployment: JsonObject): JsonObject | null {
  const value = field(deployment, 'payload');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return value as JsonObject;
}

/** The workflow run's head commit, when the deployment came from GitHub Actions. */
function headCommit(workflow: JsonObject): DeploymentCommitInput[] {
  const commit = readOptionalObject(workflow, 'head_commit', 'workflow_run');
  if (!commit) return [];
  const sha = checkSha(
    readString(commit, 'id', 'workflow_run.head_commit'),
    'workflow_run.head_commit.id',
  );
  const timestamp = readOptionalString(commit, 'timestamp', 'workflow_run.head_commit');
  return [
    {
      sha,
      message: readOptionalString(commit, 'message', 'workflow_run.head_commit'),
      authoredAt:
        timestamp === null ? null : readDate(commit, 'timestamp', 'workflow_run.head_commit'),
    },
  ];
}
