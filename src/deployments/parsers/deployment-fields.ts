import { isHttpUrl, nonBlank, truncate } from '../../alerts/parsers/alert-fields';
import { PayloadError } from '../../alerts/parsers/normalized-alert';
import {
  childPath,
  field,
  itemPath,
  readObject,
  readArray,
  readOptionalArray,
  readOptionalDate,
  readOptionalString,
  readString,
  type JsonObject,
} from '../../alerts/parsers/payload-reader';
import {
  MAX_COMMITS,
  MAX_NAME_LENGTH,
  MAX_PUSH_COMMITS,
  type DeploymentCommitInput,
} from './normalized-deployment';

/** Readers shared by the deployment parsers; each failure names the field, like the alert parsers. */

export function fieldError(path: string, requirement: string): PayloadError {
  return new PayloadError(path, `${path} ${requirement}`);
}

/** A required name (service, environment, version): non-blank, at most MAX_NAME_LENGTH characters. */
export function readName(obj: JsonObject, key: string, parent: string): string {
  const path = childPath(parent, key);
  const value = nonBlank(readString(obj, key, parent));
  if (value === null) throw fieldError(path, 'must not be empty');
  if (value.length > MAX_NAME_LENGTH)
    throw fieldError(path, `must be at most ${MAX_NAME_LENGTH} characters`);
  return value;
}

export function readOptionalName(obj: JsonObject, key: string, parent: string): string | null {
  const path = childPath(parent, key);
  const value = nonBlank(readOptionalString(obj, key, parent));
  if (value !== null && value.length > MAX_NAME_LENGTH)
    throw fieldError(path, `must be at most ${MAX_NAME_LENGTH} characters`);
  return value;
}

/** An optional absolute http(s) URL; an empty string means none (GitHub sends "" for unset URLs). */
export function readOptionalUrl(obj: JsonObject, key: string, parent: string): string | null {
  const value = nonBlank(readOptionalString(obj, key, parent));
  if (value === null) return null;
  if (!isHttpUrl(value)) throw fieldError(childPath(parent, key), 'must be an http(s) URL');
  return truncate(value, 2000);
}

const SHA = /^[0-9a-f]{7,64}$/i;

export function checkSha(value: string, path: string): string {
  if (!SHA.test(value)) throw fieldError(path, 'must be a commit sha (7 to 64 hex digits)');
  return value.toLowerCase();
}

/** `commits: [{sha, message, authored_at}]`, each sha once (the first wins). */
export function readCommits(obj: JsonObject, key: string, parent: string): DeploymentCommitInput[] {
  const path = childPath(parent, key);
  const items = readOptionalArray(obj, key, parent, MAX_COMMITS) ?? [];
  const seen = new Map<string, DeploymentCommitInput>();
  items.forEach((value, index) => {
    const at = itemPath(path, index);
    const commit = readObject(value, at);
    const sha = checkSha(readString(commit, 'sha', at), childPath(at, 'sha'));
    const message = readOptionalString(commit, 'message', at);
    const authoredAt = readOptionalDate(commit, 'authored_at', at);
    if (!seen.has(sha))
      seen.set(sha, {
        sha,
        message: message === null ? null : truncate(message, 10_000),
        authoredAt,
      });
  });
  return [...seen.values()];
}

/** A version-like ref (a tag such as v1.4.2 or 2026.12.1) rather than a branch name. */
export function looksLikeVersion(ref: string): boolean {
  return /^v?\d+(\.\d+)*([-+.][0-9A-Za-z.-]+)?$/.test(ref);
}

/** The header's value, when sent once or more (the first). */
export function headerValue(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A source id: a positive integer (GitHub, GitLab) or a non-empty string. */
export function readId(obj: JsonObject, key: string, parent: string): string {
  const path = childPath(parent, key);
  const value = Object.hasOwn(obj, key) ? obj[key] : undefined;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0)
      throw fieldError(path, 'must be a non-negative integer');
    return String(value);
  }
  if (value === undefined || value === null) throw fieldError(path, 'is required');
  return readName(obj, key, parent);
}

export function readOptionalBoolean(obj: JsonObject, key: string, parent: string): boolean | null {
  const value = field(obj, key);
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') throw fieldError(childPath(parent, key), 'must be true or false');
  return value;
}

/** A full commit sha (a push's before and after): 40 (SHA-1) or 64 (SHA-256) hex digits. */
export function readFullSha(obj: JsonObject, key: string, parent: string): string {
  const path = childPath(parent, key);
  const value = readString(obj, key, parent);
  if (!/^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(value))
    throw fieldError(path, 'must be a full commit sha (40 or 64 hex digits)');
  return value.toLowerCase();
}

/**
 * A push's `commits: [{id, message, timestamp}]` (GitHub and GitLab alike), oldest first so that
 * the last is the push's after; each sha once; the newest MAX_COMMITS when there are more.
 */
export function readPushCommits(
  obj: JsonObject,
  parent: string,
  afterSha: string,
): DeploymentCommitInput[] {
  const path = childPath(parent, 'commits');
  const items = readArray(obj, 'commits', parent, MAX_PUSH_COMMITS);
  const seen = new Map<string, DeploymentCommitInput>();
  items.forEach((value, index) => {
    const at = itemPath(path, index);
    const commit = readObject(value, at);
    const sha = readFullSha(commit, 'id', at);
    const message = readOptionalString(commit, 'message', at);
    const authoredAt = readOptionalDate(commit, 'timestamp', at);
    if (!seen.has(sha))
      seen.set(sha, {
        sha,
        message: message === null ? null : truncate(message, 10_000),
        authoredAt,
      });
  });
  const commits = [...seen.values()];
  // Both forges document oldest first; a list that ends where the push began is turned around.
  if (commits.length > 1 && commits[0]?.sha === afterSha && commits.at(-1)?.sha !== afterSha)
    commits.reverse();
  return commits.slice(-MAX_COMMITS);
}
