#!/usr/bin/env node
// Screenshots of the web app for the README (npm run screenshots): starts the built service
// (npm run build first) on a fresh embedded database, fills a board the way a team would (cards,
// a WIP limit, a closed sprint and an active one, alerts from Alertmanager), and has headless
// Chromium photograph the board at 1280×800 (docs/board-desktop.png) and on a 390-px phone
// (docs/board-phone.png), then the sprint, reports and alerts pages at 1280 px wide
// (docs/sprint-desktop.png, docs/reports-desktop.png, docs/alerts-desktop.png).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { gql, requireBuild, ROOT, startService } from '../bench/lib.mjs';
import { alertmanagerBody, firingAlert, postWebhook, seedIntegration } from '../bench/seed.mjs';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const CARDS = [
  ['TODO', 'Rotate TLS certificates on the edge proxies', 'CHORE', 'HIGH', 3, 0, ['security']],
  ['TODO', 'Dashboards for the checkout latency SLO', 'FEATURE', 'MEDIUM', 5, 1, ['observability']],
  ['TODO', 'Runbook: failover of the primary database', 'CHORE', 'MEDIUM', 2, 2, ['db', 'runbook']],
  ['TODO', 'Upgrade PostgreSQL 15 → 16 on staging', 'CHORE', 'LOW', 5, null, ['db']],
  ['IN_PROGRESS', 'Retry budget for the payments client', 'FEATURE', 'HIGH', 5, 0, ['payments']],
  ['IN_PROGRESS', 'Queue consumer leaks file descriptors', 'BUG', 'URGENT', 3, 1, ['backend']],
  ['IN_PROGRESS', 'Move cron jobs to the scheduler', 'CHORE', 'MEDIUM', 8, 3, ['infra']],
  ['IN_PROGRESS', 'Alert on certificate expiry < 14 days', 'FEATURE', 'MEDIUM', 2, 2, ['security']],
  ['REVIEW', 'Rate limit the public search API', 'FEATURE', 'HIGH', 3, 3, ['api']],
  ['REVIEW', 'Log sampling for noisy health checks', 'CHORE', 'LOW', 1, 1, ['observability']],
  ['DONE', 'Pin the base image of the worker', 'CHORE', 'LOW', 1, 0, ['infra']],
  ['DONE', 'Checkout 502s after deploy 2026.11.3', 'INCIDENT', 'URGENT', 3, 2, ['payments']],
];

async function seed(service) {
  const { createTeam: team } = await gql(
    service,
    'mutation { createTeam(input: {key: "SRE", name: "Site Reliability"}) { id key } }',
  );
  const members = [];
  for (const name of ['Ana Lima', 'Ben Okafor', 'Chen Wei', 'Dana Cruz']) {
    const { addMember } = await gql(
      service,
      'mutation ($t: ID!, $n: String!) { addMember(input: {teamId: $t, name: $n, capacityPerDay: 1}) { id } }',
      { t: team.id, n: name },
    );
    members.push(addMember.id);
  }
  const { createBoard: board } = await gql(
    service,
    'mutation ($t: ID!) { createBoard(input: {teamId: $t, name: "Operations"}) { id columns { id category } } }',
    { t: team.id },
  );
  const column = Object.fromEntries(board.columns.map((c) => [c.category, c.id]));
  await gql(service, 'mutation ($c: ID!) { updateColumn(id: $c, input: {wipLimit: 3}) { id } }', {
    c: column.IN_PROGRESS,
  });
  await gql(
    service,
    'mutation ($id: ID!) { updateTeam(id: $id, input: {reservePolicy: {mode: FIXED_POINTS, value: 4}}) { id } }',
    { id: team.id },
  );
  const dates = sprintDates();
  await closedSprint(service, team, board, column, dates.previous);
  const sprint = await createSprint(service, team, 'Sprint 49', dates.current);
  for (const [category, title, type, priority, estimate, member, labels] of CARDS)
    await createCard(service, team, board, {
      columnId: column[category],
      sprintId: sprint,
      title,
      type,
      priority,
      estimate,
      labels,
      assigneeId: member === null ? null : members[member],
    });
  await gql(service, 'mutation ($id: ID!) { startSprint(id: $id) { id } }', { id: sprint });
  const integration = await seedIntegration(service, { teamId: team.id }, 'Prometheus production');
  const alerts = [firingAlert('a1', 0), firingAlert('b2', 1), firingAlert('c3', 2)];
  alerts[1].labels = {
    ...alerts[1].labels,
    alertname: 'DiskFillingUp',
    service: 'ledger-db',
    instance: 'ledger-db-2:9100',
  };
  alerts[1].annotations = { summary: 'Disk on ledger-db-2 fills within 24 h' };
  for (let i = 0; i < 3; i++) await postWebhook(integration, alertmanagerBody([alerts[0]]));
  await postWebhook(integration, alertmanagerBody([alerts[1]]));
  await postWebhook(integration, alertmanagerBody([alerts[2]]));
  return { team, board };
}

const isoDay = (date) => date.toISOString().slice(0, 10);
const addDays = (date, days) => new Date(date.getTime() + days * 86_400_000);

