// The one shape every deployment source is reduced to, so that intake (dedup, rollbacks, task
// links) never needs to know which tool reported a deployment.

export const DEPLOYMENT_KINDS = ['GITHUB', 'GITLAB', 'GENERIC_DEPLOYMENT'] as const;
export type DeploymentKind = (typeof DEPLOYMENT_KINDS)[number];

export function isDeploymentKind(kind: string): kind is DeploymentKind {
  return (DEPLOYMENT_KINDS as readonly string[]).includes(kind);
}

export type DeploymentStatus = 'QUEUED' | 'IN_PROGRESS' | 'SUCCESS' | 'FAILURE' | 'CANCELED';

/** Order of statuses at one instant: a finished state outranks a running one, which outranks queued. */
export const STATUS_RANK: Record<DeploymentStatus, number> = {
  QUEUED: 0,
  IN_PROGRESS: 1,
  SUCCESS: 2,
  FAILURE: 2,
  CANCELED: 2,
};

export function isFinished(status: DeploymentStatus): boolean {
  return STATUS_RANK[status] === 2;
}

export interface DeploymentCommitInput {
  sha: string;
  message: string | null;
  authoredAt: Date | null;
}

export interface NormalizedDeployment {
  /** The source's id of the deployment: its repeated events share it. */
  externalId: string;
  /** Null when the payload does not name one: the integration's service applies, else an error. */
  service: string | null;
  /** The repository or project, the service when neither the payload nor the integration names one. */
  defaultService: string | null;
  environment: string;
  version: string;
  ref: string | null;
  commitSha: string | null;
  /** The repository or project (owner/name, group/project): deployments are matched with its pushes. */
  repository: string | null;
  status: DeploymentStatus;
  /** When the source recorded this status: an event older than the stored status changes nothing. */
  statusAt: Date;
  startedAt: Date;
  finishedAt: Date | null;
  url: string | null;
  /** A version or deployment id this deployment says it rolls back. */
  rollbackOf: string | null;
  commits: DeploymentCommitInput[];
  /**
   * Whether `commits` lists what the deployment brought (the generic format's commits), rather
   * than the deployed commit alone (GitHub's workflow head commit, GitLab's commit title) or
   * nothing: only then are they final; otherwise they are worked out from pushes.
   */
  commitsListed: boolean;
  /** Other text that may name task keys: branch names, descriptions. */
  references: string[];
}

/** A push to a branch: the commits between `beforeSha` and `afterSha`. */
export interface NormalizedPush {
  repository: string;
  /** The full ref (refs/heads/main). */
  ref: string;
  /** All zeros when the push created the branch. */
  beforeSha: string;
  afterSha: string;
  /** History was rewritten: what came before `beforeSha` is not this push's past. */
  forced: boolean;
  pushedAt: Date;
  /** Oldest first, up to `afterSha`; the newest MAX_COMMITS when the push lists more. */
  commits: DeploymentCommitInput[];
}

/** What a deployment source's delivery is about. */
export type DeploymentEvent =
  | { type: 'ping' }
  | { type: 'ignored'; event: string; reason: string }
  | { type: 'deployment'; deployment: NormalizedDeployment }
  | { type: 'push'; push: NormalizedPush };

/** The sha git uses for "no commit": a created branch's before, a deleted one's after. */
export const NULL_SHA = '0000000000000000000000000000000000000000';

export function isNullSha(sha: string): boolean {
  return /^0+$/.test(sha);
}

export interface DeploymentParseInput {
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** The time of receipt: the default for times a payload leaves out. */
  now: Date;
}

/** Most commits kept from one deployment payload, one push, or worked out for one deployment. */
export const MAX_COMMITS = 1000;
/** Most commits a push may list (GitHub's own limit); the newest MAX_COMMITS are kept. */
export const MAX_PUSH_COMMITS = 2048;
/** Longest service, environment, version or ref accepted. */
export const MAX_NAME_LENGTH = 200;
