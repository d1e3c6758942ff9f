/**
 * The HTTP surface: Apollo's CSRF prevention, helmet's security headers on every answer, CORS
 * off unless an allow-list names the origin, introspection and the GraphiQL page off in
 * production (unless GRAPHQL_INTROSPECTION says otherwise), and /metrics behind its own token
 * when METRICS_TOKEN is set.
 */
import { startTestApp, type TestApp } from '../helpers/test-app';

const INTROSPECTION = '{ __schema { queryType { name } } }';
const ORIGIN = 'https://app.example.com';
const METRICS_TOKEN = 'metrics-secret-0123456789';

/** Headers helmet sets that suit an API, and their values. */
const SECURITY_HEADERS: Record<string, string | RegExp> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'strict-transport-security': /^max-age=\d+; includeSubDomains$/,
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-permitted-cross-domain-policies': 'none',
};

function expectSecurityHeaders(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (typeof value === 'string') expect([name, headers[name]]).toEqual([name, value]);
    else expect(headers[name]).toMatch(value);
  }
  expect(headers['x-powered-by']).toBeUndefined();
}

describe('HTTP hardening (development defaults)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('blocks GET queries and simple POSTs that lack the CSRF preflight header', async () => {
    const blocked = [
      await t.http.get('/graphql').query({ query: '{ viewer { name } }' }),
      await t.http
        .post('/graphql')
        .set('content-type', 'text/plain')
        .send(`{"query":"{ viewer { name } }"}`),
      await t.http
        .post('/graphql')
        .set('content-type', 'application/x-www-form-urlencoded')
        .send('query=%7B%20viewer%20%7B%20name%20%7D%20%7D'),
      await t.http
        .post('/graphql')
        .set('content-type', 'multipart/form-data; boundary=x')
        .send('--x--'),
    ];
    for (const res of blocked) {
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/Cross-Site Request Forgery/);
      expect(res.text).not.toContain('"viewer"');
    }
    // A client that says it is one (a custom header) may use GET for queries, never mutations.
    const allowed = await t.http
      .get('/graphql')
      .query({ query: '{ viewer { name } }' })
      .set('apollo-require-preflight', 'true');
    expect(allowed.status).toBe(200);
    expect(allowed.body.data.viewer.name).toBe('bootstrap-admin');
    const teams = await t.prisma.team.count();
    const mutation = await t.http
      .get('/graphql')
      .query({ query: 'mutation { createTeam(input: { key: "VIAGET", name: "x" }) { id } }' })
      .set('apollo-require-preflight', 'true');
    expect(mutation.status).toBe(405);
    expect(await t.prisma.team.count()).toBe(teams);
  });

  it('sets the security headers on every answer, errors included', async () => {
    const answers = [
      await t.gql('{ viewer { name } }'),
      await t.anon.get('/health/live'),
      await t.anon.get('/metrics'),
      await t.anon
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({ query: '{ teams { id } }' }),
      await t.anon.get('/reports/sprints/00000000-0000-4000-8000-000000000000/capacity.json'),
      await t.http.get('/no/such/route'),
    ];
    for (const res of answers) expectSecurityHeaders(res.headers);
  });

  it('sends no CORS headers when no origin is allowed', async () => {
    const preflight = await t.anon
      .options('/graphql')
      .set('origin', ORIGIN)
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'authorization,content-type');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const post = await t.gql('{ viewer { name } }', {}, { origin: ORIGIN });
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
    expect(post.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('serves introspection and GraphiQL outside production (so their absence below means something)', async () => {
    const introspection = await t.gql(INTROSPECTION);
    expect(introspection.data?.__schema.queryType.name).toBe('Query');
    const page = await t.anon
      .get('/graphql')
      .set('accept', 'text/html')
      .set('apollo-require-preflight', 'true');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/graphiql/i);
  });
});

describe('HTTP hardening (production)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: { NODE_ENV: 'production', CORS_ORIGINS: ORIGIN, METRICS_TOKEN },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('turns introspection and the GraphiQL page off', async () => {
    const introspection = await t.gql(INTROSPECTION);
    expect(introspection.data).toBeNull();
    expect(introspection.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(introspection.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
    const typeName = await t.gql('{ __type(name: "Task") { fields { name } } }');
    expect(typeName.data).toBeNull();
    const page = await t.anon
      .get('/graphql')
      .set('accept', 'text/html')
      .set('apollo-require-preflight', 'true');
    expect(page.text).not.toMatch(/graphiql|<html/i);
    // Ordinary queries work.
    expect((await t.gql('{ viewer { name } }')).data?.viewer.name).toBe('bootstrap-admin');
  });

  it('sets a Content-Security-Policy as well', async () => {
    const res = await t.anon.get('/health/live');
    expectSecurityHeaders(res.headers);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers CORS for the listed origin only', async () => {
    const preflight = (origin: string) =>
      t.anon
        .options('/graphql')
        .set('origin', origin)
        .set('access-control-request-method', 'POST')
        .set('access-control-request-headers', 'authorization,content-type');
    const allowed = await preflight(ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
    const other = await preflight('https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const post = await t.gql('{ viewer { name } }', {}, { origin: 'https://evil.example.com' });
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
    const listed = await t.gql('{ viewer { name } }', {}, { origin: ORIGIN });
    expect(listed.headers['access-control-allow-origin']).toBe(ORIGIN);
  });

  it('protects /metrics with METRICS_TOKEN, and keeps /health/* open', async () => {
    const none = await t.anon.get('/metrics');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ error: 'UNAUTHENTICATED' });
    expect(JSON.stringify(none.body)).not.toContain(METRICS_TOKEN);
    expect(
      (await t.anon.get('/metrics').set('authorization', 'Bearer wrong-token-0123456789')).status,
    ).toBe(401);
    // An API token, even the instance admin's, is not the metrics token.
    expect(
      (await t.anon.get('/metrics').set('authorization', `Bearer ${t.adminToken}`)).status,
    ).toBe(401);
    const ok = await t.anon.get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('# TYPE');
    expect((await t.anon.get('/health/live')).status).toBe(200);
    expect((await t.anon.get('/health/ready')).status).toBe(200);
  });
});

describe('HTTP hardening (production with GRAPHQL_INTROSPECTION=true)', () => {
  it('allows introspection when configured, still without the GraphiQL page', async () => {
    const t = await startTestApp({
      env: { NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' },
    });
    try {
      expect((await t.gql(INTROSPECTION)).data?.__schema.queryType.name).toBe('Query');
      const page = await t.anon
        .get('/graphql')
        .set('accept', 'text/html')
        .set('apollo-require-preflight', 'true');
      expect(page.text).not.toMatch(/graphiql|<html/i);
    } finally {
      await t.close();
    }
  });
});
