/// <reference lib="dom" />
/**
 * The sprint page shows what sprintCapacityReport computes (figures, member load, reserve
 * crossings with the card that tipped each, the burndown), follows it live, plans from the
 * backlog (CAPACITY_EXCEEDED shown with its figures, then forced), starts and closes a sprint
 * with the carry-over shown, and has no serious accessibility violations at 1280×800 or 390 px.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
import { createSprint, createTask } from '../helpers/factories';
import { seedBoard } from '../helpers/board-page';
import { fixedReserve } from '../helpers/planning-mutations';
import {
  capacityReport,
  seedActiveSprint,
  shown,
  shownPercent,
  sprintAfter,
  sprintAroundToday,
  type SeededSprint,
} from '../helpers/sprint-page';

const FIGURES = [
  'capacityPoints',
  'reservedPoints',
  'plannablePoints',
  'committedPoints',
  'completedPoints',
  'scopePoints',
  'addedScopePoints',
  'reserveUsedPoints',
] as const;

const figure = (page: Page, field: string) =>
  page.locator(`.figures [data-figure="${field}"] dd`).innerText();

describeBrowser('web app: the sprint page', () => {
  let service: WebService;
  let browser: Browser;
  let context: BrowserContext;
  let seeded: SeededSprint;

  beforeAll(async () => {
    service = await startWebService();
    browser = await launchBrowser();
    seeded = await seedActiveSprint(service.t);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  afterEach(async () => {
    await context?.close();
  });

  const open = async (teamKey: string, viewport = { width: 1280, height: 800 }) => {
    context = await browser.newContext({ viewport });
    const watched = await openPage(context);
    await signIn(watched.page, service.baseUrl, service.t.adminToken, `/teams/${teamKey}/sprint`);
    await watched.page.locator('.figures').waitFor();
    return watched;
  };

  it('shows the figures of sprintCapacityReport, the member load, the crossings and the burndown', async () => {
    const { page, problems } = await open(seeded.team.key);
    const report = await capacityReport(service.t, seeded.sprint.id);
    expect(report.reserveEvents.map((e) => e.threshold)).toEqual([80, 100]);
    await page.getByRole('heading', { name: 'Sprint 49', level: 1 }).waitFor();

    for (const field of FIGURES)
      expect([field, await figure(page, field)]).toEqual([field, shown(report[field])]);
    expect(await figure(page, 'reserveUsedPercent')).toBe(shownPercent(report.reserveUsedPercent));
    for (const flag of report.flags) await page.locator(`[data-flag="${flag}"]`).waitFor();
    expect(await page.locator('[data-flag]').count()).toBe(report.flags.length);

    for (const member of report.members) {
      const row = page.locator(`tr[data-member="${member.memberId}"]`);
      expect(await row.locator('[data-figure="capacityPoints"]').innerText()).toBe(
        shown(member.capacityPoints),
      );
      expect(await row.locator('[data-figure="assignedPoints"]').innerText()).toContain(
        shown(member.assignedPoints),
      );
      expect(await row.locator('[data-figure="completedPoints"]').innerText()).toBe(
        shown(member.completedPoints),
      );
    }

    // Each crossing names the card that tipped it.
    const crossings = page.locator('.crossings li');
    expect(await crossings.count()).toBe(2);
    expect(await crossings.nth(0).innerText()).toContain(seeded.production[0]!.key);
    expect(await crossings.nth(1).innerText()).toContain(seeded.production[1]!.key);
    expect(await page.getByRole('img', { name: /^Reserve 140 % used/ }).count()).toBe(1);

    // The burndown's table: one row per working day, the report's ideal and remaining points.
    await page.getByText('Burndown as a table').click();
    const rows = page.locator('.chart-table tbody tr');
    expect(await rows.count()).toBe(report.burndown.length);
    const cells = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)),
    );
    expect(cells).toEqual(
      report.burndown.map((p) => [shown(p.idealPoints), shown(p.remainingPoints)]),
    );

    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('follows the sprint live: production work added elsewhere moves the reserve without a reload', async () => {
    const { page, problems } = await open(seeded.team.key);
    const before = await capacityReport(service.t, seeded.sprint.id);
    expect(await figure(page, 'reserveUsedPoints')).toBe(shown(before.reserveUsedPoints));
    await createTask(service.t, seeded.team.id, {
      title: 'Incident 3',
      type: 'INCIDENT',
      estimate: 2,
      sprintId: seeded.sprint.id,
      boardId: seeded.board.id,
      columnId: seeded.board.column['TRIAGE']!.id,
    });
    const after = await capacityReport(service.t, seeded.sprint.id);
    expect(after.reserveUsedPoints).toBe(before.reserveUsedPoints + 2);
    await eventually(
      async () => (await figure(page, 'reserveUsedPoints')) === shown(after.reserveUsedPoints),
      { message: 'the page shows the new reserve use' },
    );
    expect(await figure(page, 'scopePoints')).toBe(shown(after.scopePoints));
    expect(problems).toEqual([]);
  });

  it('plans from the backlog: CAPACITY_EXCEEDED is shown with its figures, and the forced plan lands', async () => {
    const world = await seedBoard(service.t, {});
    await fixedReserve(service.t, world.team.id, 4);
    const sprint = await createSprint(service.t, world.team.id, {
      name: 'Planning sprint',
      ...sprintAroundToday(),
    });
    const backlog = [];
    for (const [i, estimate] of [13, 8, 8].entries())
      backlog.push(
        await createTask(service.t, world.team.id, { title: `Backlog item ${i + 1}`, estimate }),
      );
    const { page, problems } = await open(world.team.key);
    await page.getByRole('heading', { name: 'Planning sprint', level: 1 }).waitFor();

    // 13 fits in the 26 plannable points (15 working days × 2 members − a reserve of 4).
    await page.getByRole('checkbox', { name: /Backlog item 1/ }).check();
    await page.getByRole('button', { name: /^Plan 1 card/ }).click();
    await eventually(async () => (await figure(page, 'committedPoints')) === '13', {
      message: 'the first card is planned',
    });
    expect(await page.getByRole('checkbox', { name: /Backlog item 1/ }).count()).toBe(0);

    // 13 + 8 + 8 = 29 > 26: refused with the service's figures.
    await page.getByRole('checkbox', { name: /Backlog item 2/ }).check();
    await page.getByRole('checkbox', { name: /Backlog item 3/ }).check();
    await page.getByRole('button', { name: /^Plan 2 cards \(16 points\)/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Over the sprint’s capacity' });
    await dialog.waitFor();
    const refused = await service.t.gql(
      `mutation ($input: PlanSprintInput!) { planSprint(input: $input) { id } }`,
      { input: { sprintId: sprint.id, taskIds: [backlog[1]!.id, backlog[2]!.id] } },
    );
    const details = refused.errors?.[0]?.extensions as Record<string, number>;
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('CAPACITY_EXCEEDED');
    expect(await dialog.locator('[data-figure="planned"]').innerText()).toBe(
      shown(details['planned']!),
    );
    expect(await dialog.locator('[data-figure="plannable"]').innerText()).toBe(
      shown(details['plannable']!),
    );
    expect(await dialog.locator('[data-figure="excess"]').innerText()).toBe(
      shown(details['excess']!),
    );
    expect(await seriousAxeViolations(page)).toEqual([]);

    await dialog.getByRole('button', { name: 'Plan anyway' }).click();
    await eventually(async () => (await figure(page, 'committedPoints')) === '29', {
      message: 'the forced plan is shown',
    });
    const report = await capacityReport(service.t, sprint.id);
    expect(report.committedPoints).toBe(29);
    expect(report.flags).toContain('OVERCOMMITTED');
    await page.locator('[data-flag="OVERCOMMITTED"]').waitFor();
    expect(problems).toEqual([]);
  });

  it('starts a sprint, then closes it with the unfinished cards carried over and says so', async () => {
    const world = await seedBoard(service.t, {});
    const dates = sprintAroundToday();
    const first = await createSprint(service.t, world.team.id, { name: 'First sprint', ...dates });
    await createSprint(service.t, world.team.id, {
      name: 'Next sprint',
      ...sprintAfter(dates),
    });
    const tasks = [];
    for (const estimate of [3, 2])
      tasks.push(
        await createTask(service.t, world.team.id, {
          estimate,
          sprintId: first.id,
          boardId: world.board.id,
          columnId: world.board.column['TODO']!.id,
        }),
      );
    const { page, problems } = await open(world.team.key);
    await page.getByRole('heading', { name: 'First sprint', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Start sprint' }).click();
    await page.getByRole('button', { name: 'Close sprint' }).waitFor();
    const started = await service.t.ok<{ sprint: { state: string } }>(
      `query ($id: ID!) { sprint(id: $id) { state } }`,
      { id: first.id },
    );
    expect(started.sprint.state).toBe('ACTIVE');

    await page.getByRole('button', { name: 'Close sprint' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close First sprint' });
    await dialog.getByText('2 unfinished cards (5 points) will be carried over.').waitFor();
    await dialog
      .getByLabel('Carry unfinished cards over to')
      .selectOption({ label: 'Next sprint' });
    await dialog.getByRole('button', { name: 'Close sprint' }).click();
    await page.getByText('2 unfinished cards (5 points) carried over to Next sprint.').waitFor();
    const closed = await service.t.ok<{
      sprint: { state: string; carriedOverCount: number; carriedOverTo: { name: string } };
    }>(`query ($id: ID!) { sprint(id: $id) { state carriedOverCount carriedOverTo { name } } }`, {
      id: first.id,
    });
    expect(closed.sprint).toEqual({
      state: 'CLOSED',
      carriedOverCount: 2,
      carriedOverTo: { name: 'Next sprint' },
    });
    expect(problems).toEqual([]);
  });

  it('fits a 390-px phone: no sideways scrolling of the page, no serious violations', async () => {
    const { page, problems } = await open(seeded.team.key, { width: 390, height: 844 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
