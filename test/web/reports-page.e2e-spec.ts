/// <reference lib="dom" />
/**
 * The reports page shows what the API computes: velocity per closed sprint (velocityReport),
 * flow over the last 30 days by default (flowReport), the noisiest alerts (alertNoiseReport);
 * the period can be changed, a reversed one is refused; no serious accessibility violations at
 * 1280×800 or 390 px, and alert titles render as text.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createIntegration, postWebhook } from '../helpers/alert-factories';
import {
  describeBrowser,
  launchBrowser,
  openPage,
  seriousAxeViolations,
  signIn,
  startWebService,
  type WebService,
} from '../helpers/browser';
import { eventually } from '../helpers/eventually';
import { closeSprint } from '../helpers/planning-mutations';
import { seedActiveSprint, shown, type SeededSprint } from '../helpers/sprint-page';

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const HOSTILE = '<img src=x onerror=alert(1)> Disk full';

describeBrowser('web app: the reports page', () => {
  let service: WebService;
  let browser: Browser;
  let context: BrowserContext;
  let seeded: SeededSprint;
  const period = { from: isoDay(new Date(Date.now() - 29 * 86_400_000)), to: isoDay(new Date()) };

  beforeAll(async () => {
    service = await startWebService();
    browser = await launchBrowser();
    seeded = await seedActiveSprint(service.t);
    const integration = await createIntegration(service.t, seeded.team.id, {
      kind: 'GENERIC',
      name: 'Synthetic checks',
      boardId: seeded.board.id,
    });
    // Fired, resolved (end_time present), fired again: two firings of one alert.
    const alert = (title: string, resolved = false) => ({
      title,
      severity: 'critical',
      ...(resolved ? { end_time: new Date().toISOString() } : {}),
    });
    for (const body of [
      alert('Checkout p99 above 2s'),
      alert('Checkout p99 above 2s', true),
      alert('Checkout p99 above 2s'),
      alert(HOSTILE),
    ])
      expect((await postWebhook(service.t, integration, body)).status).toBe(200);
    const closed = await closeSprint(service.t, seeded.sprint.id);
    expect(closed.errors).toBeUndefined();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  afterEach(async () => {
    await context?.close();
  });

  const open = async (viewport = { width: 1280, height: 800 }) => {
    context = await browser.newContext({ viewport });
    const watched = await openPage(context);
    await signIn(
      watched.page,
      service.baseUrl,
      service.t.adminToken,
      `/teams/${seeded.team.key}/reports`,
    );
    await watched.page.locator('tr[data-sprint]').first().waitFor();
    await watched.page.locator('tr[data-alert]').first().waitFor();
    return watched;
  };

  const cell = (page: Page, row: string, field: string) =>
    page.locator(`${row} [data-figure="${field}"]`).innerText();

  it('shows velocity, flow and alert noise as the API computes them, over the last 30 days', async () => {
    const { page, problems } = await open();
    expect(await page.getByLabel('From').inputValue()).toBe(period.from);
    expect(await page.getByLabel('To').inputValue()).toBe(period.to);

    const { velocityReport } = await service.t.ok<{
      velocityReport: {
        sprints: { sprintId: string; committedPoints: number; completedPoints: number }[];
      };
    }>(
      `query ($teamId: ID!) { velocityReport(teamId: $teamId) { sprints { sprintId committedPoints completedPoints } } }`,
      { teamId: seeded.team.id },
    );
    expect(velocityReport.sprints).toHaveLength(1);
    for (const sprint of velocityReport.sprints) {
      const row = `tr[data-sprint="${sprint.sprintId}"]`;
      expect(await cell(page, row, 'committedPoints')).toBe(shown(sprint.committedPoints));
      expect(await cell(page, row, 'completedPoints')).toBe(shown(sprint.completedPoints));
    }

    const { alertNoiseReport } = await service.t.ok<{
      alertNoiseReport: { alerts: { alertId: string; title: string; firings: number }[] };
    }>(
      `query ($teamId: ID!, $from: Date!, $to: Date!) {
        alertNoiseReport(teamId: $teamId, from: $from, to: $to, limit: 20) { alerts { alertId title firings } }
      }`,
      { teamId: seeded.team.id, ...period },
    );
    expect(alertNoiseReport.alerts.map((a) => a.firings).sort()).toEqual([1, 2]);
    expect(await page.locator('tr[data-alert]').count()).toBe(alertNoiseReport.alerts.length);
    for (const alert of alertNoiseReport.alerts) {
      const row = `tr[data-alert="${alert.alertId}"]`;
      expect(await cell(page, row, 'firings')).toBe(String(alert.firings));
      expect(await page.locator(row).innerText()).toContain(alert.title);
    }
    // The hostile title is text: no image element was made of it.
    expect(await page.locator('tr[data-alert] img').count()).toBe(0);

    const { flowReport } = await service.t.ok<{
      flowReport: { leadTime: { count: number }; wip: { column: string; cards: number }[] };
    }>(
      `query ($teamId: ID!, $from: Date!, $to: Date!) {
        flowReport(teamId: $teamId, from: $from, to: $to) { leadTime { count } wip { column cards } }
      }`,
      { teamId: seeded.team.id, ...period },
    );
    const leadRow = page.getByRole('row', { name: /^Lead time/ });
    expect(await leadRow.locator('td').first().innerText()).toBe(String(flowReport.leadTime.count));
    const wipTable = page.getByRole('region', { name: 'Work in progress by column' });
    for (const column of flowReport.wip)
      expect(
        await wipTable
          .getByRole('row', { name: new RegExp(`^${column.column}`) })
          .locator('td')
          .nth(1)
          .innerText(),
      ).toBe(String(column.cards));

    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('reads the flow and noise of the period chosen, and refuses a reversed one', async () => {
    const { page, problems } = await open();
    // A period before any alert: the noise table empties.
    await page.getByLabel('From').fill('2026-01-01');
    await page.getByLabel('To').fill('2026-01-31');
    await page.getByText('No alert fired in this period.').waitFor();
    await eventually(
      async () =>
        (await page
          .getByRole('row', { name: /^Lead time/ })
          .locator('td')
          .first()
          .innerText()) === '0',
      { message: 'the flow is re-read for January' },
    );
    await page.getByLabel('From').fill('2026-02-15');
    await page
      .getByRole('alert')
      .getByText('The period must start on or before its last day.')
      .waitFor();
    expect(problems).toEqual([]);
  });

  it('fits a 390-px phone: no sideways scrolling of the page, no serious violations', async () => {
    const { page, problems } = await open({ width: 390, height: 844 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
