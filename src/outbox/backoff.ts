/** The longest wait between two attempts, whatever the attempt count or Retry-After says. */
export const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

/**
 * The wait before attempt `attempts + 1`: exponential from `baseMs` (base, 2×base, 4×base, …),
 * capped at an hour, with "equal jitter" (half fixed, half random) so receivers that come back
 * are not hit by every replica's retries at the same instant. A receiver's Retry-After is
 * honoured as given (within the cap), since it knows when it will be ready.
 */
export function retryDelayMs(
  attempts: number,
  baseMs: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), MAX_RETRY_DELAY_MS);
  const exponential = Math.min(
    baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30),
    MAX_RETRY_DELAY_MS,
  );
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(
  value: string | undefined,
  now: Date = new Date(),
): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/^[A-Za-z]{3}, /.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
