/**
 * The one way a test waits for something to happen: it polls for the observed state, never
 * sleeps for a guessed time. The timeout only bounds a hang (make it generous: the machine is
 * shared); the test asserts on what was observed, never on how long it took.
 */

export interface EventuallyOptions {
  /** How long before giving up (a hang, not a slow run). Default 10 s. */
  timeoutMs?: number;
  /** Pause between two checks. Default 50 ms. */
  intervalMs?: number;
  /** What was awaited, for the failure message. */
  message?: string;
}

/**
 * Calls `check` until it returns something other than `undefined`, `null` or `false`, and
 * returns that. A check that throws counts as "not yet"; the last error is in the failure.
 */
export async function eventually<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { timeoutMs = 10_000, intervalMs = 50, message = 'the awaited state' }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = undefined;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const cause =
        last === undefined
          ? ''
          : ` (last error: ${last instanceof Error ? last.message : JSON.stringify(last)})`;
      throw new Error(`Not within ${timeoutMs} ms: ${message}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
