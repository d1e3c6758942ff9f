import { nonBlank } from '../../alerts/parsers/alert-fields';
import {
  field,
  parseRfc3339,
  readObject,
  readOptionalNumber,
  readOptionalString,
  readString,
  type JsonObject,
} from '../../alerts/parsers/payload-reader';
import {
  checkSha,
  fieldError,
  headerValue,
  looksLikeVersion,
  readId,
  readName,
  readOptionalName,
  readOptionalUrl,
  readFullSha,
  readPushCommits,
} from './deployment-fields';
import {
  isNullSha,
  type DeploymentEvent,
  type DeploymentParseInput,
  type DeploymentStatus,
} from './normalized-deployment';

// GitLab's Deployment event (docs.gitlab.com, "Webhook events", Deployment events): sent when a
// deployment starts, succeeds, fails or is canceled, with `object_kind: "deployment"`.

const STATES: Record<string, DeploymentStatus> = {
  created: 'QUEUED',
  running: 'IN_PROGRESS',
  success: 'SUCCESS',
  failed: 'FAILURE',
  canceled: 'CANCELED',
};

export function parseGitlabPayload(input: DeploymentParseInput): DeploymentEvent {
  const root = readObject(input.body, '');
  const kind = readOptionalString(root, 'object_kind', '');
  if (kind === 'push') return parsePush(root, input.now);
  if (kind !== 'deployment') {
    const event = nonBlank(headerValue(input.headers, 'x-gitlab-event')) ?? kind ?? 'unknown';
    return { type: 'ignored', event, reason: 'only Deployment and Push events are recorded' };
  }
  const state = readString(root, 'status', '');
  const status = STATES[state];
  if (!Object.hasOwn(STATES, state) || status === undefined)
    throw fieldError(
      'status',
      `must be one of ${Object.keys(STATES).join(', ')} (got ${JSON.stringify(state.slice(0, 40))})`,
    );
  const statusAt = readGitlabTime(root, 'status_changed_at') ?? input.now;
  // Payloads before GitLab 15.x have no deployment_id: the deploying job identifies it then.
  const externalId =
    field(root, 'deployment_id') !== undefined && field(root, 'deployment_id') !== null
      ? readId(root, 'deployment_id', '')
      : `job-${readId(root, 'deployable_id', '')}`;
  const project = readObject(field(root, 'project'), 'project');
  const path = readOptionalName(project, 'path_with_namespace', 'project');
  const ref = readOptionalName(root, 'ref', '');
  const commitUrl = readOptionalUrl(root, 'commit_url', '');
  const fullSha = commitUrl
    ? /\/commit\/([0-9a-f]{40})(?:[/?#]|$)/i.exec(commitUrl)?.[1]
    : undefined;
  const shortSha = readOptionalString(root, 'short_sha', '');
  const sha =
    fullSha !== undefined
      ? fullSha.toLowerCase()
      : shortSha !== null
        ? checkSha(shortSha, 'short_sha')
        : null;
  const title = readOptionalString(root, 'commit_title', '');
  return {
    type: 'deployment',
    deployment: {
      externalId,
      service: null,
      defaultService: path ?? readName(project, 'name', 'project'),
      environment: readName(root, 'environment', ''),
      version:
        ref !== null && looksLikeVersion(ref) ? ref : (sha?.slice(0, 12) ?? ref ?? externalId),
      ref,
      commitSha: sha,
      repository: path,
      status,
      statusAt,
      startedAt: statusAt,
      finishedAt: status === 'SUCCESS' || status === 'FAILURE' ? statusAt : null,
      url:
        readOptionalUrl(root, 'deployable_url', '') ??
        readOptionalUrl(root, 'environment_external_url', ''),
      rollbackOf: null,
      commits: sha !== null && title !== null ? [{ sha, message: title, authoredAt: null }] : [],
      commitsListed: false,
      references: [ref].filter((r): r is string => r !== null),
    },
  };
}

/**
 * GitLab's Push event (docs.gitlab.com, "Webhook events", Push events): `before`, `after`,
 * `ref`, the project, and its commits (at most 20; `total_commits_count` says how many were
 * pushed). GitLab does not say whether a push was forced. A deleted branch brings no commits.
 */
function parsePush(root: JsonObject, now: Date): DeploymentEvent {
  const ref = readName(root, 'ref', '');
  const beforeSha = readFullSha(root, 'before', '');
  const afterSha = readFullSha(root, 'after', '');
  const project = readObject(field(root, 'project'), 'project');
  const repository = readName(project, 'path_with_namespace', 'project');
  readOptionalNumber(root, 'total_commits_count', '');
  const commits = readPushCommits(root, '', afterSha);
  if (isNullSha(afterSha))
    return { type: 'ignored', event: 'push.deleted', reason: 'a deleted branch brings no commits' };
  if (!ref.startsWith('refs/heads/'))
    return { type: 'ignored', event: 'push.tag', reason: 'only pushes to branches are recorded' };
  return {
    type: 'push',
    push: { repository, ref, beforeSha, afterSha, forced: false, pushedAt: now, commits },
  };
}

const GITLAB_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) ?(UTC|[+-]\d{2}:?\d{2})$/;

/** GitLab writes "2021-04-28 21:50:00 +0200" (or "… UTC"); RFC 3339 is accepted too. */
function readGitlabTime(root: JsonObject, key: string): Date | null {
  const text = readOptionalString(root, key, '');
  if (text === null) return null;
  const match = GITLAB_TIME.exec(text.trim());
  const rfc = match
    ? `${match[1]}T${match[2]}${match[3] === 'UTC' ? 'Z' : `${match[3]!.slice(0, 3)}:${match[3]!.slice(-2)}`}`
    : text.trim();
  const date = parseRfc3339(rfc);
  if (date === null)
    throw fieldError(
      key,
      `must be a time such as "2021-04-28 21:50:00 +0200" (got ${JSON.stringify(text.slice(0, 40))})`,
    );
  return date;
}
