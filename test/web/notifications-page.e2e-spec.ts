/// <reference lib="dom" />
/**
 * The notifications page against a real local HTTP receiver: a signed-webhook channel created
 * through the dialog, its secret shown once; a test message and the receiver's answer; an alert
 * that opens a card delivered and listed with its attempt log; a 410 that fails the message and
 * "Send again" that delivers it (same webhook-id); events edited, the channel disabled and
 * deleted with a confirmation; a Slack channel renamed and moved; a viewer sees no deliveries;
 * a private URL refused next to its field (creating and changing) where the setting is off;
 * no serious accessibility violations at 1280×800 or on a 390-px phone.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createIntegration, deliver, type IntegrationRef } from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { seedTeam } from '../helpers/alerts-page';
import { issueToken } from '../helpers/api-tokens';
import {
  describeBrowser,
  launchBrowser,
  openPage,
  seriousAxeViolations,
  signIn,
  type WebService,
} from '../helpers/browser';
import { eventually } from '../helpers/eventually';
import { HttpReceiver } from '../helpers/http-receiver';
import { createChannel, deliveriesOf } from '../helpers/notification-channels';
import {
  deliveriesTable,
  openNotifications,
  rowsWithStatus,
  screenshot,
  shownSecret,
  startNotificationsService,
  submitChannelDialog,
} from '../helpers/notifications-page';

const CHANNELS = `query ($t: ID!) { notificationChannels(teamId: $t) {
  id kind name target enabled signed events { type minPriority } } }`;

describeBrowser('web app: the notifications page', () => {
  let service: WebService;
  let receiver: HttpReceiver;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    receiver = await new HttpReceiver().start();
    service = await startNotificationsService();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await receiver?.stop();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    ({ page, problems } = await openPage(context));
  });

  afterEach(async () => {
    await context.close();
  });

  /** An Alertmanager alert that opens a new URGENT card. */
  const fire = (integration: IntegrationRef, alertname: string) =>
    deliver(
      service.t,
      integration,
      amGroup([amAlert({ labels: { alertname, severity: 'critical', env: 'production' } })]),
    );

  it('creates a signed webhook channel, tests it, lists what it delivered and sends a failed one again', async () => {
    const { team } = await seedTeam(service.t);
    const integration = await createIntegration(service.t, team.id);
    await openNotifications(page, service, team);
    await page.getByText('tells no one yet', { exact: false }).waitFor();

    const dialog = await submitChannelDialog(page, {
      kind: 'Signed webhook',
      name: 'Incident bot',
      url: `${receiver.url}/hooks/incident-bot`,
      check: ['A sprint started'],
    });
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Incident bot', level: 2 }).waitFor();
    const secret = await shownSecret(page);
    expect(secret).toMatch(/^whsec_/);
    // What the API holds: the dialog's defaults (new alert cards from HIGH, breaches) and the
    // ticked event; its secret only ever on the page, never in the URL.
    const { notificationChannels } = await service.t.ok<{ notificationChannels: any[] }>(CHANNELS, {
      t: team.id,
    });
    expect(notificationChannels).toEqual([
      {
        id: expect.any(String),
        kind: 'WEBHOOK',
        name: 'Incident bot',
        target: `${receiver.url}/…`,
        enabled: true,
        signed: true,
        events: [
          { type: 'ALERT_CARD_CREATED', minPriority: 'HIGH' },
          { type: 'SLA_BREACHED', minPriority: null },
          { type: 'SPRINT_STARTED', minPriority: null },
        ],
      },
    ]);
    const channelId = notificationChannels[0].id as string;
    expect(new URL(page.url()).searchParams.get('channel')).toBe(channelId);
    expect(page.url()).not.toContain(secret);
    await page.getByRole('button', { name: 'I have stored it: hide the secret' }).click();
    await page.locator('.notice-secret').waitFor({ state: 'detached' });
    expect(await page.locator('main').innerText()).not.toContain(secret);

    // A test message: the receiver's answer, on the page.
    await page.getByRole('button', { name: 'Send a test message' }).click();
    const tested = page.getByTestId('test-result');
    await tested.getByText('Test message delivered', { exact: false }).waitFor();
    expect(await tested.innerText()).toContain('the receiver answered HTTP 200');
    const test = receiver.requests.find((r) => r.path === '/hooks/incident-bot');
    expect(JSON.parse(test?.body ?? '{}')).toMatchObject({ type: 'channel.test' });

    // An alert opens a card: its message appears, delivered, with its attempt log.
    const table = deliveriesTable(page);
    await table.getByText('Nothing sent yet', { exact: false }).waitFor();
    await fire(integration, 'CheckoutLatencyHigh');
    const delivered = rowsWithStatus(page, 'DELIVERED');
    await eventually(async () => (await delivered.count()) === 1, {
      timeoutMs: 20_000,
      message: 'the alert card message listed as delivered',
    });
    const row = delivered.first();
    expect(await row.locator('th').innerText()).toMatch(
      /^An alert opened a new card\n\S+-\d+ Something is off \(URGENT, production\)$/,
    );
    expect(await row.getByRole('cell').allInnerTexts()).toEqual([
      'Delivered',
      '1',
      'HTTP 200',
      expect.stringContaining('delivered'),
      expect.stringContaining('Attempts'),
    ]);
    await row.getByRole('button', { name: /^Attempts/ }).click();
    const log = table.getByRole('list', { name: 'Attempts of An alert opened a new card' });
    expect(await log.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/delivered HTTP 200 · \d+ ms$/),
    ]);

    // The receiver refuses the next one for good (410): failed at once; sent again, delivered.
    receiver.answerWith(410);
    await fire(integration, 'DiskAlmostFull');
    const failed = rowsWithStatus(page, 'FAILED');
    await eventually(async () => (await failed.count()) === 1, {
      timeoutMs: 20_000,
      message: 'the second message listed as failed',
    });
    const failedId = await failed.first().getAttribute('data-delivery-id');
    expect(await failed.first().getByRole('cell').nth(2).innerText()).toMatch(/^HTTP 410\b/);
    await screenshot(page, 'notifications-failed');
    await failed
      .first()
      .getByRole('button', { name: /^Send again/ })
      .click();
    await table.getByRole('status').getByText('is queued to be sent again').waitFor();
    await eventually(
      async () =>
        (await table.locator(`tr[data-delivery-id="${failedId}"]`).getAttribute('data-status')) ===
        'DELIVERED',
      { timeoutMs: 20_000, message: 'the message sent again listed as delivered' },
    );
    expect(await failed.count()).toBe(0);
    await table
      .getByRole('button', { name: /^Attempts of A/ })
      .last()
      .click();
    // The same event id both times: the receiver can deduplicate on webhook-id.
    const deliveries = await deliveriesOf(service.t, channelId);
    const resent = deliveries.find((d) => d.id === failedId);
    expect(resent?.attemptLog.map((a) => [a.outcome, a.statusCode])).toEqual([
      ['failed', 410],
      ['delivered', 200],
    ]);
    const ids = receiver.requests
      .filter((r) => r.headers['webhook-id'] === resent?.eventId)
      .map((r) => r.status);
    expect(ids).toEqual([410, 200]);
    await screenshot(page, 'notifications-desktop');

    // Events edited: no more sprint starts; new alert cards of any priority.
    const events = page.getByRole('region', { name: 'Events' });
    await events.getByLabel('A sprint started', { exact: true }).uncheck();
    await events
      .getByLabel('Priority of the cards: An alert opened a new card')
      .selectOption({ label: 'Any priority' });
    await events.getByRole('button', { name: 'Save events' }).click();
    await events.getByRole('status').getByText('Events saved.').waitFor();
    const saved = await service.t.ok<{ notificationChannels: any[] }>(CHANNELS, { t: team.id });
    expect(saved.notificationChannels[0].events).toEqual([
      { type: 'ALERT_CARD_CREATED', minPriority: null },
      { type: 'SLA_BREACHED', minPriority: null },
    ]);

    // Disabled, then deleted after a confirmation.
    await page.getByRole('button', { name: 'Disable', exact: true }).click();
    await page.getByTestId('channel-state').getByText('Disabled').waitFor();
    const off = await service.t.ok<{ notificationChannels: any[] }>(CHANNELS, { t: team.id });
    expect(off.notificationChannels[0].enabled).toBe(false);
    await page.getByRole('button', { name: 'Delete channel' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Incident bot?' });
    await confirm.getByRole('button', { name: 'Delete channel' }).click();
    await page.getByText('Channel Incident bot deleted.').waitFor();
    await page.getByText('tells no one yet', { exact: false }).waitFor();
    const gone = await service.t.ok<{ notificationChannels: any[] }>(CHANNELS, { t: team.id });
    expect(gone.notificationChannels).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('creates a Slack channel (no secret, the incoming-webhook hint), then renames and moves it', async () => {
    const { team } = await seedTeam(service.t);
    await openNotifications(page, service, team);
    await page.getByRole('button', { name: 'New channel' }).click();
    const dialog = page.getByRole('dialog', { name: 'New channel' });
    // The URL's hint (its description) says where Slack and Mattermost give the URL.
    const hintId = await dialog.getByLabel('URL', { exact: true }).getAttribute('aria-describedby');
    const hint = await dialog.locator(`[id="${hintId}"]`).innerText();
    expect(hint).toContain('https://hooks.slack.com/services/');
    expect(hint).toContain('Mattermost: Integrations → Incoming Webhooks');
    // Nothing chosen: the form says so before asking the API.
    await dialog.getByLabel('An alert opened a new card', { exact: true }).uncheck();
    await dialog.getByLabel('A card missed its SLA target', { exact: true }).uncheck();
    await dialog.getByLabel('Name', { exact: true }).fill('#sre');
    await dialog.getByLabel('URL', { exact: true }).fill(`${receiver.url}/slack/sre`);
    await dialog.getByRole('button', { name: 'Create channel' }).click();
    await dialog.getByText('Choose at least one event.').waitFor();
    await dialog.getByLabel('Production work used up the sprint’s reserve').check();
    await dialog.getByRole('button', { name: 'Create channel' }).click();
    await page.getByRole('heading', { name: '#sre', level: 2 }).waitFor();
    expect(await page.locator('.notice-secret').count()).toBe(0);
    const { notificationChannels } = await service.t.ok<{ notificationChannels: any[] }>(CHANNELS, {
      t: team.id,
    });
    expect(notificationChannels).toMatchObject([
      { kind: 'SLACK', name: '#sre', signed: false, events: [{ type: 'RESERVE_EXHAUSTED' }] },
    ]);
    await page
      .getByRole('navigation', { name: 'Channels' })
      .getByRole('link', { name: /#sre.*Slack or Mattermost · 1 event/ })
      .waitFor();

    // Renamed and moved to another incoming webhook: the test message goes there.
    const channel = page.getByRole('region', { name: 'Channel' });
    await channel.getByLabel('Name', { exact: true }).fill('#sre-oncall');
    await channel.getByLabel('New URL').fill(`${receiver.url}/slack/oncall`);
    await channel.getByRole('button', { name: 'Save name and URL' }).click();
    await channel.getByText('Saved: messages now go to the new URL.').waitFor();
    await page.getByRole('heading', { name: '#sre-oncall', level: 2 }).waitFor();
    await channel.getByRole('button', { name: 'Send a test message' }).click();
    await page.getByTestId('test-result').getByText('Test message delivered').waitFor();
    const slack = receiver.requests.filter((r) => r.path === '/slack/oncall');
    expect(slack).toHaveLength(1);
    expect(JSON.parse(slack[0]!.body)).toMatchObject({
      text: expect.stringContaining('channel "#sre-oncall" works'),
    });
    expect(receiver.requests.some((r) => r.path === '/slack/sre')).toBe(false);
    expect(problems).toEqual([]);
  });

  it('lets a viewer see the channels, not their deliveries, and shows what the API refuses', async () => {
    const { team } = await seedTeam(service.t);
    const channel = await createChannel(service.t, team.id, {
      name: 'Incident bot',
      url: `${receiver.url}/hooks/viewer`,
      events: [{ type: 'SLA_BREACHED' }],
    });
    const viewer = await issueToken(service.t, { teamId: team.id, role: 'VIEWER' });
    await signIn(
      page,
      service.baseUrl,
      viewer.token,
      `/teams/${team.key}/notifications?channel=${channel.id}`,
    );
    await page.getByRole('heading', { name: 'Incident bot', level: 2 }).waitFor();
    await deliveriesTable(page)
      .getByText('Only the team’s admins can see what was delivered.')
      .waitFor();
    await page.getByRole('button', { name: 'Send a test message' }).click();
    await page
      .getByRole('region', { name: 'Channel' })
      .getByRole('alert')
      .getByText(/admin/i)
      .waitFor();
    expect(receiver.requests.some((r) => r.path === '/hooks/viewer')).toBe(false);
    // The refused read and mutation are said on the page, not as script or console errors.
    expect(problems).toEqual([]);
  });

  it('shows a private URL refused next to its field where NOTIFY_ALLOW_PRIVATE_TARGETS is off', async () => {
    const guarded = await startNotificationsService({ allowPrivateTargets: false });
    try {
      const { team } = await seedTeam(guarded.t);
      await openNotifications(page, guarded, team);
      const dialog = await submitChannelDialog(page, {
        kind: 'Signed webhook',
        name: 'Metadata',
        url: 'http://169.254.169.254/latest/meta-data/',
      });
      const url = dialog.getByLabel('URL', { exact: true });
      const error = dialog.getByText(
        'The URL must not point to a private address (169.254.169.254)',
        { exact: false },
      );
      await error.waitFor();
      expect(await url.getAttribute('aria-invalid')).toBe('true');
      const errorId = await error.getAttribute('id');
      expect((await url.getAttribute('aria-describedby'))?.split(' ')).toContain(errorId);
      // Still open with what was typed; nothing created.
      expect(await url.inputValue()).toBe('http://169.254.169.254/latest/meta-data/');
      const { notificationChannels } = await guarded.t.ok<{ notificationChannels: unknown[] }>(
        CHANNELS,
        { t: team.id },
      );
      expect(notificationChannels).toEqual([]);
      await screenshot(page, 'notifications-refused-url');

      // Changing an existing channel's URL is checked the same way.
      await page.keyboard.press('Escape');
      const channel = await createChannel(guarded.t, team.id, {
        name: 'Ops receiver',
        url: 'https://93.184.215.14/hooks/loopboard',
        events: [{ type: 'SLA_BREACHED' }],
      });
      await page.goto(`${guarded.baseUrl}/teams/${team.key}/notifications?channel=${channel.id}`);
      const settings = page.getByRole('region', { name: 'Channel' });
      await settings.getByLabel('New URL').fill('http://10.0.0.7/hook');
      await settings.getByRole('button', { name: 'Save name and URL' }).click();
      const refused = settings.getByText('The URL must not point to a private address (10.0.0.7)', {
        exact: false,
      });
      await refused.waitFor();
      expect(await settings.getByLabel('New URL').getAttribute('aria-invalid')).toBe('true');
      const after = await guarded.t.ok<{ notificationChannels: { target: string }[] }>(CHANNELS, {
        t: team.id,
      });
      expect(after.notificationChannels.map((c) => c.target)).toEqual(['https://93.184.215.14/…']);
      expect(problems).toEqual([]);
    } finally {
      await guarded.close();
    }
  });

  it.each([
    ['at 1280×800', { width: 1280, height: 800 }],
    ['on a 390-px phone', { width: 390, height: 844 }],
  ])('has no serious accessibility violations %s', async (label, viewport) => {
    await context.close();
    context = await browser.newContext({ viewport });
    ({ page, problems } = await openPage(context));
    const { team } = await seedTeam(service.t);
    const integration = await createIntegration(service.t, team.id);
    const channel = await createChannel(service.t, team.id, {
      name: 'Incident bot with a rather long name for a narrow screen',
      url: `${receiver.url}/hooks/a11y/with/a/long/path`,
      events: [{ type: 'ALERT_CARD_CREATED', minPriority: 'HIGH' }, { type: 'SLA_BREACHED' }],
    });
    await createChannel(service.t, team.id, {
      kind: 'SLACK',
      name: '#sre',
      url: `${receiver.url}/slack`,
      events: [{ type: 'RESERVE_EXHAUSTED' }],
    });
    receiver.answerWith({ status: 410, body: 'gone' });
    await fire(integration, 'A11yAlert');
    await eventually(
      async () => (await deliveriesOf(service.t, channel.id)).some((d) => d.status === 'FAILED'),
      { timeoutMs: 20_000, message: 'a failed message' },
    );
    await openNotifications(page, service, team, channel.id);
    const failed = rowsWithStatus(page, 'FAILED');
    await failed.first().waitFor();
    await failed
      .first()
      .getByRole('button', { name: /^Attempts/ })
      .click();
    await page.getByRole('list', { name: /^Attempts of/ }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, `notifications-${label.includes('phone') ? 'phone' : 'a11y-desktop'}`);
    // The dialog too.
    await page.getByRole('button', { name: 'New channel' }).click();
    await page
      .getByRole('dialog', { name: 'New channel' })
      .getByLabel('Name', { exact: true })
      .waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      viewport.width,
    );
    expect(problems).toEqual([]);
  });
});
