/// <reference lib="dom" />
/**
 * The board page draws a 200-card board whole (every column's count and WIP limit, an
 * over-limit column marked), filters it, and has no serious accessibility violations, at
 * 1280×800 and on a 390-px phone (where the board scrolls sideways and the panel fills the screen).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import {
  card,
  column,
  drawnKeys,
  openBoard,
  seedBoard,
  type SeededBoard,
} from '../helpers/board-page';
import {
  describeBrowser,
  launchBrowser,
  openPage,
  seriousAxeViolations,
  startWebService,
  type WebService,
} from '../helpers/browser';
import { updateColumn } from '../helpers/planning-mutations';

const PER_COLUMN = { TRIAGE: 30, TODO: 80, IN_PROGRESS: 40, REVIEW: 20, DONE: 30 };

describeBrowser('web app: the board page', () => {
  let service: WebService;
  let browser: Browser;
  let context: BrowserContext;
  let seeded: SeededBoard;

  beforeAll(async () => {
    service = await startWebService();
    browser = await launchBrowser();
    seeded = await seedBoard(service.t, PER_COLUMN);
    await updateColumn(service.t, seeded.board.column.IN_PROGRESS!.id, { wipLimit: 30 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  afterEach(async () => {
    await context?.close();
  });

  it('renders a board of 200 cards: every card, in rank order, with the columns’ figures', async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, problems } = await openPage(context);
    await openBoard(page, service.baseUrl, service.t.adminToken, seeded, 200);
    expect(await page.locator('[data-card-key]').count()).toBe(200);
    // More than one page of the API (100) in one column, in the API's order.
    expect(await drawnKeys(page, 'To Do')).toEqual(seeded.keys.TODO);
    expect(
      await column(page, 'To Do')
        .getByTestId('column-count')
        .locator('[aria-hidden="true"]')
        .innerText(),
    ).toBe('80');
    const inProgress = column(page, 'In Progress');
    expect(
      await inProgress.getByTestId('column-count').locator('[aria-hidden="true"]').innerText(),
    ).toBe('40 / 30');
    expect(await inProgress.getAttribute('class')).toContain('over-limit');
    await inProgress.getByText('Over WIP limit').waitFor();
    expect(await column(page, 'Review').getByText('Over WIP limit').count()).toBe(0);

    const first = card(page, seeded.keys.TRIAGE![0]!);
    expect(await first.innerText()).toContain('Triage card 1');
    expect(await first.innerText()).toContain('High');
    expect(await first.innerText()).toContain('1 pt');
    expect(await first.innerText()).toContain('Ana Lima');
    expect(await first.innerText()).toContain('backend');
    expect(problems).toEqual([]);
  });

  it('filters by text, assignee, label and priority', async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page } = await openPage(context);
    await openBoard(page, service.baseUrl, service.t.adminToken, seeded, 200);
    const filters = page.getByRole('search', { name: 'Filter cards' });
    await filters.getByLabel('Search').fill('Review card 1');
    // "Review card 1" and "Review card 10" … "19".
    await page.getByText('11 of 200 cards').waitFor();
    await filters.getByLabel('Search').fill('');
    await filters.getByLabel('Assignee').selectOption({ label: 'Ben Okafor' });
    await page.getByText('100 of 200 cards').waitFor();
    await filters.getByLabel('Label').selectOption('api');
    await filters.getByLabel('Priority').selectOption('MEDIUM');
    const shown = await page.locator('[data-card-key]').count();
    expect(shown).toBeGreaterThan(0);
    for (const text of await page.locator('[data-card-key]').allInnerTexts()) {
      expect(text).toContain('Ben Okafor');
      expect(text).toContain('api');
      expect(text).toContain('Medium');
    }
    await filters.getByRole('button', { name: 'Clear' }).click();
    await page.locator('[data-card-key]').nth(199).waitFor();
  });

  it('has no serious accessibility violations on the board and its panel, on desktop', async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page } = await openPage(context);
    await openBoard(page, service.baseUrl, service.t.adminToken, seeded, 200);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await card(page, seeded.keys.TODO![0]!).getByRole('button').click();
    await page.getByRole('dialog').getByText('History').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('works on a 390-px phone: the board scrolls sideways, the panel fills the screen', async () => {
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const { page } = await openPage(context);
    await openBoard(page, service.baseUrl, service.t.adminToken, seeded, 200);
    const columns = page.locator('.board-columns');
    const { scrollWidth, clientWidth } = await columns.evaluate((e) => ({
      scrollWidth: e.scrollWidth,
      clientWidth: e.clientWidth,
    }));
    expect(scrollWidth).toBeGreaterThan(clientWidth * 3);
    // The page itself does not scroll sideways: only the board does.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    expect(await seriousAxeViolations(page)).toEqual([]);

    await card(page, seeded.keys.TRIAGE![1]!).getByRole('button').click();
    const panel = page.getByRole('dialog');
    await panel.getByText('History').waitFor();
    const box = (await panel.boundingBox())!;
    expect(box.x).toBe(0);
    expect(box.width).toBe(390);
    expect(box.height).toBe(844);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await panel.getByRole('button', { name: 'Close the card' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
  });
});
