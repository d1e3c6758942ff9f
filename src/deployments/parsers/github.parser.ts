import {
  readDate,
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
  readOptionalUrl,
} from './deployment-fields';
import type {
  DeploymentCommitInput,
  DeploymentEvent,
  DeploymentParseInput,
  DeploymentStatus,
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
  if (event !== 'deployment_status')
    return { type: 'ignored', event, reason: 'only deployment_status events are recorded' };

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
      references,
    },
  };
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
