/**
 * Request rates (OWASP API4): GraphQL per token, webhooks per integration, and failed webhook
 * authentications per client address, each answered with 429 and Retry-After. Limits are set
 * low here so that a handful of requests reaches them.
 */
import { postWebhook, type IntegrationRef } from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { createTeam } from '../helpers/factories';
import { bearer, type IssuedToken } from '../helpers/api-tokens';
import { startTestApp, type TestApp } from '../helpers/test-app';

const QUERY = { query: '{ viewer { name } }' };

describe('rate limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        GRAPHQL_RATE_LIMIT_PER_MINUTE: '5',
        WEBHOOK_RATE_LIMIT_PER_MINUTE: '3',
        WEBHOOK_AUTH_FAILURES_PER_MINUTE: '3',
        // Client addresses come from X-Forwarded-For, so that one test can be several clients.
        TRUST_PROXY: 'true',
      },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  /** A token of its own, issued without spending the instance admin's budget on GraphQL. */
  async function freshToken(): Promise<IssuedToken> {
    const { ApiTokensService } = await import('../../src/auth/api-tokens.service');
    const created = await t.app.get(ApiTokensService).create(null, {
      name: `rate ${Math.random()}`,
      teamId: null,
      role: null,
      instanceAdmin: true,
      expiresAt: null,
    });
    return { id: created.apiToken.id, token: created.token };
  }

  const post = (token: string, path = '/graphql') =>
    t.anon.post(path).set('content-type', 'application/json').set(bearer(token)).send(QUERY);

  function expectLimited(
    res: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
    limit: string,
  ): void {
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.body).toMatchObject({
      statusCode: 429,
      error: 'TOO_MANY_REQUESTS',
      retryAfterSeconds: retryAfter,
    });
    expect(res.body.message).toContain(limit);
  }

  it('answers the 6th GraphQL request of a token in a minute with 429 and Retry-After', async () => {
    const token = await freshToken();
    for (let i = 0; i < 5; i++) expect((await post(token.token)).status).toBe(200);
    const limited = await post(token.token);
    expectLimited(limited, '5 API requests per minute per token');
    // The limit is per token: another one is not affected.
    const other = await freshToken();
    expect((await post(other.token)).status).toBe(200);
  });

  it('counts GET queries and every spelling of the path against the same limit', async () => {
    const token = await freshToken();
    const attempts = [
      () => post(token.token),
      () => post(token.token, '/graphql/'),
      () => post(token.token, '/GraphQL'),
      () =>
        t.anon
          .get('/graphql')
          .query({ query: '{ viewer { name } }' })
          .set('apollo-require-preflight', 'true')
          .set(bearer(token.token)),
      () => post(token.token),
    ];
    for (const attempt of attempts) expect((await attempt()).status).toBe(200);
    for (const attempt of attempts) expectLimited(await attempt(), 'per token');
  });

  it('limits requests without a token per client address', async () => {
    const anonymous = (address: string) =>
      t.anon
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('x-forwarded-for', address)
        .send(QUERY);
    for (let i = 0; i < 5; i++) expect((await anonymous('203.0.113.7')).status).toBe(200);
    expectLimited(await anonymous('203.0.113.7'), 'per minute');
    expect((await anonymous('203.0.113.8')).status).toBe(200);
  });

  describe('webhooks', () => {
    let teamId: string;

    beforeAll(async () => {
      teamId = (await createTeam(t)).id;
    });

    /** An integration, created with a token of its own (the admin's GraphQL budget is 5). */
    async function integrationOf(team: string): Promise<IntegrationRef> {
      const res = await t.gql<{
        createAlertIntegration: { integration: { id: string }; token: string; webhookUrl: string };
      }>(
        `mutation ($input: CreateAlertIntegrationInput!) {
          createAlertIntegration(input: $input) { integration { id } token webhookUrl }
        }`,
        { input: { teamId: team, kind: 'ALERTMANAGER', name: 'Prometheus' } },
        bearer((await freshToken()).token),
      );
      const payload = res.data!.createAlertIntegration;
      return { id: payload.integration.id, token: payload.token, webhookUrl: payload.webhookUrl };
    }

    it('limits deliveries per integration, not for the others', async () => {
      const integration = await integrationOf(teamId);
      const other = await integrationOf(teamId);
      for (let i = 0; i < 3; i++)
        expect((await postWebhook(t, integration, amGroup([amAlert()]))).status).toBe(200);
      const limited = await postWebhook(t, integration, amGroup([amAlert()]));
      expectLimited(limited, '3 deliveries per minute per integration');
      // The same integration spelled differently is the same integration.
      const upper = { ...integration, id: integration.id.toUpperCase() };
      expectLimited(await postWebhook(t, upper, amGroup([amAlert()])), 'per integration');
      expect((await postWebhook(t, other, amGroup([amAlert()]))).status).toBe(200);
      // Nothing of the refused deliveries was stored.
      expect(
        await t.prisma.webhookDelivery.count({ where: { integrationId: integration.id } }),
      ).toBe(3);
    });

    it("does not let senders without the token use up an integration's budget", async () => {
      const integration = await integrationOf(teamId);
      const forged = { ...integration, token: 'wh_forged-0000000000000000000000000000000000' };
      for (const address of ['192.0.2.1', '192.0.2.2', '192.0.2.3'])
        for (let i = 0; i < 2; i++)
          expect(
            (await postWebhook(t, forged, amGroup([amAlert()]), { 'x-forwarded-for': address }))
              .status,
          ).toBe(401);
      for (let i = 0; i < 3; i++)
        expect((await postWebhook(t, integration, amGroup([amAlert()]))).status).toBe(200);
      expect((await postWebhook(t, integration, amGroup([amAlert()]))).status).toBe(429);
    });

    it('limits failed authentications per client address; a valid sender still gets through', async () => {
      const integration = await integrationOf(teamId);
      const body = JSON.stringify(amGroup([amAlert()]));
      const from = (address: string, token: string) =>
        t.anon
          .post(`/webhooks/${integration.id}`)
          .set('content-type', 'application/json')
          .set('x-forwarded-for', address)
          .set(bearer(token))
          .send(body);
      const guess = 'wh_not-the-token-0000000000000000000000000000';
      for (let i = 0; i < 3; i++) expect((await from('198.51.100.23', guess)).status).toBe(401);
      const limited = await from('198.51.100.23', guess);
      expectLimited(limited, '3 failed webhook authentications per minute per address');
      expect((await from('198.51.100.23', guess)).status).toBe(429);
      // Alertmanager, from its own address, is not slowed down by someone else's guessing.
      expect((await from('198.51.100.99', integration.token)).status).toBe(200);
      expect(
        await t.prisma.webhookDelivery.count({ where: { integrationId: integration.id } }),
      ).toBe(1);
    });
  });
});
