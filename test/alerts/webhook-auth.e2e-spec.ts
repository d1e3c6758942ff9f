/**
 * Who may post to a webhook: the bearer token (stored only as a hash, rotated with a grace
 * period), Grafana's HMAC signature (with or without a signed timestamp) and PagerDuty's v1
 * signatures; every failure gets the same 401.
 */
import {
  createIntegration,
  fixture,
  postWebhook,
  type IntegrationRef,
  alertTeam,
  hmacHex,
  postUnauthenticated,
  type AlertTeam,
} from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { startTestApp, TestApp } from '../helpers/test-app';

const SECRET = 'grafana-shared-secret-123';
const ROTATE = `mutation ($id: ID!, $grace: Int) {
  rotateIntegrationToken(id: $id, graceMinutes: $grace) { token previousTokenExpiresAt integration { id tokenRotatedAt previousTokenExpiresAt } }
}`;

function withoutRequestId(body: Record<string, unknown>): Record<string, unknown> {
  const { requestId, ...rest } = body;
  expect(typeof requestId).toBe('string');
  return rest;
}

describe('webhook authentication', () => {
  let t: TestApp;
  let setup: AlertTeam;

  beforeAll(async () => {
    // This file fails authentication on purpose more often than a real sender would.
    t = await startTestApp({ env: { WEBHOOK_AUTH_FAILURES_PER_MINUTE: '1000' } });
    setup = await alertTeam(t, { sprint: false });
  });

  afterAll(async () => {
    await t.close();
  });

  const body = (): string => JSON.stringify(amGroup([amAlert()]));

  it('accepts the bearer token and answers every bad credential with the same 401', async () => {
    const integration = await createIntegration(t, setup.team.id);
    const other = await createIntegration(t, setup.team.id);
    const ok = await postWebhook(t, integration, body());
    expect(ok.status).toBe(200);
    // The id is matched case-insensitively, as UUIDs are.
    expect(
      (await postWebhook(t, { ...integration, id: integration.id.toUpperCase() }, body())).status,
    ).toBe(200);

    const attempts: [string, () => Promise<{ status: number; body: Record<string, unknown> }>][] = [
      ['no authorization', () => postUnauthenticated(t, integration.id, body())],
      [
        'wrong token',
        () => postWebhook(t, { ...integration, token: `${integration.token}x` }, body()),
      ],
      [
        "another integration's token",
        () => postWebhook(t, { ...integration, token: other.token }, body()),
      ],
      [
        'empty bearer',
        () => postUnauthenticated(t, integration.id, body(), { authorization: 'Bearer ' }),
      ],
      [
        'basic scheme',
        () =>
          postUnauthenticated(t, integration.id, body(), {
            authorization: `Basic ${integration.token}`,
          }),
      ],
      [
        'token without scheme',
        () => postUnauthenticated(t, integration.id, body(), { authorization: integration.token }),
      ],
      [
        'token with a space inside',
        () =>
          postUnauthenticated(t, integration.id, body(), {
            authorization: `Bearer ${integration.token} x`,
          }),
      ],
      [
        'malformed integration id',
        () => postWebhook(t, { ...integration, id: 'not-a-uuid' }, body()),
      ],
      [
        'sql in integration id',
        () => postWebhook(t, { ...integration, id: "1' OR '1'='1" }, body()),
      ],
      [
        'unknown integration',
        () =>
          postWebhook(t, { ...integration, id: '00000000-0000-4000-8000-000000000000' }, body()),
      ],
      [
        'signature on a bearer-only kind',
        () =>
          postUnauthenticated(t, integration.id, body(), {
            'x-grafana-alerting-signature': hmacHex(SECRET, body()),
          }),
      ],
    ];
    const answers: Record<string, unknown>[] = [];
    for (const [name, attempt] of attempts) {
      const res = await attempt();
      expect({ name, status: res.status }).toEqual({ name, status: 401 });
      answers.push(withoutRequestId(res.body));
    }
    for (const answer of answers)
      expect(answer).toEqual({
        statusCode: 401,
        error: 'UNAUTHENTICATED',
        message: 'Missing or invalid webhook credentials',
      });
    // Nothing of a refused request is kept.
    expect(await t.prisma.webhookDelivery.count({ where: { integrationId: integration.id } })).toBe(
      2,
    );
  });

  it('stores the token only as a hash: not in the database, the inbox or the logs', async () => {
    const integration = await createIntegration(t, setup.team.id);
    const answer = await postWebhook(t, integration, body(), { 'x-request-id': 'auth-hash-check' });
    expect(answer.status).toBe(200);
    const row = await t.prisma.alertIntegration.findUniqueOrThrow({
      where: { id: integration.id },
    });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tokenHash).not.toBe(integration.token);
    const delivery = await t.prisma.webhookDelivery.findUniqueOrThrow({
      where: { id: answer.body.deliveryId },
    });
    expect(Object.keys(delivery.headers as object)).not.toContain('authorization');
    // Every table, as text.
    const dump = await t.prisma.$queryRaw<{ hit: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM alert_integrations x WHERE x::text LIKE '%' || ${integration.token} || '%')
          OR EXISTS (SELECT 1 FROM webhook_deliveries x WHERE x::text LIKE '%' || ${integration.token} || '%')
          OR EXISTS (SELECT 1 FROM alerts x WHERE x::text LIKE '%' || ${integration.token} || '%')
          OR EXISTS (SELECT 1 FROM tasks x WHERE x::text LIKE '%' || ${integration.token} || '%') AS hit`;
    expect(dump[0]!.hit).toBe(false);
    expect(JSON.stringify(t.logs)).not.toContain(integration.token);
    expect(JSON.stringify(t.logs)).toContain('auth-hash-check');
  });

  it('rotates the token: the new one works, the old one during its grace period only', async () => {
    const integration = await createIntegration(t, setup.team.id);
    const before = Date.now();
    const rotated = (await t.ok(ROTATE, { id: integration.id })).rotateIntegrationToken;
    expect(rotated.token).not.toBe(integration.token);
    const expires = new Date(rotated.previousTokenExpiresAt).getTime();
    expect(expires).toBeGreaterThanOrEqual(before + 60 * 60_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 60 * 60_000);
    expect(rotated.integration.tokenRotatedAt).not.toBeNull();
    const fresh: IntegrationRef = { ...integration, token: rotated.token };
    expect((await postWebhook(t, fresh, body())).status).toBe(200);
    expect((await postWebhook(t, integration, body())).status).toBe(200);

    // The grace period ends.
    await t.prisma.alertIntegration.update({
      where: { id: integration.id },
      data: { previousTokenExpiresAt: new Date(Date.now() - 1000) },
    });
    expect((await postWebhook(t, integration, body())).status).toBe(401);
    expect((await postWebhook(t, fresh, body())).status).toBe(200);
    const read = await t.ok(
      `query ($id: ID!) { alertIntegration(id: $id) { previousTokenExpiresAt } }`,
      { id: integration.id },
    );
    expect(read.alertIntegration.previousTokenExpiresAt).toBeNull();

    // graceMinutes 0 revokes the old token at once.
    const again = (await t.ok(ROTATE, { id: integration.id, grace: 0 })).rotateIntegrationToken;
    expect(again.previousTokenExpiresAt).toBeNull();
    expect((await postWebhook(t, fresh, body())).status).toBe(401);
    expect((await postWebhook(t, { ...integration, token: again.token }, body())).status).toBe(200);
  });

  it('accepts Grafana deliveries signed with HMAC-SHA256 over the raw body', async () => {
    const integration = await createIntegration(t, setup.team.id, {
      kind: 'GRAFANA',
      hmacSecret: SECRET,
    });
    // Whitespace and key order are part of what is signed: the raw bytes, not a re-serialization.
    const raw = JSON.stringify(fixture('grafana-firing.json'), null, 3);
    const signature = hmacHex(SECRET, raw);
    const post = (sig: string, text = raw): ReturnType<typeof postUnauthenticated> =>
      postUnauthenticated(t, integration.id, text, { 'x-grafana-alerting-signature': sig });
    expect((await post(signature)).status).toBe(200);
    expect((await post(signature.toUpperCase())).status).toBe(200);
    expect((await post(hmacHex('another-secret-entirely', raw))).status).toBe(401);
    expect((await post(signature, JSON.stringify(fixture('grafana-firing.json')))).status).toBe(
      401,
    );
    expect((await post(signature.slice(0, 40))).status).toBe(401);
    expect((await post(`sha256=${signature}`)).status).toBe(401);
    expect((await post('zz'.repeat(32))).status).toBe(401);
    // The bearer token keeps working next to the signature.
    expect((await postWebhook(t, integration, raw)).status).toBe(200);
    const kept = await t.prisma.webhookDelivery.findFirstOrThrow({
      where: { integrationId: integration.id },
    });
    expect(kept.body).toBe(raw);
  });

  it('checks a signed timestamp when Grafana is configured with a timestamp header, refusing stale ones', async () => {
    const integration = await createIntegration(t, setup.team.id, {
      kind: 'GRAFANA',
      hmacSecret: SECRET,
      hmacTimestampHeader: 'X-Grafana-Alerting-Signature-Timestamp',
    });
    const raw = JSON.stringify(fixture('grafana-firing.json'));
    const post = (
      timestamp: string | null,
      signature: string,
    ): ReturnType<typeof postUnauthenticated> =>
      postUnauthenticated(t, integration.id, raw, {
        'x-grafana-alerting-signature': signature,
        ...(timestamp === null ? {} : { 'x-grafana-alerting-signature-timestamp': timestamp }),
      });
    const now = Math.floor(Date.now() / 1000);
    const signed = (ts: number | string): string => hmacHex(SECRET, `${ts}:${raw}`);
    expect((await post(String(now), signed(now))).status).toBe(200);
    // Milliseconds are read as such.
    expect((await post(String(now * 1000), signed(now * 1000))).status).toBe(200);
    expect((await post(String(now - 240), signed(now - 240))).status).toBe(200);
    // Older (or newer) than five minutes: a replay.
    expect((await post(String(now - 360), signed(now - 360))).status).toBe(401);
    expect((await post(String(now + 360), signed(now + 360))).status).toBe(401);
    // The timestamp must be the signed one, and present.
    expect((await post(String(now - 1), signed(now))).status).toBe(401);
    expect((await post(null, signed(now))).status).toBe(401);
    expect((await post(String(now), hmacHex(SECRET, raw))).status).toBe(401);
    expect((await post('yesterday', signed('yesterday'))).status).toBe(401);
  });

  it('accepts PagerDuty v1 signatures, any one of several comma-separated', async () => {
    const integration = await createIntegration(t, setup.team.id, {
      kind: 'PAGERDUTY',
      hmacSecret: SECRET,
    });
    const raw = JSON.stringify(fixture('pagerduty-incident-triggered.json'));
    const good = hmacHex(SECRET, raw);
    const stale = hmacHex('the-previous-secret-xyz', raw);
    const post = (header: string): ReturnType<typeof postUnauthenticated> =>
      postUnauthenticated(t, integration.id, raw, { 'x-pagerduty-signature': header });
    expect((await post(`v1=${good}`)).status).toBe(200);
    expect((await post(`v1=${stale},v1=${good}`)).status).toBe(200);
    expect((await post(`v1=${stale}, v1=${good}`)).status).toBe(200);
    expect((await post(`v1=${stale}`)).status).toBe(401);
    expect((await post(`v0=${good}`)).status).toBe(401);
    expect((await post(good)).status).toBe(401);
    expect((await post('')).status).toBe(401);
    // A Grafana-style signature means nothing to a PagerDuty integration.
    expect(
      (await postUnauthenticated(t, integration.id, raw, { 'x-grafana-alerting-signature': good }))
        .status,
    ).toBe(401);
    const stored = await t.prisma.webhookDelivery.findMany({
      where: { integrationId: integration.id },
    });
    expect(stored).toHaveLength(3);
    // The signature header is kept for inspection; the body as received.
    expect(
      stored.every(
        (d) =>
          d.body === raw &&
          typeof (d.headers as Record<string, string>)['x-pagerduty-signature'] === 'string',
      ),
    ).toBe(true);
  });
});
