/// <reference lib="dom" />
/**
 * Alerts-page tests: the service listening on a port it also announces as PUBLIC_URL (so the
 * webhook URLs the page shows, and its snippets, reach it), a team with a board, the page opened
 * signed in, and what the page shows read back as text.
 */
import { createServer } from 'node:net';
import type { Locator, Page } from 'playwright-core';
import { ensureWebBuilt, signIn, type WebService } from './browser';
import { createBoard, createTeam, type BoardRef, type TeamRef } from './factories';
import { startTestApp } from './test-app';

/** A port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Like startWebService, with PUBLIC_URL set to where it listens. */
export async function startAlertsService(): Promise<WebService> {
  await ensureWebBuilt();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const t = await startTestApp({ env: { PUBLIC_URL: baseUrl } });
  await t.app.listen(port, '127.0.0.1');
  return { t, baseUrl, close: () => t.close() };
}

export interface SeededTeam {
  team: TeamRef;
  board: BoardRef;
  name: string;
}

let seeded = 0;

/** A team with one board (Triage, To Do, In Progress, Review, Done). */
export async function seedTeam(t: WebService['t']): Promise<SeededTeam> {
  const name = `Alerts team ${++seeded}`;
  const team = await createTeam(t, { name });
  const board = await createBoard(t, team.id, { name: 'Operations' });
  return { team, board, name };
}

/** Signs in and opens the team's alerts page (optionally on one integration). */
export async function openAlerts(
  page: Page,
  service: WebService,
  team: TeamRef,
  integrationId?: string,
): Promise<void> {
  const query = integrationId ? `?integration=${integrationId}` : '';
  await signIn(page, service.baseUrl, service.t.adminToken, `/teams/${team.key}/alerts${query}`);
  await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
}

/** The snippet block of one tool (data-snippet: alertmanager, grafana, kapacitor, pagerduty, curl). */
export const snippet = (page: Page, id: string): Locator =>
  page.locator(`[data-snippet="${id}"] pre`);

/** Creates an integration through the page's dialog; resolves with the token it shows once. */
export async function createThroughPage(
  page: Page,
  input: { tool: string; name: string; board?: string },
): Promise<string> {
  await page.getByRole('button', { name: 'New integration' }).click();
  const dialog = page.getByRole('dialog', { name: 'New integration' });
  await dialog.getByLabel('Tool').selectOption({ label: input.tool });
  await dialog.getByLabel('Name', { exact: true }).fill(input.name);
  if (input.board)
    await dialog.getByLabel('Board for new cards').selectOption({ label: input.board });
  await dialog.getByRole('button', { name: 'Create integration' }).click();
  await page.getByRole('heading', { name: input.name, level: 2 }).waitFor();
  return shownToken(page);
}

/** The token the page shows once (after a creation or a rotation). */
export async function shownToken(page: Page): Promise<string> {
  const secret = page.locator('.notice-secret code');
  await secret.waitFor();
  return (await secret.innerText()).trim();
}

/** Posts a body to a webhook as a sender would. */
export function postHook(url: string, token: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
