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
  const token = match?.[1];
  if (!token) return false;
  if (tokenMatches(token, stored.tokenHash)) return true;
  // The token replaced by a rotation keeps working until its grace period ends.
  return (
    stored.previousTokenHash !== null &&
    stored.previousTokenExpiresAt !== null &&
    stored.previousTokenExpiresAt > presented.now &&
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

/**
 * Whether the request carries a valid credential for the integration: its bearer token, or a
 * valid HMAC signature for kinds that sign (Grafana, PagerDuty) when a secret is configured.
 */
export function credentialsValid(
  stored: StoredCredentials,
  presented: PresentedCredentials,
): boolean {
  if (bearerValid(stored, presented)) return true;
  if (stored.kind === 'GRAFANA') return grafanaSignatureValid(stored, presented);
  if (stored.kind === 'PAGERDUTY') return pagerDutySignatureValid(stored, presented);
  return false;
}
