import { createHash } from 'node:crypto';
import {
  bearerToken,
  generateApiToken,
  hashApiToken,
  looksLikeApiToken,
  sameHash,
  tokenPrefix,
} from './api-token';

describe('generateApiToken', () => {
  it('is lb_ and 256 random bits in base64url', () => {
    const token = generateApiToken();
    expect(token).toMatch(/^lb_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(3), 'base64url')).toHaveLength(32);
    expect(looksLikeApiToken(token)).toBe(true);
  });

  it('never repeats', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => generateApiToken()));
    expect(tokens.size).toBe(1000);
  });
});

describe('looksLikeApiToken', () => {
  it.each([
    ['lb_', false],
    ['lb_short', false],
    [`xx_${'a'.repeat(43)}`, false],
    [`lb_${'a'.repeat(42)}!`, false],
    [`lb_${'a'.repeat(44)}`, false],
    [`lb_${'a'.repeat(43)}`, true],
  ])('%s → %s', (value, expected) => {
    expect(looksLikeApiToken(value)).toBe(expected);
  });
});

describe('hashApiToken', () => {
  it('is the hex SHA-256 of the whole token, never the token itself', () => {
    const token = generateApiToken();
    const hash = hashApiToken(token);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token.slice(3, 12));
  });
});

describe('tokenPrefix', () => {
  it('keeps lb_ and four characters, enough to recognise a token and not to use it', () => {
    expect(tokenPrefix('lb_abcdefgh')).toBe('lb_abcd');
  });
});

describe('sameHash', () => {
  const a = hashApiToken('lb_a');
  it('compares hashes', () => {
    expect(sameHash(a, hashApiToken('lb_a'))).toBe(true);
    expect(sameHash(a, hashApiToken('lb_b'))).toBe(false);
  });

  it('is false for different lengths and for empty values (and does not throw)', () => {
    expect(sameHash(a, a.slice(0, 62))).toBe(false);
    expect(sameHash('', '')).toBe(false);
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer lb_x', 'lb_x'],
    ['bearer lb_x', 'lb_x'],
    ['Bearer   lb_x  ', 'lb_x'],
    ['Bearer', null],
    ['Bearer lb_x lb_y', null],
    ['Basic dXNlcjpwYXNz', null],
    ['lb_x', null],
    ['', null],
    [undefined, null],
  ])('%s → %s', (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });
});
