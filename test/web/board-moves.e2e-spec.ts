/// <reference lib="dom" />
/**
 * Moving cards on the board page, checked through GraphQL: a drag between columns and one
 * within a column (rank), the same by keyboard (Space, arrows, Enter; Escape cancels), and a
 * move refused at a WIP limit, said so on the page, then forced.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  card,
  column,
  drawnKeys,
  openBoard,
  seedBoard,
  storedKeys,
  type SeededBoard,
} from '../helpers/board-page';
import {
  describeBrowser,
  launchBrowser,
  openPage,
  startWebService,
  type WebService,
} from '../helpers/browser';
import { eventually } from '../helpers/eventually';
import { updateColumn } from '../helpers/planning-mutations';

describeBrowser('web app: moving cards', () => {
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

  const open = async (seeded: SeededBoard, cards: number) =>
    openBoard(page, service.baseUrl, service.t.adminToken, seeded, cards);

  it('drags a card to another column and within a column, and the moves persist', async () => {
    const seeded = await seedBoard(service.t, { TODO: 3, IN_PROGRESS: 2 });
    await open(seeded, 5);
    const [a, b, c] = seeded.keys.TODO!;
    const [x, y] = seeded.keys.IN_PROGRESS!;

    // Onto the top half of In Progress's first card: it lands above it.
    await card(page, a!).dragTo(card(page, x!), { targetPosition: { x: 40, y: 5 } });
    await eventually(
      async () => sameList(await storedKeys(service.t, seeded, 'IN_PROGRESS'), [a!, x!, y!]),
      { message: 'the drag between columns is stored' },
    );
    expect(await storedKeys(service.t, seeded, 'TODO')).toEqual([b, c]);
    expect(await drawnKeys(page, 'In Progress')).toEqual([a, x, y]);

    // Within To Do: the last card above the first.
    await card(page, c!).dragTo(card(page, b!), { targetPosition: { x: 40, y: 5 } });
    await eventually(async () => sameList(await storedKeys(service.t, seeded, 'TODO'), [c!, b!]), {
      message: 'the drag within the column is stored',
    });
    expect(await drawnKeys(page, 'To Do')).toEqual([c, b]);

    // Into an empty column.
    await card(page, y!).dragTo(column(page, 'Review').locator('ol'));
    await eventually(async () => sameList(await storedKeys(service.t, seeded, 'REVIEW'), [y!]), {
      message: 'the drag into an empty column is stored',
    });
    expect(problems).toEqual([]);
  });

  it('moves a card by keyboard: Space picks it up, arrows move it, Enter drops it', async () => {
    const seeded = await seedBoard(service.t, { TODO: 3, IN_PROGRESS: 2 });
    await open(seeded, 5);
    const [a, b, c] = seeded.keys.TODO!;
    const [x, y] = seeded.keys.IN_PROGRESS!;

    await card(page, a!).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    // Drawn where it would land before it is dropped; the focus stays on it.
    expect(await drawnKeys(page, 'In Progress')).toEqual([x, a, y]);
    expect(
      await page.evaluate(() => (document.activeElement as HTMLElement).dataset['cardKey']),
    ).toBe(a);
    await page.keyboard.press('Enter');
    await eventually(
      async () => sameList(await storedKeys(service.t, seeded, 'IN_PROGRESS'), [x!, a!, y!]),
      { message: 'the keyboard move is stored' },
    );
    expect(await storedKeys(service.t, seeded, 'TODO')).toEqual([b, c]);

    // Within a column: the last card of To Do to the top.
    await card(page, c!).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await eventually(async () => sameList(await storedKeys(service.t, seeded, 'TODO'), [c!, b!]), {
      message: 'the keyboard re-rank is stored',
    });

    // Escape puts it back, and nothing is stored.
    await card(page, b!).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await drawnKeys(page, 'Review')).toEqual([b]);
    await page.keyboard.press('Escape');
    expect(await drawnKeys(page, 'To Do')).toEqual([c, b]);
    expect(await drawnKeys(page, 'Review')).toEqual([]);
    expect(await storedKeys(service.t, seeded, 'REVIEW')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('shows a move refused at the WIP limit, keeps the card, and forces it on request', async () => {
    const seeded = await seedBoard(service.t, { TODO: 2, IN_PROGRESS: 1 });
    await updateColumn(service.t, seeded.board.column.IN_PROGRESS!.id, { wipLimit: 1 });
    await open(seeded, 3);
    const [a, b] = seeded.keys.TODO!;
    const [x] = seeded.keys.IN_PROGRESS!;

    await card(page, a!).dragTo(column(page, 'In Progress').locator('ol'));
    const dialog = page.getByRole('dialog', { name: 'WIP limit reached' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('In Progress is at its WIP limit of 1');
    expect(await dialog.innerText()).toContain('WIP_LIMIT_EXCEEDED');
    // Refused: the card is back in To Do, on the page and in the API.
    expect(await drawnKeys(page, 'To Do')).toEqual([a, b]);
    expect(await storedKeys(service.t, seeded, 'IN_PROGRESS')).toEqual([x]);

    await dialog.getByRole('button', { name: 'Keep it where it was' }).click();
    expect(await dialog.count()).toBe(0);
    expect(await storedKeys(service.t, seeded, 'IN_PROGRESS')).toEqual([x]);

    // By keyboard this time, then forced.
    await card(page, a!).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Move anyway' }).click();
    await eventually(
      async () => sameList(await storedKeys(service.t, seeded, 'IN_PROGRESS'), [a!, x!]),
      { message: 'the forced move is stored' },
    );
    await column(page, 'In Progress').getByText('Over WIP limit').waitFor();
    expect(problems.filter((p) => !p.includes('409'))).toEqual([]);
  });
});

function sameList(actual: string[], expected: string[]): boolean {
  return JSON.stringify(actual) === JSON.stringify(expected);
}