/** The current two-week sprint (from last Monday) and the one before it. */
function sprintDates(now = new Date()) {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const monday = addDays(today, -((today.getUTCDay() + 6) % 7) - 7);
  return {
    previous: { startDate: isoDay(addDays(monday, -14)), endDate: isoDay(addDays(monday, -3)) },
    current: { startDate: isoDay(monday), endDate: isoDay(addDays(monday, 11)) },
  };
}

async function createSprint(service, team, name, dates) {
  const { createSprint: sprint } = await gql(
    service,
    'mutation ($input: CreateSprintInput!) { createSprint(input: $input) { id } }',
    { input: { teamId: team.id, name, ...dates } },
  );
  return sprint.id;
}

async function createCard(service, team, board, input) {
  const { createTask: task } = await gql(
    service,
    'mutation ($input: CreateTaskInput!) { createTask(input: $input) { id } }',
    { input: { teamId: team.id, boardId: board.id, force: true, ...input } },
  );
  return task.id;
}

/** Sprint 48: planned, started, mostly done, closed (unfinished work back to the backlog). */
async function closedSprint(service, team, board, column, dates) {
  const sprint = await createSprint(service, team, 'Sprint 48', dates);
  const cards = [];
  for (const [i, estimate] of [5, 3, 3, 2, 5, 1].entries())
    cards.push(
      await createCard(service, team, board, {
        columnId: column.TODO,
        sprintId: sprint,
        title: `Sprint 48 work ${i + 1}`,
        estimate,
      }),
    );
  await gql(service, 'mutation ($id: ID!) { startSprint(id: $id) { id } }', { id: sprint });
  for (const id of cards.slice(0, 4))
    await gql(service, 'mutation ($input: MoveTaskInput!) { moveTask(input: $input) { id } }', {
      input: { taskId: id, columnId: column.DONE, force: true },
    });
  await gql(service, 'mutation ($id: ID!) { closeSprint(id: $id) { id } }', { id: sprint });
  for (const id of cards)
    await gql(service, 'mutation ($id: ID!) { deleteTask(id: $id) }', { id }).catch(
      () => undefined,
    );
}

const boardReady = (page) => page.locator('[data-card-key]').nth(CARDS.length).waitFor();
const chartsReady = async (page) => {
  await page.locator('.chart-svg').first().waitFor();
  await page.getByRole('status').waitFor({ state: 'detached' });
};

async function shoot(browser, service, path, viewport, file, ready = boardReady) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(service.base);
  await page.getByLabel('API token').fill(service.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[data-card-key]').first().waitFor();
  await page.goto(`${service.base}${path}`);
  await ready(page);
  await page.screenshot({ path: file });
  await context.close();
  process.stdout.write(`wrote ${file}\n`);
}

/** More integrations for the alerts page's list. */
async function seedAlerts(service, team) {
  for (const [kind, name] of [
    ['GRAFANA', 'Grafana staging'],
    ['GENERIC', 'Synthetic checks'],
  ])
    await gql(
      service,
      'mutation ($input: CreateAlertIntegrationInput!) { createAlertIntegration(input: $input) { token } }',
      { input: { teamId: team.id, kind, name } },
    );
}

async function shootAlerts(browser, service, path, file) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  await page.goto(service.base);
  await page.getByLabel('API token').fill(service.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.goto(`${service.base}${path}`);
  await page.locator('[data-snippet="alertmanager"]').waitFor();
  await page.locator('[data-delivery-id]').first().waitFor();
  await page.screenshot({ path: file });
  await context.close();
  process.stdout.write(`wrote ${file}\n`);
}

requireBuild();
const service = await startService({
  db: 'pglite',
  'log-level': 'warn',
  // The webhook URLs the alerts page shows, as a deployment would announce them.
  extraEnv: { PUBLIC_URL: 'https://loopboard.example.com' },
  profile: false,
});
let browser;
try {
  const { team, board } = await seed(service);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  const path = `/teams/${team.key}/board/${board.id}`;
  await shoot(
    browser,
    service,
    path,
    { width: 1280, height: 800 },
    join(ROOT, 'docs', 'board-desktop.png'),
  );
  await shoot(
    browser,
    service,
    path,
    { width: 390, height: 844 },
    join(ROOT, 'docs', 'board-phone.png'),
  );
  const desktop = { width: 1280, height: 800 };
  await shoot(
    browser,
    service,
    `/teams/${team.key}/sprint`,
    { ...desktop, height: 1100 },
    join(ROOT, 'docs', 'sprint-desktop.png'),
    chartsReady,
  );
  await shoot(
    browser,
    service,
    `/teams/${team.key}/reports`,
    { ...desktop, height: 1100 },
    join(ROOT, 'docs', 'reports-desktop.png'),
    chartsReady,
  );
  await seedAlerts(service, team);
  await shootAlerts(
    browser,
    service,
    `/teams/${team.key}/alerts`,
    join(ROOT, 'docs', 'alerts-desktop.png'),
  );
} finally {
  await browser?.close();
  await service.stop();
}
