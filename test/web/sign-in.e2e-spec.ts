/// <reference lib="dom" />
/**
 * Signing in to the web app with an API token: a good token opens the app (kept in
 * sessionStorage, never in the URL), a bad one is refused on the page, a revoked one ends the
 * session, signing out forgets it; the sign-in page has no serious accessibility violations.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { createTeam } from '../helpers/factories';
import {
  describeBrowser,
  launchBrowser,
  openPage,
  seriousAxeViolations,
  signIn,
  startWebService,
  type WebService,
} from '../helpers/browser';

describeBrowser('web app: sign in', () => {
  let service: WebService;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    service = await startWebService();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext();
  });

  afterEach(async () => {
    await context.close();
  });

  it('signs in with a good token, keeps it in sessionStorage only, and signs out', async () => {
    const team = await createTeam(service.t, { name: 'Payments' });
    const { page, problems } = await openPage(context);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await signIn(page, service.baseUrl, service.t.adminToken);
    // One team: straight to its board.
    await page.waitForURL(`${service.baseUrl}/teams/${team.key}/board`);
    await page.getByRole('navigation', { name: 'Team' }).getByText('Payments').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('loopboard.token'))).toBe(
      service.t.adminToken,
    );
    expect(await page.evaluate(() => document.cookie)).toBe('');
    for (const url of requests) {
      expect(url).not.toContain(service.t.adminToken);
      expect(url.startsWith(service.baseUrl)).toBe(true);
    }
    // A reload keeps the session (same tab).
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('loopboard.token'))).toBeNull();
    expect(problems).toEqual([]);
  });

  it('refuses a bad token on the sign-in page', async () => {
    const { page } = await openPage(context);
    await page.goto(service.baseUrl);
    await page.getByLabel('API token').fill('lb_not_a_real_token_000000000000000000000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('This token was not accepted').waitFor();
    expect(await page.getByLabel('API token').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => sessionStorage.getItem('loopboard.token'))).toBeNull();
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  });

  it('ends the session when the token is revoked', async () => {
    const team = await createTeam(service.t);
    const created = await service.t.ok<{
      createApiToken: { token: string; apiToken: { id: string } };
    }>(
      `mutation ($t: ID!) { createApiToken(input: {name: "web-user", teamId: $t, role: MEMBER}) {
        token apiToken { id } } }`,
      { t: team.id },
    );
    const { page } = await openPage(context);
    await signIn(page, service.baseUrl, created.createApiToken.token);
    await page.waitForURL(`${service.baseUrl}/teams/${team.key}/board`);
    await service.t.ok(`mutation ($id: ID!) { revokeApiToken(id: $id) { id } }`, {
      id: created.createApiToken.apiToken.id,
    });
    // The service closes the live socket of a revoked token: the page says so.
    await page.getByTestId('session-ended').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('session-ended').textContent()).toContain('revoked');
    expect(await page.evaluate(() => sessionStorage.getItem('loopboard.token'))).toBeNull();
  });

  it('has no serious or critical accessibility violations on the sign-in page', async () => {
    const { page, problems } = await openPage(context);
    await page.goto(service.baseUrl);
    await page.getByLabel('API token').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
