/// <reference lib="dom" />
/**
 * Browser tests: Debian's Chromium driven by playwright-core against the real service (the app
 * as production builds it, listening on a port, on a fresh database), with axe-core for
 * accessibility. Without /usr/bin/chromium the suites are skipped, saying so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { eventually } from './eventually';
import { REPO_ROOT } from './spawn-service';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** `describe`, or `describe.skip` with a message naming what to install. */
export function describeBrowser(name: string, fn: () => void): void {
  if (hasChromium) {
    describe(name, fn);
    return;
  }
  console.warn(
    `Skipping browser tests "${name}": ${CHROMIUM} not found. Install Debian's Chromium (apt-get install -y chromium) to run them.`,
  );
  describe.skip(name, fn);
}

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium; playwright gives every launch a fresh, temporary profile directory. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

const WEB_DIR = join(REPO_ROOT, 'web');
const WEB_INDEX = join(WEB_DIR, 'dist', 'index.html');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/**
 * Builds web/dist when it is missing or older than web/ (CI builds it before the tests). Test
 * files build one at a time (a lock directory), so none serves a half-written dist.
 */
export async function ensureWebBuilt(): Promise<void> {
  const lock = join(REPO_ROOT, '.tmp', 'web-build.lock');
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
  await eventually(
    () => {
      try {
        mkdirSync(lock);
        return true;
      } catch {
        // A lock older than any build is left over from a killed run.
        if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 120_000)
          rmSync(lock, { recursive: true, force: true });
        return false;
      }
    },
    { timeoutMs: 180_000, intervalMs: 200, message: `${lock} released by another build` },
  );
  try {
    if (!existsSync(WEB_INDEX) || statSync(WEB_INDEX).mtimeMs < newestMtime(WEB_DIR))
      execFileSync('npm', ['run', 'web:build'], {
        cwd: REPO_ROOT,
        stdio: 'pipe',
        timeout: 170_000,
      });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface WebService {
  t: TestApp;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  close(): Promise<void>;
}

/** The service with the web app built, listening on a free port, on a fresh database. */
export async function startWebService(options: TestAppOptions = {}): Promise<WebService> {
  await ensureWebBuilt();
  const t = await startTestApp(options);
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return { t, baseUrl: `http://127.0.0.1:${port}`, close: () => t.close() };
}

export interface WatchedPage {
  page: Page;
  /** Uncaught errors, console errors (CSP violations among them) and dialogs seen so far. */
  problems: string[];
}

/** A page that records what should never happen: script errors, CSP violations, dialogs. */
export async function openPage(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, problems };
}

/** Signs in through the sign-in page and waits for the signed-in shell. */
export async function signIn(
  page: Page,
  baseUrl: string,
  token: string,
  path = '/',
): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AXE_SOURCE = (require('axe-core') as { source: string }).source;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, which the page's CSP does
 * not govern) and returns the serious and critical violations.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<any> } }).axe;
    const result = await axe.run();
    return (result.violations as any[]).map((v) => ({
      id: v.id as string,
      impact: v.impact as string | null,
      help: v.help as string,
      nodes: (v.nodes as any[]).slice(0, 5).map((n) => String(n.target)),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
