/**
 * The service serves the built web app at `/`: hashed assets cached for a year, index.html never
 * cached and answered for client routes, a Content-Security-Policy of its own origin only, and
 * the API's own paths (GraphQL, webhooks, health, metrics, report files) untouched.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureWebBuilt } from '../helpers/browser';
import { REPO_ROOT } from '../helpers/spawn-service';
import { startTestApp, type TestApp } from '../helpers/test-app';

const isIndex = (text: string): boolean => text.includes('<div id="root"></div>');

describe('web app serving', () => {
  let t: TestApp;
  let script: string;

  beforeAll(async () => {
    await ensureWebBuilt();
    script = readdirSync(join(REPO_ROOT, 'web', 'dist', 'assets')).find((f) => f.endsWith('.js'))!;
    t = await startTestApp();
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('answers / and client routes with index.html, never cached, under the CSP', async () => {
    for (const path of ['/', '/teams/SRE/board', '/teams/SRE/board/0b0e?card=SRE-1']) {
      const res = await t.anon.get(path).set('accept', 'text/html');
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(isIndex(res.text)).toBe(true);
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+/);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
    }
  });

  it('serves hashed assets for a year and answers 404 for a missing one', async () => {
    const asset = await t.anon.get(`/assets/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const index = await t.anon.get('/');
    expect(index.text).toContain(`/assets/${script}`);
    // No inline script in the page: the CSP would refuse it.
    expect(index.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

    const missing = await t.anon.get('/assets/index-missing.js');
    expect(missing.status).toBe(404);
    expect(isIndex(missing.text)).toBe(false);
    const favicon = await t.anon.get('/favicon.svg');
    expect(favicon.status).toBe(200);
    expect(favicon.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('leaves GraphQL, webhooks, health, metrics and report files to the service', async () => {
    const graphql = await t.gql('{ viewer { name } }');
    expect(graphql.data).toEqual({ viewer: { name: 'bootstrap-admin' } });
    const health = await t.anon.get('/health/live');
    expect(health.status).toBe(200);
    expect(health.headers['content-type']).toMatch(/json/);
    const metrics = await t.anon.get('/metrics');
    expect(metrics.text).toContain('# HELP');
    const webhook = await t.anon.get('/webhooks/00000000-0000-4000-8000-000000000000');
    expect(isIndex(webhook.text)).toBe(false);
    const report = await t.anon
      .get('/reports/sprints/00000000-0000-4000-8000-000000000000/capacity.json')
      .set('accept', 'text/html');
    expect(report.status).toBe(401);
    expect(isIndex(report.text)).toBe(false);
    const graphiql = await t.anon.get('/graphql').set('accept', 'text/html');
    expect(isIndex(graphiql.text)).toBe(false);
    // Only GET and HEAD reach the web app.
    const post = await t.anon.post('/teams/SRE/board').send({});
    expect(post.status).toBe(404);
  });
});
