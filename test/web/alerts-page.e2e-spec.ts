/// <reference lib="dom" />
/**
 * The alerts page: lists the team's integrations and creates one (its token shown once, the
 * snippets filled in with its URL); rotating a token shows the new one and the old one stops
 * working; each tool's curl test alert is accepted by its webhook; the deliveries inbox shows a
 * posted delivery with its outcome and body, and replays it; a hostile payload renders as text
 * and runs nothing; no serious accessibility violations at 1280×800 or on a 390-px phone.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createIntegration } from '../helpers/alert-factories';
import {
  createThroughPage,
  openAlerts,
  postHook,
  seedTeam,
  shownToken,
  snippet,
  startAlertsService,
} from '../helpers/alerts-page';
import {
  describeBrowser,
  launchBrowser,
  openPage,
  seriousAxeViolations,
  type WebService,
} from '../helpers/browser';

const HOSTILE_TITLE = '<script>window.__pwned = "title"</script>Disk full';
const HOSTILE_DESCRIPTION =
  '<img src=x onerror="window.__pwned = \'description\'"> see <a href="javascript:window.__pwned=2">the runbook</a>';

describeBrowser('web app: the alerts page', () => {
  let service: WebService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    service = await startAlertsService();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    ({ page, problems } = await openPage(context));
  });

  afterEach(async () => {
    await context.close();
  });

  it('lists the integrations and creates one, its token shown once and in its snippets', async () => {
    const { team, board } = await seedTeam(service.t);
    const second = await createBoard2(team.id);
    await createIntegration(service.t, team.id, { kind: 'GRAFANA', name: 'Grafana staging' });
    await createIntegration(service.t, team.id, { kind: 'KAPACITOR', name: 'Kapacitor hosts' });
    await openAlerts(page, service, team);
    const nav = page.getByRole('navigation', { name: 'Integrations' });
    await nav.getByRole('link', { name: /Grafana staging/ }).waitFor();
    expect(await nav.getByRole('link').allInnerTexts()).toEqual([
      expect.stringContaining('Grafana staging'),
      expect.stringContaining('Kapacitor hosts'),
    ]);
    // The first is open; another opens from the list.
    await page.getByRole('heading', { name: 'Grafana staging', level: 2 }).waitFor();
    await nav.getByRole('link', { name: /Kapacitor hosts/ }).click();
    await page.getByRole('heading', { name: 'Kapacitor hosts', level: 2 }).waitFor();
    expect(await snippet(page, 'kapacitor').innerText()).toContain('[[httppost]]');
    expect(await snippet(page, 'kapacitor').innerText()).toContain('Bearer <token>');

    const token = await createThroughPage(page, {
      tool: 'Prometheus Alertmanager',
      name: 'Prometheus production',
      board: second.name,
    });
    expect(token).toMatch(/^lbw_/);
    // The new integration through the API: its kind, name and board.
    const { alertIntegrations } = await service.t.ok<{ alertIntegrations: any[] }>(
      `query ($t: ID!) { alertIntegrations(teamId: $t) { id kind name webhookUrl board { id } } }`,
      { t: team.id },
    );
    const created = alertIntegrations.find((i) => i.name === 'Prometheus production');
    expect(created).toMatchObject({ kind: 'ALERTMANAGER', board: { id: second.id } });
    expect(board.id).not.toBe(second.id);
    // The page opened it, by id in the URL (never the token).
    expect(new URL(page.url()).searchParams.get('integration')).toBe(created.id);
    expect(page.url()).not.toContain(token);
    const receiver = await snippet(page, 'alertmanager').innerText();
    expect(receiver).toContain(`url: ${created.webhookUrl}`);
    expect(receiver).toContain(`credentials: ${token}`);
    expect(await snippet(page, 'curl').innerText()).toContain(created.webhookUrl);
    // The token works.
    const sent = await postHook(created.webhookUrl, token, alertmanagerBody('CreatedFromPage'));
    expect(sent.status).toBe(200);

    // Hidden, it is gone from the page and its snippets.
    await page.getByRole('button', { name: 'I have stored it: hide the token' }).click();
    await page.locator('.notice-secret').waitFor({ state: 'detached' });
    expect(await page.locator('main').innerText()).not.toContain(token);
    expect(await snippet(page, 'alertmanager').innerText()).toContain('credentials: <token>');
    expect(problems).toEqual([]);
  });

  it('rotates a token: the new one is shown and works, the old one stops working', async () => {
    const { team } = await seedTeam(service.t);
    const integration = await createIntegration(service.t, team.id, {
      kind: 'GENERIC',
      name: 'Synthetic checks',
    });
    const body = { title: 'Checkout is slow', severity: 'high' };
    expect((await postHook(integration.webhookUrl, integration.token, body)).status).toBe(200);
    await openAlerts(page, service, team, integration.id);
    await page.getByLabel('The current token').selectOption({ label: 'stops working now' });
    await page.getByRole('button', { name: 'Rotate token' }).click();
    const token = await shownToken(page);
    expect(token).toMatch(/^lbw_/);
    expect(token).not.toBe(integration.token);
    await page.getByText('The previous token no longer works.').waitFor();
    expect(await snippet(page, 'curl').innerText()).toContain(`Bearer ${token}`);
    expect((await postHook(integration.webhookUrl, integration.token, body)).status).toBe(401);
    expect((await postHook(integration.webhookUrl, token, body)).status).toBe(200);
    expect(page.url()).not.toContain(token);
    expect(problems).toEqual([]);
  });

  it('shows a posted delivery with its outcome and body, and replays it', async () => {
    const { team } = await seedTeam(service.t);
    const integration = await createIntegration(service.t, team.id, {
      kind: 'GENERIC',
      name: 'Synthetic checks',
    });
    await openAlerts(page, service, team, integration.id);
    const inbox = page.getByRole('region', { name: 'Deliveries' });
    await inbox.getByText('Nothing received yet.', { exact: false }).waitFor();
    const res = await postHook(integration.webhookUrl, integration.token, {
      title: 'Queue backlog above 10k',
      severity: 'critical',
      service: 'orders-consumer',
    });
    expect(res.status).toBe(200);
    const { deliveryId } = (await res.json()) as { deliveryId: string };
    // The page hears the alert's activity; Refresh reads it too.
    const entry = inbox.locator(`[data-delivery-id="${deliveryId}"]`);
    await entry.waitFor({ timeout: 5000 }).catch(async () => {
      await inbox.getByRole('button', { name: 'Refresh' }).click();
      await entry.waitFor();
    });
    expect(await entry.getAttribute('data-outcome')).toBe('PROCESSED');
    expect(await entry.locator('summary').innerText()).toContain('Processed');
    expect(await entry.locator('summary').innerText()).toContain('1 received · 1 created');
    await entry.locator('summary').click();
    const body = entry.getByTestId('delivery-body');
    expect(JSON.parse(await body.innerText())).toEqual({
      title: 'Queue backlog above 10k',
      severity: 'critical',
      service: 'orders-consumer',
    });
    await entry.getByText(/→ card /).waitFor();

    await entry.getByRole('button', { name: 'Replay this delivery' }).click();
    await inbox
      .getByRole('status')
      .getByText(/Replayed the delivery .*: Processed/)
      .waitFor();
    await inbox.locator('[data-delivery-id]').nth(1).waitFor();
    const { webhookDeliveries } = await service.t.ok<{ webhookDeliveries: any }>(
      `query ($i: ID!) { webhookDeliveries(integrationId: $i) { totalCount edges { node { id replayOfId outcome summary { updated } } } } }`,
      { i: integration.id },
    );
    expect(webhookDeliveries.totalCount).toBe(2);
    const replay = webhookDeliveries.edges[0].node;
    expect(replay).toMatchObject({ replayOfId: deliveryId, outcome: 'PROCESSED' });
    const replayEntry = inbox.locator('[data-delivery-id]').first();
    expect(await replayEntry.getAttribute('data-delivery-id')).toBe(replay.id);
    expect(await replayEntry.locator('summary').innerText()).toContain('a replay');
    expect(problems).toEqual([]);
  });

  it('renders a hostile payload as text and runs none of it', async () => {
    const { team } = await seedTeam(service.t);
    const integration = await createIntegration(service.t, team.id, {
      kind: 'GENERIC',
      name: '<b>Synthetic</b> <img src=x onerror="window.__pwned = \'name\'">',
    });
    const hostile = {
      title: HOSTILE_TITLE,
      description: HOSTILE_DESCRIPTION,
      severity: 'high',
      service: '<svg onload="window.__pwned = 1">',
      links: [
        { title: 'Runbook', url: 'javascript:window.__pwned = "link"' },
        { title: 'Dashboard', url: 'https://grafana.example.com/d/disk' },
      ],
    };
    expect((await postHook(integration.webhookUrl, integration.token, hostile)).status).toBe(200);
    // Not of the tool's shape (no title): rejected, and kept as received.
    const raw = {
      summary: '<script>window.__pwned = "raw"</script>',
      link: '<a href="javascript:window.__pwned = 3">x</a>',
    };
    const rejected = await postHook(integration.webhookUrl, integration.token, raw);
    expect(rejected.status).toBe(400);
    await openAlerts(page, service, team, integration.id);
    await page.getByRole('heading', { name: /Synthetic/, level: 2 }).waitFor();
    expect(await page.getByRole('heading', { level: 2 }).first().innerText()).toBe(
      '<b>Synthetic</b> <img src=x onerror="window.__pwned = \'name\'">',
    );
    const entries = page.locator('[data-delivery-id]');
    await entries.nth(1).waitFor();
    for (const summary of await entries.locator('summary').all()) await summary.click();
    const bodies = await page.getByTestId('delivery-body').allInnerTexts();
    expect(JSON.parse(bodies[0]!)).toEqual(raw);
    expect(JSON.parse(bodies[1]!)).toEqual(hostile);
    expect(await entries.first().getAttribute('data-outcome')).toBe('REJECTED');
    await page.getByText(HOSTILE_TITLE).first().waitFor();

    expect(
      await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
        scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
        images: document.querySelectorAll('img').length,
        svgs: document.querySelectorAll('svg[onload]').length,
        links: document.querySelectorAll('main a[href^="javascript:"], main a[href^="data:"]')
          .length,
      })),
    ).toEqual({ pwned: null, scripts: 0, images: 0, svgs: 0, links: 0 });
    expect(problems).toEqual([]);
  });

  it('gives every tool a curl test alert in its own format, which the webhook accepts', async () => {
    const { team } = await seedTeam(service.t);
    for (const kind of ['ALERTMANAGER', 'GRAFANA', 'KAPACITOR', 'PAGERDUTY', 'GENERIC']) {
      const integration = await createIntegration(service.t, team.id, { kind, name: kind });
      // Signed in once; the tab keeps its session.
      if (kind === 'ALERTMANAGER') await openAlerts(page, service, team, integration.id);
      else
        await page.goto(
          `${service.baseUrl}/teams/${team.key}/alerts?integration=${integration.id}`,
        );
      await page.getByRole('heading', { name: kind, level: 2, exact: true }).waitFor();
      const curl = await snippet(page, 'curl').innerText();
      const url = /curl -sS '([^']+)'/.exec(curl)?.[1];
      const body = /-d '(.+)'\s*$/s.exec(curl)?.[1]?.replace(/'\\''/g, "'");
      expect(url).toBe(integration.webhookUrl);
      expect(curl).toContain('Bearer <token>');
      const res = await postHook(url!, integration.token, body!);
      expect([kind, res.status, await res.text()]).toEqual([kind, 200, expect.any(String)]);
    }
    const { alerts } = await service.t.ok<{ alerts: { totalCount: number } }>(
      `query ($t: ID!) { alerts(teamId: $t) { totalCount } }`,
      { t: team.id },
    );
    expect(alerts.totalCount).toBe(5);
    expect(problems).toEqual([]);
  });

  it.each([
    ['at 1280×800', { width: 1280, height: 800 }],
    ['on a 390-px phone', { width: 390, height: 844 }],
  ])('has no serious accessibility violations %s', async (_, viewport) => {
    await context.close();
    context = await browser.newContext({ viewport });
    ({ page, problems } = await openPage(context));
    const { team } = await seedTeam(service.t);
    const grafana = await createIntegration(service.t, team.id, {
      kind: 'GRAFANA',
      name: 'Grafana production',
      hmacSecret: 'grafana-signing-secret',
    });
    await createIntegration(service.t, team.id, { kind: 'GENERIC', name: 'Synthetic checks' });
    const grafanaBody = {
      version: '1',
      status: 'firing',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'DiskAlmostFull', severity: 'warning' },
          annotations: { summary: 'Disk usage above 90% on db-2' },
        },
      ],
    };
    expect((await postHook(grafana.webhookUrl, grafana.token, grafanaBody)).status).toBe(200);
    expect((await postHook(grafana.webhookUrl, grafana.token, { version: '4' })).status).toBe(400);
    await openAlerts(page, service, team, grafana.id);
    await page.getByRole('heading', { name: 'Grafana production', level: 2 }).waitFor();
    expect(await page.getByTestId('hmac-state').innerText()).toContain('Set: signed deliveries');
    const entries = page.locator('[data-delivery-id]');
    await entries.nth(1).waitFor();
    await entries.first().locator('summary').click();
    await entries.first().getByTestId('delivery-body').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The new-integration dialog too.
    await page.getByRole('button', { name: 'New integration' }).click();
    await page
      .getByRole('dialog', { name: 'New integration' })
      .getByLabel('Tool')
      .selectOption('PAGERDUTY');
    await page.getByRole('dialog').getByLabel('HMAC secret (optional)').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    // Nothing wider than the screen: long URLs and snippets scroll inside their blocks.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      viewport.width,
    );
    expect(problems).toEqual([]);
  });

  async function createBoard2(teamId: string): Promise<{ id: string; name: string }> {
    const { createBoard } = await service.t.ok<{ createBoard: { id: string } }>(
      `mutation ($t: ID!) { createBoard(input: {teamId: $t, name: "Production"}) { id } }`,
      { t: teamId },
    );
    return { id: createBoard.id, name: 'Production' };
  }
});

function alertmanagerBody(alertname: string): Record<string, unknown> {
  return {
    version: '4',
    status: 'firing',
    receiver: 'loopboard',
    groupKey: `{}:{alertname="${alertname}"}`,
    alerts: [
      {
        status: 'firing',
        labels: { alertname, severity: 'warning' },
        annotations: { summary: `${alertname} fired` },
        startsAt: new Date().toISOString(),
      },
    ],
  };
}
