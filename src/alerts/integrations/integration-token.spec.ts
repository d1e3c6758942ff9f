import { generateWebhookToken, hashToken, tokenMatches } from './integration-token';

describe('webhook tokens', () => {
  it('are prefixed, 256 random bits in base64url, and never repeat', () => {
    const tokens = Array.from({ length: 200 }, generateWebhookToken);
    for (const token of tokens) expect(token).toMatch(/^lbw_[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('are stored as their SHA-256 in hex', () => {
    expect(hashToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const token = generateWebhookToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token.slice(4, 20));
  });

  it('match their hash only', () => {
    const token = generateWebhookToken();
    const stored = hashToken(token);
    expect(tokenMatches(token, stored)).toBe(true);
    expect(tokenMatches(`${token} `, stored)).toBe(false);
    expect(tokenMatches(generateWebhookToken(), stored)).toBe(false);
    expect(tokenMatches('', stored)).toBe(false);
  });

  it('never match a malformed stored hash', () => {
    const token = generateWebhookToken();
    expect(tokenMatches(token, '')).toBe(false);
    expect(tokenMatches(token, hashToken(token).slice(0, 62))).toBe(false);
    expect(tokenMatches(token, 'not hex at all')).toBe(false);
    expect(tokenMatches(token, token)).toBe(false);
  });
});
