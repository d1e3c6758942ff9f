/// <reference lib="dom" />
/**
 * Notifications-page tests: the service with a fast outbox (and, unless told otherwise,
 * receivers on 127.0.0.1 allowed), the page opened signed in, a channel created through its
 * dialog, and the deliveries table read back as the page shows it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { freePort } from './alerts-page';
import { ensureWebBuilt, signIn, type WebService } from './browser';
import type { TeamRef } from './factories';
import { REPO_ROOT } from './spawn-service';
import { startTestApp } from './test-app';

/** The service listening on a free port (its PUBLIC_URL), sending notifications every 50 ms. */
export async function startNotificationsService(
  options: { allowPrivateTargets?: boolean } = {},
): Promise<WebService> {
  await ensureWebBuilt();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const t = await startTestApp({
    env: {
      PUBLIC_URL: baseUrl,
      NOTIFY_DISPATCH_INTERVAL_MS: '50',
      NOTIFY_RETRY_BASE_MS: '50',
      ...(options.allowPrivateTargets === false ? {} : { NOTIFY_ALLOW_PRIVATE_TARGETS: 'true' }),
    },
  });
  await t.app.listen(port, '127.0.0.1');
  return { t, baseUrl, close: () => t.close() };
}

/** Signs in and opens the team's notifications page (optionally on one channel). */
export async function openNotifications(
  page: Page,
  service: WebService,
  team: TeamRef,
  channelId?: string,
): Promise<void> {
  const query = channelId ? `?channel=${channelId}` : '';
  await signIn(
    page,
    service.baseUrl,
    service.t.adminToken,
    `/teams/${team.key}/notifications${query}`,
  );
  await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
}

export interface ChannelForm {
  kind: 'Slack or Mattermost' | 'Signed webhook';
  name: string;
  url: string;
  /** Events to tick besides the dialog's defaults, by their label. */
  check?: string[];
  /** Events to untick, by their label. */
  uncheck?: string[];
}

/** Fills the New channel dialog and submits it; resolves with the dialog (still open on an error). */
export async function submitChannelDialog(page: Page, form: ChannelForm): Promise<Locator> {
  await page.getByRole('button', { name: 'New channel' }).click();
  const dialog = page.getByRole('dialog', { name: 'New channel' });
  await dialog.getByLabel('Kind').selectOption({ label: form.kind });
  await dialog.getByLabel('Name', { exact: true }).fill(form.name);
  await dialog.getByLabel('URL', { exact: true }).fill(form.url);
  for (const label of form.check ?? []) await dialog.getByLabel(label, { exact: true }).check();
  for (const label of form.uncheck ?? []) await dialog.getByLabel(label, { exact: true }).uncheck();
  await dialog.getByRole('button', { name: 'Create channel' }).click();
  return dialog;
}

/** The signing secret the page shows once, after creating a WEBHOOK channel. */
export async function shownSecret(page: Page): Promise<string> {
  const secret = page.locator('.notice-secret code');
  await secret.waitFor();
  return (await secret.innerText()).trim();
}

/** The deliveries table of the open channel. */
export const deliveriesTable = (page: Page): Locator =>
  page.getByRole('region', { name: 'Deliveries' });

/** Rows of the deliveries table with this status (DELIVERED, FAILED, PENDING). */
export const rowsWithStatus = (page: Page, status: string): Locator =>
  deliveriesTable(page).locator(`tr[data-status="${status}"]`);

/** Saves a screenshot under .tmp/screenshots/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(REPO_ROOT, '.tmp', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
