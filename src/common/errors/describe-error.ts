import { isDatabaseUnavailable } from './classify-error';

const REASON =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|timeout exceeded when trying to connect|no answer within \d+ ms|Connection terminated[a-z ]*|too many clients[a-z ]*|PGlite is closed|the database system is [a-z ]+/i;

/**
 * A short description of a database failure that is safe to show on an open endpoint (health):
 * the network reason when there is one, never SQL or driver messages.
 */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const reason = REASON.exec(message);
  if (reason) return reason[0];
  return isDatabaseUnavailable(error) ? 'connection failed' : 'query failed';
}
