/// <reference lib="dom" />
/**
 * The alerts page's Alertmanager snippet, pasted into a real Prometheus Alertmanager (Debian's
 * prometheus-alertmanager) as its receiver, delivers a card: the snippet is read from the page
 * as a user would copy it, Alertmanager is given an alert through its API, and the card appears
 * through GraphQL. Skipped, saying so, without /usr/bin/prometheus-alertmanager (or Chromium).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump, load } from 'js-yaml';
import type { Browser, BrowserContext } from 'playwright-core';
import {
  createThroughPage,
  freePort,
  openAlerts,
  seedTeam,
  snippet,
  startAlertsService,
} from '../helpers/alerts-page';
import { describeBrowser, launchBrowser, openPage, type WebService } from '../helpers/browser';
import { eventually } from '../helpers/eventually';

const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';
const hasAlertmanager = existsSync(ALERTMANAGER);

function describeAlertmanager(name: string, fn: () => void): void {
  if (hasAlertmanager) return describeBrowser(name, fn);
  console.warn(
    `Skipping "${name}": ${ALERTMANAGER} not found. Install Debian's Alertmanager (apt-get install -y prometheus-alertmanager) to run it.`,
  );
  describe.skip(name, fn);
}

interface AlertNode {
  title: string;
  status: string;
  task: { key: string; type: string; priority: string; column: { name: string } | null } | null;
}

describeAlertmanager('web app: the Alertmanager snippet in a real Alertmanager', () => {
  let service: WebService;
  let browser: Browser;
  let context: BrowserContext;
  let alertmanager: ChildProcess | undefined;
  let output = '';
  const dir = mkdtempSync(join(tmpdir(), 'loopboard-alertmanager-'));

  beforeAll(async () => {
    service = await startAlertsService();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    const running = alertmanager;
    if (running && running.exitCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      const stubborn = setTimeout(() => running.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(stubborn);
    }
    await context?.close();
    await browser?.close();
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a card from an alert Alertmanager was given', async () => {
    const { team, board } = await seedTeam(service.t);
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, problems } = await openPage(context);
    await openAlerts(page, service, team);
    await createThroughPage(page, {
      tool: 'Prometheus Alertmanager',
      name: 'Prometheus production',
      board: 'Operations',
    });
    const pasted = await snippet(page, 'alertmanager').innerText();
    expect(pasted).toContain('credentials: lbw_');

    // The snippet as alertmanager.yml, the route made quick for a test.
    const config = load(pasted) as { route: Record<string, unknown> };
    config.route = {
      ...config.route,
      group_wait: '0s',
      group_interval: '1s',
      repeat_interval: '1h',
    };
    const file = join(dir, 'alertmanager.yml');
    writeFileSync(file, dump(config));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    alertmanager = spawn(
      ALERTMANAGER,
      [
        `--config.file=${file}`,
        `--storage.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
        '--log.level=debug',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    alertmanager.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    alertmanager.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(
      async () => {
        if (alertmanager!.exitCode !== null)
          throw new Error(`Alertmanager exited (${alertmanager!.exitCode}):\n${output}`);
        return fetch(`${base}/-/ready`).then(
          (res) => res.ok,
          () => false,
        );
      },
      { message: `Alertmanager ready on ${base}`, timeoutMs: 30_000 },
    );

    const given = await fetch(`${base}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          labels: {
            alertname: 'CheckoutLatencyHigh',
            severity: 'critical',
            service: 'checkout-api',
            env: 'production',
          },
          annotations: { summary: 'Checkout p99 latency above 2s' },
          startsAt: new Date().toISOString(),
        },
      ]),
    });
    expect(given.status).toBe(200);

    let alert: AlertNode | undefined;
    await eventually(
      async () => {
        const { alerts } = await service.t.ok<{ alerts: { edges: { node: AlertNode }[] } }>(
          `query ($t: ID!) { alerts(teamId: $t) { edges { node { title status
            task { key type priority column { name } } } } } }`,
          { t: team.id },
        );
        alert = alerts.edges.map((e) => e.node).find((a) => a.task);
        return alert !== undefined;
      },
      { message: 'the card of the alert, through GraphQL', timeoutMs: 30_000 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nAlertmanager said:\n${output}`);
    });
    expect(alert).toMatchObject({
      title: 'Checkout p99 latency above 2s',
      status: 'FIRING',
      task: { type: 'INCIDENT', priority: 'URGENT', column: { name: 'Triage' } },
    });
    expect(board.column.TRIAGE!.name).toBe('Triage');

    // The page's inbox shows Alertmanager's delivery.
    const inbox = page.getByRole('region', { name: 'Deliveries' });
    await inbox.getByRole('button', { name: 'Refresh' }).click();
    const entry = inbox.locator('[data-delivery-id]').first();
    await entry.waitFor();
    expect(await entry.getAttribute('data-outcome')).toBe('PROCESSED');
    await entry.locator('summary').click();
    const body = JSON.parse(await entry.getByTestId('delivery-body').innerText()) as {
      receiver: string;
      version: string;
    };
    expect(body).toMatchObject({ receiver: 'loopboard', version: '4' });
    expect(problems).toEqual([]);
  });
});
