import { createHmac } from 'node:crypto';
import { hashToken } from '../integrations/integration-token';
import {
  credentialsValid,
  MAX_SIGNATURE_AGE_MS,
  NO_TOKEN_HASH,
  type PresentedCredentials,
  type StoredCredentials,
} from './webhook-auth';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const TOKEN = 'lbw_current-token';
const OLD_TOKEN = 'lbw_previous-token';
const SECRET = 'a-shared-secret-of-some-length';
const BODY = Buffer.from('{"version":"4","alerts":[]}');

const hmac = (secret: string, ...parts: (string | Buffer)[]): string => {
  const mac = createHmac('sha256', secret);
  for (const part of parts) mac.update(part);
  return mac.digest('hex');
};

function stored(overrides: Partial<StoredCredentials> = {}): StoredCredentials {
  return {
    kind: 'ALERTMANAGER',
    tokenHash: hashToken(TOKEN),
    previousTokenHash: null,
    previousTokenExpiresAt: null,
    hmacSecret: null,
    hmacTimestampHeader: null,
    ...overrides,
  };
}

function presented(overrides: Partial<PresentedCredentials> = {}): PresentedCredentials {
  return { authorization: undefined, headers: {}, rawBody: BODY, now: NOW, ...overrides };
}

describe('bearer tokens', () => {
  it('accepts the current token, whatever the case of the scheme and trailing spaces', () => {
    for (const authorization of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`, `BEARER   ${TOKEN}  `])
      expect(credentialsValid(stored(), presented({ authorization }))).toBe(true);
  });

  it('refuses a missing, empty, wrong or differently-schemed credential', () => {
    for (const authorization of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      TOKEN,
      `Basic ${TOKEN}`,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN} extra`,
      `Bearer ${TOKEN.toUpperCase()}`,
    ])
      expect(credentialsValid(stored(), presented({ authorization }))).toBe(false);
  });

  it('accepts the previous token until its grace period ends, not after', () => {
    const rotated = stored({
      previousTokenHash: hashToken(OLD_TOKEN),
      previousTokenExpiresAt: new Date(NOW.getTime() + 1),
    });
    const old = presented({ authorization: `Bearer ${OLD_TOKEN}` });
    expect(credentialsValid(rotated, old)).toBe(true);
    expect(credentialsValid({ ...rotated, previousTokenExpiresAt: NOW }, old)).toBe(false);
    expect(credentialsValid({ ...rotated, previousTokenExpiresAt: null }, old)).toBe(false);
    expect(credentialsValid(rotated, presented({ authorization: `Bearer ${TOKEN}` }))).toBe(true);
  });

  it('never matches the placeholder hash used for unknown integrations', () => {
    const unknown = stored({ kind: 'UNKNOWN', tokenHash: NO_TOKEN_HASH });
    for (const token of ['', '0', '0'.repeat(64), TOKEN])
      expect(credentialsValid(unknown, presented({ authorization: `Bearer ${token}` }))).toBe(
        false,
      );
  });
});

describe('Grafana signatures', () => {
  const grafana = (overrides: Partial<StoredCredentials> = {}): StoredCredentials =>
    stored({ kind: 'GRAFANA', hmacSecret: SECRET, ...overrides });
  const signed = (signature: string, headers: Record<string, string> = {}): PresentedCredentials =>
    presented({ headers: { 'x-grafana-alerting-signature': signature, ...headers } });

  it('accepts an HMAC-SHA256 hex of the raw body, in either case', () => {
    const signature = hmac(SECRET, BODY);
    expect(credentialsValid(grafana(), signed(signature))).toBe(true);
    expect(credentialsValid(grafana(), signed(signature.toUpperCase()))).toBe(true);
    expect(credentialsValid(grafana(), signed(` ${signature} `))).toBe(true);
  });

  it('refuses another secret, another body, a truncated or non-hex signature', () => {
    const signature = hmac(SECRET, BODY);
    for (const bad of [
      hmac('other-secret', BODY),
      hmac(SECRET, '{}'),
      signature.slice(0, 63),
      `sha256=${signature}`,
      'g'.repeat(64),
      '',
    ])
      expect(credentialsValid(grafana(), signed(bad))).toBe(false);
  });

  it('needs a configured secret, and a GRAFANA integration', () => {
    const signature = hmac(SECRET, BODY);
    expect(credentialsValid(grafana({ hmacSecret: null }), signed(signature))).toBe(false);
    expect(credentialsValid(stored({ hmacSecret: SECRET }), signed(signature))).toBe(false);
    expect(
      credentialsValid(stored({ kind: 'KAPACITOR', hmacSecret: SECRET }), signed(signature)),
    ).toBe(false);
  });

  describe('with a signed timestamp', () => {
    const header = 'X-Grafana-Alerting-Signature-Timestamp';
    const withTimestamp = grafana({ hmacTimestampHeader: header });
    const at = (
      timestamp: string,
      signature = hmac(SECRET, `${timestamp}:`, BODY),
    ): PresentedCredentials => signed(signature, { [header.toLowerCase()]: timestamp });
    const seconds = (ms: number): string => String(Math.floor(ms / 1000));

    it('accepts timestamp:body signed within five minutes, in seconds or milliseconds', () => {
      expect(credentialsValid(withTimestamp, at(seconds(NOW.getTime())))).toBe(true);
      expect(credentialsValid(withTimestamp, at(String(NOW.getTime())))).toBe(true);
      expect(
        credentialsValid(withTimestamp, at(seconds(NOW.getTime() - MAX_SIGNATURE_AGE_MS))),
      ).toBe(true);
    });

    it('refuses stale or future timestamps beyond five minutes', () => {
      expect(
        credentialsValid(withTimestamp, at(seconds(NOW.getTime() - MAX_SIGNATURE_AGE_MS - 1000))),
      ).toBe(false);
      expect(
        credentialsValid(withTimestamp, at(seconds(NOW.getTime() + MAX_SIGNATURE_AGE_MS + 1000))),
      ).toBe(false);
    });

    it('refuses a missing or malformed timestamp, or a signature of the body alone', () => {
      const ts = seconds(NOW.getTime());
      expect(credentialsValid(withTimestamp, signed(hmac(SECRET, `${ts}:`, BODY)))).toBe(false);
      expect(credentialsValid(withTimestamp, at('1.5e9', hmac(SECRET, '1.5e9:', BODY)))).toBe(
        false,
      );
      expect(credentialsValid(withTimestamp, at('-1', hmac(SECRET, '-1:', BODY)))).toBe(false);
      expect(credentialsValid(withTimestamp, at(ts, hmac(SECRET, BODY)))).toBe(false);
      expect(
        credentialsValid(withTimestamp, at(ts, hmac(SECRET, `${Number(ts) + 1}:`, BODY))),
      ).toBe(false);
    });
  });
});

