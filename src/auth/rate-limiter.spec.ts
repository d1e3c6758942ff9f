import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows up to the limit in a window, then answers the seconds to wait', () => {
    const limiter = new RateLimiter(3, 60_000);
    expect([limiter.hit('a', 0), limiter.hit('a', 1), limiter.hit('a', 2)]).toEqual([0, 0, 0]);
    expect(limiter.hit('a', 10_000)).toBe(50);
  });

  it('counts keys separately', () => {
    const limiter = new RateLimiter(1, 60_000);
    expect(limiter.hit('a', 0)).toBe(0);
    expect(limiter.hit('b', 0)).toBe(0);
    expect(limiter.hit('a', 0)).toBeGreaterThan(0);
  });

  it('starts a new window after the old one ends', () => {
    const limiter = new RateLimiter(1, 1000);
    expect(limiter.hit('a', 0)).toBe(0);
    expect(limiter.hit('a', 500)).toBe(1);
    expect(limiter.hit('a', 1000)).toBe(0);
  });

  it('reports a blocked key without counting', () => {
    const limiter = new RateLimiter(2, 60_000);
    limiter.hit('a', 0);
    expect(limiter.blocked('a', 1)).toBe(0);
    limiter.hit('a', 2);
    expect(limiter.blocked('a', 3)).toBe(60);
    expect(limiter.hit('a', 4)).toBe(60);
  });
});
