import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'lbw_';

/** A new webhook token: 256 random bits, shown to the user once. */
export function generateWebhookToken(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * Tokens are high-entropy random strings, so a plain SHA-256 is a safe one-way store (a slow
 * password hash would only cost latency on every webhook).
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented token with a stored hash. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