describe('PagerDuty signatures', () => {
  const pagerduty = stored({ kind: 'PAGERDUTY', hmacSecret: SECRET });
  const signed = (header: string | string[]): PresentedCredentials =>
    presented({ headers: { 'x-pagerduty-signature': header } });
  const good = hmac(SECRET, BODY);
  const stale = hmac('a-previous-secret', BODY);

  it('accepts v1=<hex>, alone or among several comma-separated signatures', () => {
    expect(credentialsValid(pagerduty, signed(`v1=${good}`))).toBe(true);
    expect(credentialsValid(pagerduty, signed(`v1=${stale},v1=${good}`))).toBe(true);
    expect(credentialsValid(pagerduty, signed(`v1=${stale}, v1=${good} `))).toBe(true);
    // Node joins repeated headers; a duplicate header is read as its first value.
    expect(credentialsValid(pagerduty, signed([`v1=${good}`, `v1=${stale}`]))).toBe(true);
  });

  it('refuses other versions, bare hex, only stale signatures and a missing secret', () => {
    for (const header of [`v0=${good}`, good, `v1=${stale}`, `v1=${stale},v2=${good}`, 'v1=', ''])
      expect(credentialsValid(pagerduty, signed(header))).toBe(false);
    expect(credentialsValid({ ...pagerduty, hmacSecret: null }, signed(`v1=${good}`))).toBe(false);
    expect(
      credentialsValid(stored({ kind: 'GRAFANA', hmacSecret: SECRET }), signed(`v1=${good}`)),
    ).toBe(false);
  });
});

describe('GitHub signatures', () => {
  const github = stored({ kind: 'GITHUB', hmacSecret: SECRET });
  const signature = `sha256=${hmac(SECRET, BODY)}`;

  it('accepts X-Hub-Signature-256 over the raw body, in either case', () => {
    expect(
      credentialsValid(github, presented({ headers: { 'x-hub-signature-256': signature } })),
    ).toBe(true);
    expect(
      credentialsValid(
        github,
        presented({
          headers: { 'x-hub-signature-256': signature.toUpperCase().replace('SHA256=', 'sha256=') },
        }),
      ),
    ).toBe(true);
  });

  it('refuses a missing, wrong, truncated or SHA-1 signature, and a bearer token alone', () => {
    for (const headers of [
      {},
      { 'x-hub-signature-256': `sha256=${hmac('another-secret-entirely', BODY)}` },
      { 'x-hub-signature-256': signature.slice(0, -2) },
      { 'x-hub-signature-256': signature.slice(7) },
      { 'x-hub-signature': `sha1=${createHmac('sha1', SECRET).update(BODY).digest('hex')}` },
    ])
      expect(credentialsValid(github, presented({ headers }))).toBe(false);
    expect(credentialsValid(github, presented({ authorization: `Bearer ${TOKEN}` }))).toBe(false);
    // Without a secret nothing is accepted.
    expect(
      credentialsValid(
        stored({ kind: 'GITHUB' }),
        presented({ headers: { 'x-hub-signature-256': signature } }),
      ),
    ).toBe(false);
  });
});

describe('GitLab tokens', () => {
  const gitlab = stored({
    kind: 'GITLAB',
    previousTokenHash: hashToken(OLD_TOKEN),
    previousTokenExpiresAt: new Date(NOW.getTime() + 60_000),
  });

  it('accepts the token in X-Gitlab-Token (or a bearer), and the rotated one within its grace', () => {
    expect(credentialsValid(gitlab, presented({ headers: { 'x-gitlab-token': TOKEN } }))).toBe(
      true,
    );
    expect(credentialsValid(gitlab, presented({ headers: { 'x-gitlab-token': OLD_TOKEN } }))).toBe(
      true,
    );
    expect(credentialsValid(gitlab, presented({ authorization: `Bearer ${TOKEN}` }))).toBe(true);
  });

  it('refuses a wrong token, an empty one, and the rotated one after its grace', () => {
    expect(
      credentialsValid(gitlab, presented({ headers: { 'x-gitlab-token': `${TOKEN}x` } })),
    ).toBe(false);
    expect(credentialsValid(gitlab, presented({ headers: { 'x-gitlab-token': '' } }))).toBe(false);
    expect(
      credentialsValid(
        gitlab,
        presented({
          headers: { 'x-gitlab-token': OLD_TOKEN },
          now: new Date(NOW.getTime() + 120_000),
        }),
      ),
    ).toBe(false);
    // The header means nothing to other kinds.
    expect(credentialsValid(stored(), presented({ headers: { 'x-gitlab-token': TOKEN } }))).toBe(
      false,
    );
  });
});
