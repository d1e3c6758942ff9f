import { createHmac, timingSafeEqual } from 'node:crypto';
import { tokenMatches } from '../integrations/integration-token';

export interface StoredCredentials {
  kind: string;
  tokenHash: string;
  previousTokenHash: string | null;
  previousTokenExpiresAt: Date | null;
  hmacSecret: string | null;
  hmacTimestampHeader: string | null;
}

export interface PresentedCredentials {
  authorization: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  now: Date;
}

/** Grafana's signed timestamps older (or newer) than this are replays and rejected. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;

/** A hash no token has: unknown integrations are checked against it so they take as long. */
export const NO_TOKEN_HASH = '0'.repeat(64);

function header(headers: PresentedCredentials['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function safeEqualHex(a: string, b: string): boolean {
  if (!/^[0-9a-f]+$/i.test(a) || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a.toLowerCase(), 'hex'), Buffer.from(b.toLowerCase(), 'hex'));
}

function hmacHex(secret: string, ...parts: (string | Buffer)[]): string {
  const mac = createHmac('sha256', secret);
  for (const part of parts) mac.update(part);
  return mac.digest('hex');
}

function bearerValid(stored: StoredCredentials, presented: PresentedCredentials): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(presented.authorization ?? '');
  return tokenValid(stored, match?.[1], presented.now);
}

/** The integration's token, or the one replaced by its last rotation within the grace period. */
function tokenValid(stored: StoredCredentials, token: string | undefined, now: Date): boolean {
  if (!token) return false;
  if (tokenMatches(token, stored.tokenHash)) return true;
  // The token replaced by a rotation keeps working until its grace period ends.
  return (
    stored.previousTokenHash !== null &&
    stored.previousTokenExpiresAt !== null &&
    stored.previousTokenExpiresAt > now &&
    tokenMatches(token, stored.previousTokenHash)
  );
}

function grafanaSignatureValid(
  stored: StoredCredentials,
  presented: PresentedCredentials,
): boolean {
  const secret = stored.hmacSecret;
  const signature = header(presented.headers, 'x-grafana-alerting-signature');
  if (!secret || !signature) return false;
  if (!stored.hmacTimestampHeader)
    return safeEqualHex(signature.trim(), hmacHex(secret, presented.rawBody));
  const timestamp = header(presented.headers, stored.hmacTimestampHeader);
  if (!timestamp || !/^\d{1,13}$/.test(timestamp.trim())) return false;
  // Grafana sends Unix seconds; accept milliseconds too.
  const value = Number(timestamp.trim());
  const ms = value < 1e11 ? value * 1000 : value;
  if (Math.abs(presented.now.getTime() - ms) > MAX_SIGNATURE_AGE_MS) return false;
  return safeEqualHex(signature.trim(), hmacHex(secret, `${timestamp.trim()}:`, presented.rawBody));
}

function pagerDutySignatureValid(
  stored: StoredCredentials,
  presented: PresentedCredentials,
): boolean {
  const secret = stored.hmacSecret;
  const signatures = header(presented.headers, 'x-pagerduty-signature');
  if (!secret || !signatures) return false;
  const expected = hmacHex(secret, presented.rawBody);
  // PagerDuty sends several during a secret rotation: any one valid signature is enough.
  return signatures
    .split(',')
    .map((s) => s.trim())
    .some((s) => s.startsWith('v1=') && safeEqualHex(s.slice(3), expected));
}

/** GitHub's `X-Hub-Signature-256: sha256=<hex>`, an HMAC-SHA256 of the raw body with the webhook's secret. */
function githubSignatureValid(stored: StoredCredentials, presented: PresentedCredentials): boolean {
  const secret = stored.hmacSecret;
  const signature = header(presented.headers, 'x-hub-signature-256')?.trim();
  if (!secret || !signature?.startsWith('sha256=')) return false;
  return safeEqualHex(signature.slice(7), hmacHex(secret, presented.rawBody));
}

/**
 * GitLab's `X-Gitlab-Token`: the secret token of the project hook, which is the integration's
 * token (compared by hash, in constant time, like a bearer token).
 */
function gitlabTokenValid(stored: StoredCredentials, presented: PresentedCredentials): boolean {
  return tokenValid(stored, header(presented.headers, 'x-gitlab-token')?.trim(), presented.now);
}

/**
 * Whether the request carries a valid credential for the integration: its bearer token, or a
 * valid HMAC signature for kinds that sign (Grafana, PagerDuty) when a secret is configured.
 * GitHub deliveries must be signed (a bearer token is not enough: GitHub cannot send one);
 * GitLab's arrive with the token in X-Gitlab-Token.
 */
export function credentialsValid(
  stored: StoredCredentials,
  presented: PresentedCredentials,
): boolean {
  if (stored.kind === 'GITHUB') return githubSignatureValid(stored, presented);
  if (bearerValid(stored, presented)) return true;
  if (stored.kind === 'GITLAB') return gitlabTokenValid(stored, presented);
  if (stored.kind === 'GRAFANA') return grafanaSignatureValid(stored, presented);
  if (stored.kind === 'PAGERDUTY') return pagerDutySignatureValid(stored, presented);
  return false;
}
