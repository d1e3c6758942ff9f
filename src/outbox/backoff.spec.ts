import { MAX_RETRY_DELAY_MS, parseRetryAfter, retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  it('doubles from the base with half of each wait random', () => {
    expect(retryDelayMs(1, 1000, undefined, () => 0)).toBe(500);
    expect(retryDelayMs(1, 1000, undefined, () => 1)).toBe(1000);
    expect(retryDelayMs(2, 1000, undefined, () => 0)).toBe(1000);
    expect(retryDelayMs(4, 1000, undefined, () => 1)).toBe(8000);
  });

  it('never waits more than an hour, however many attempts failed', () => {
    expect(retryDelayMs(40, 1000, undefined, () => 1)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(1000, 5000, undefined, () => 0.5)).toBe(MAX_RETRY_DELAY_MS * 0.75);
  });

  it("honours the receiver's Retry-After within the cap", () => {
    expect(retryDelayMs(1, 1000, 30_000)).toBe(30_000);
    expect(retryDelayMs(1, 1000, 0)).toBe(0);
    expect(retryDelayMs(1, 1000, 10 * MAX_RETRY_DELAY_MS)).toBe(MAX_RETRY_DELAY_MS);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-12-07T10:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date, and a date in the past as now', () => {
    expect(parseRetryAfter('Mon, 07 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 07 Dec 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});
