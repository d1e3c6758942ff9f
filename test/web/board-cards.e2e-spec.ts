/// <reference lib="dom" />
/**
 * Cards on the board page: created and edited through the page (checked through GraphQL), and
 * a hostile alert payload (`<script>`, `<img onerror>`, `javascript:` links) shown as text in
 * the card and its panel, running nothing; real http(s) links stay links.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createIntegration } from '../helpers/alert-factories';
import { card, column, openBoard, seedBoard } from '../helpers/board-page';
import {
  describeBrowser,
  launchBrowser,
  openPage,
  startWebService,
  type WebService,
} from '../helpers/browser';

const HOSTILE_TITLE = '<script>window.__pwned = "title"</script>Disk full';
const HOSTILE_DESCRIPTION =
  '<img src=x onerror="window.__pwned = \'description\'"> on /var, see <a href="javascript:window.__pwned=2">the runbook</a>';

describeBrowser('web app: cards', () => {
  let service: WebService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    service = await startWebService();
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

  it('creates a card and edits it from the page', async () => {
    const seeded = await seedBoard(service.t, { TODO: 1 });
    await openBoard(page, service.baseUrl, service.t.adminToken, seeded, 1);
    await page.getByRole('button', { name: 'New card' }).click();
    const dialog = page.getByRole('dialog', { name: 'New card' });
    await dialog.getByLabel('Title').fill('Rotate the signing keys');
    await dialog.getByLabel('Column').selectOption({ label: 'In Progress' });
    await dialog.getByLabel('Type').selectOption('CHORE');
    await dialog.getByLabel('Priority').selectOption('HIGH');
    await dialog.getByLabel('Estimate (points)').fill('3');
    await dialog.getByLabel('Assignee').selectOption({ label: 'Ben Okafor' });
    await dialog.getByLabel('Labels (comma-separated)').fill('security, keys');
    await dialog.getByLabel('Description').fill('Every 90 days.\nSee the runbook.');
    await dialog.getByRole('button', { name: 'Create card' }).click();
    const created = column(page, 'In Progress').getByText('Rotate the signing keys');
    await created.waitFor();
    const { tasks } = await service.t.ok<{ tasks: { edges: { node: any }[] } }>(
      `query ($t: ID!) { tasks(teamId: $t, filter: {text: "signing keys"}) { edges { node {
        id key type priority estimate labels description assignee { name } column { name } } } } }`,
      { t: seeded.team.id },
    );
    const stored = tasks.edges[0]!.node;
    expect(stored).toMatchObject({
      type: 'CHORE',
      priority: 'HIGH',
      estimate: 3,
      labels: ['security', 'keys'],
      description: 'Every 90 days.\nSee the runbook.',
      assignee: { name: 'Ben Okafor' },
      column: { name: 'In Progress' },
    });

    await card(page, stored.key).getByRole('button').click();
    const panel = page.getByRole('dialog', { name: new RegExp(stored.key) });
    await panel.getByTestId('card-description').waitFor();
    expect(await panel.getByTestId('card-description').innerText()).toBe(
      'Every 90 days.\nSee the runbook.',
    );
    await panel.getByRole('button', { name: 'Edit' }).click();
    await panel.getByLabel('Title').fill('Rotate the signing keys (all regions)');
    await panel.getByLabel('Priority').selectOption('URGENT');
    await panel.getByLabel('Assignee').selectOption('');
    await panel.getByRole('button', { name: 'Save' }).click();
    await card(page, stored.key).getByText('Rotate the signing keys (all regions)').waitFor();
    const after = await service.t.ok<{ task: any }>(
      `query ($id: ID!) { task(id: $id) { title priority assignee { name } history { kind } } }`,
      { id: stored.id },
    );
    expect(after.task).toMatchObject({
      title: 'Rotate the signing keys (all regions)',
      priority: 'URGENT',
      assignee: null,
    });
    expect(await card(page, stored.key).innerText()).toContain('Urgent');
    expect(await card(page, stored.key).innerText()).not.toContain('Ben Okafor');
    // The history in the panel shows the changes.
    await panel.getByText('priority raised').or(panel.getByText('updated')).first().waitFor();
    expect(problems).toEqual([]);
  });

  it('renders a hostile alert payload as text and runs none of it', async () => {
    const seeded = await seedBoard(service.t, { TODO: 1 });
    const integration = await createIntegration(service.t, seeded.team.id, {
      kind: 'GENERIC',
      name: '<b>Synthetic</b>',
      boardId: seeded.board.id,
    });
    await openBoard(page, service.baseUrl, service.t.adminToken, seeded, 1);
    const res = await fetch(`${service.baseUrl}/webhooks/${integration.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${integration.token}` },
      body: JSON.stringify({
        title: HOSTILE_TITLE,
        description: HOSTILE_DESCRIPTION,
        severity: 'high',
        service: '<svg onload="window.__pwned = 1">',
        environment: 'production',
        links: [
          { title: 'Runbook', url: 'javascript:window.__pwned = "link"' },
          { title: 'Data', url: 'data:text/html,<script>alert(1)</script>' },
          { title: 'Dashboard', url: 'https://grafana.example.com/d/disk' },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const triage = column(page, 'Triage');
    const hostile = triage.locator('[data-card-key]').first();
    await hostile.getByText(HOSTILE_TITLE).waitFor();
    const key = (await hostile.getAttribute('data-card-key'))!;

    await hostile.getByRole('button').click();
    const panel = page.getByRole('dialog', { name: new RegExp(key) });
    await panel.getByText('Recent deliveries').waitFor();
    await panel.getByText(HOSTILE_DESCRIPTION).first().waitFor();
    // The links: only the https one is a link (the service keeps only http(s) links, and the
    // page would show any other as text); the HTML in the description is text.
    expect(await panel.getByRole('link', { name: 'Dashboard' }).getAttribute('href')).toBe(
      'https://grafana.example.com/d/disk',
    );
    expect(await panel.getByRole('link', { name: 'Runbook' }).count()).toBe(0);
    expect(await panel.getByRole('link', { name: 'Data' }).count()).toBe(0);
    expect(await panel.getByRole('link', { name: 'the runbook' }).count()).toBe(0);
    await panel.getByText(HOSTILE_DESCRIPTION).first().click();

    expect(
      await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
        scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
        images: document.querySelectorAll('img').length,
        svgs: document.querySelectorAll('svg[onload]').length,
        jsLinks: document.querySelectorAll('a[href^="javascript:"], a[href^="data:"]').length,
      })),
    ).toEqual({ pwned: null, scripts: 0, images: 0, svgs: 0, jsLinks: 0 });
    expect(problems).toEqual([]);
  });
});
