import {
  field,
  readObject,
  readOptionalDate,
  readString,
} from '../../alerts/parsers/payload-reader';
import {
  checkSha,
  fieldError,
  readCommits,
  readName,
  readOptionalName,
  readOptionalUrl,
} from './deployment-fields';
import type {
  DeploymentEvent,
  DeploymentParseInput,
  DeploymentStatus,
} from './normalized-deployment';

// Loopboard's generic deployment format (README, "Deployments"), for any CI that can POST JSON.

const STATES: Record<string, DeploymentStatus> = {
  queued: 'QUEUED',
  in_progress: 'IN_PROGRESS',
  success: 'SUCCESS',
  failure: 'FAILURE',
  canceled: 'CANCELED',
};

export function parseGenericDeploymentPayload(input: DeploymentParseInput): DeploymentEvent {
  const root = readObject(input.body, '');
  const state = readString(root, 'status', '');
  const status = STATES[state];
  if (!Object.hasOwn(STATES, state) || status === undefined)
    throw fieldError(
      'status',
      `must be one of ${Object.keys(STATES).join(', ')} (got ${JSON.stringify(state.slice(0, 40))})`,
    );
  const service = readOptionalName(root, 'service', '');
  const environment = readName(root, 'environment', '');
  const version = readName(root, 'version', '');
  const commit = readOptionalName(root, 'commit', '');
  const sha = commit === null ? null : checkSha(commit, 'commit');
  const startedAt = readOptionalDate(root, 'started_at', '');
  const sentFinish = readOptionalDate(root, 'finished_at', '');
  const finished = status === 'SUCCESS' || status === 'FAILURE' || status === 'CANCELED';
  if (sentFinish !== null && !finished)
    throw fieldError('finished_at', `must be left out while the status is ${state}`);
  const id = readOptionalName(root, 'id', '');
  if (id === null && field(root, 'id') !== undefined && field(root, 'id') !== null)
    throw fieldError('id', 'must not be empty');
  if (id === null && startedAt === null)
    throw fieldError(
      'started_at',
      'is required when no id is given (the id, or service, environment, version and started_at, identify a deployment across its events)',
    );
  const finishedAt = finished ? (sentFinish ?? input.now) : null;
  const start = startedAt ?? finishedAt ?? input.now;
  if (finishedAt !== null && finishedAt < start)
    throw fieldError('finished_at', 'must not be before started_at');
  const ref = readOptionalName(root, 'ref', '');
  const commits = readCommits(root, 'commits', '');
  return {
    type: 'deployment',
    deployment: {
      externalId:
        id ?? JSON.stringify([service, environment, version, (startedAt as Date).toISOString()]),
      service,
      defaultService: null,
      environment,
      version,
      ref,
      commitSha: sha,
      repository: readOptionalName(root, 'repository', ''),
      status,
      statusAt: finishedAt ?? start,
      startedAt: start,
      finishedAt,
      url: readOptionalUrl(root, 'url', ''),
      rollbackOf: readOptionalName(root, 'rollback_of', ''),
      commits,
      commitsListed: commits.length > 0,
      references: [ref].filter((r): r is string => r !== null),
    },
  };
}
