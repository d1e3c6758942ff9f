/// <reference lib="dom" />
/**
 * The open board follows the service live: an alert posted to a webhook appears as a card
 * within a second of the POST's answer, without a reload; a move made in one browser appears
 * in another; a lost connection is shown, and on reconnect the board re-reads what it missed.
 */
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { createIntegration } from '../helpers/alert-factories';
import {
  card,
  column,
  drawnKeys,
  openBoard,
  seedBoard,
  waitUntilLive,
} from '../helpers/board-page';
import {
  describeBrowser,
  launchBrowser,
  openPage,
  startWebService,
  type WebService,
} from '../helpers/browser';
import { moveTask } from '../helpers/factories';
import { TcpProxy } from '../helpers/tcp-proxy';

describeBrowser('web app: live board', () => {
  let service: WebService;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    service = await startWebService();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    return openPage(context);
  };

  it('shows an alert posted to a webhook live, without a reload', async () => {
    const seeded = await seedBoard(service.t, { TRIAGE: 2, TODO: 2 });
    const integration = await createIntegration(service.t, seeded.team.id, {
      kind: 'GENERIC',
      name: 'Synthetic checks',
      boardId: seeded.board.id,
    });
    const { page, problems } = await newPage();
    await openBoard(page, service.baseUrl, service.t.adminToken, seeded, 4);
    let navigations = 0;
    page.on('framenavigated', () => navigations++);
    await waitUntilLive(service.t, [page], seeded.keys.TODO![0]!);

    const res = await fetch(`${service.baseUrl}/webhooks/${integration.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${integration.token}` },
      body: JSON.stringify({
        title: 'Checkout p99 latency above 2s',
        severity: 'critical',
        service: 'checkout-api',
        environment: 'production',
      }),
    });
    expect(res.status).toBe(200);
    // Drawn by the live update alone: the page is never reloaded (navigations, below).
    const triage = column(page, 'Triage');
    await triage.getByText('Checkout p99 latency above 2s').waitFor({ timeout: 15_000 });
    // At the top of Triage (above lower priorities), with its alert's state and source.
    const top = triage.locator('[data-card-key]').first();
    expect(await top.innerText()).toContain('Checkout p99 latency above 2s');
    expect(await top.innerText()).toContain('Firing');
    expect(await top.innerText()).toContain('×1');
    expect(await top.innerText()).toContain('Webhook · Synthetic checks');
    expect(navigations).toBe(0);

    // The same alert again: one card, its occurrences counted in place.
    const again = await fetch(`${service.baseUrl}/webhooks/${integration.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${integration.token}` },
      body: JSON.stringify({
        title: 'Checkout p99 latency above 2s',
        severity: 'critical',
        service: 'checkout-api',
        environment: 'production',
      }),
    });
    expect(again.status).toBe(200);
    await triage.getByText('×2').waitFor({ timeout: 15_000 });
    expect(await triage.getByText('Checkout p99 latency above 2s').count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('shows a move made in one browser context in a second one', async () => {
    const seeded = await seedBoard(service.t, { TODO: 3, IN_PROGRESS: 1 });
    const first = await newPage();
    const second = await newPage();
    await openBoard(first.page, service.baseUrl, service.t.adminToken, seeded, 4);
    await openBoard(second.page, service.baseUrl, service.t.adminToken, seeded, 4);
    await waitUntilLive(service.t, [second.page], seeded.keys.TODO![2]!);
    const [a] = seeded.keys.TODO!;
    const [x] = seeded.keys.IN_PROGRESS!;

    await card(first.page, a!).focus();
    await first.page.keyboard.press('Space');
    await first.page.keyboard.press('ArrowRight');
    await first.page.keyboard.press('Enter');
    await column(second.page, 'In Progress').locator(`[data-card-key="${a}"]`).waitFor();
    expect(await drawnKeys(second.page, 'In Progress')).toEqual([a, x]);
    expect(await drawnKeys(second.page, 'To Do')).toEqual(seeded.keys.TODO!.slice(1));
    expect([...first.problems, ...second.problems]).toEqual([]);
  });

  it('shows a lost connection, and after reconnecting shows what changed meanwhile', async () => {
    const seeded = await seedBoard(service.t, { TODO: 2, REVIEW: 1 });
    const port = (service.t.app.getHttpServer().address() as AddressInfo).port;
    const proxy = new TcpProxy({ host: '127.0.0.1', port });
    const proxyPort = await proxy.start();
    try {
      const { page } = await newPage();
      await openBoard(page, `http://127.0.0.1:${proxyPort}`, service.t.adminToken, seeded, 3);
      await waitUntilLive(service.t, [page], seeded.keys.REVIEW![0]!);
      await proxy.stop();
      await page.getByTestId('connection-lost').waitFor({ timeout: 20_000 });
      // A change the page cannot hear while it is cut off.
      const [a] = seeded.keys.TODO!;
      const moved = await service.t.ok<{ task: { id: string } }>(
        `query ($k: String!) { task(key: $k) { id } }`,
        { k: a },
      );
      await moveTask(service.t, { taskId: moved.task.id, columnId: seeded.board.column.DONE!.id });
      await proxy.start();
      await page.getByTestId('connection-lost').waitFor({ state: 'detached', timeout: 30_000 });
      await column(page, 'Done').locator(`[data-card-key="${a}"]`).waitFor({ timeout: 10_000 });
      expect(await drawnKeys(page, 'To Do')).toEqual(seeded.keys.TODO!.slice(1));
    } finally {
      await proxy.stop();
    }
  });
});
