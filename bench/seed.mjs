// Seeding through the public API (GraphQL as the admin, webhooks with an integration's token),
// shared by the scenarios. Direct SQL is used only where a scenario says so (capacity report).
import { gql, pool } from './lib.mjs';

const LABELS = [
  'backend',
  'frontend',
  'api',
  'db',
  'infra',
  'ux',
  'security',
  'payments',
  'mobile',
];

/** A team with `members` members and one board (its 5 default columns). */
export async function seedTeam(service, { key = 'BENCH', members = 8 } = {}) {
  const { createTeam: team } = await gql(
    service,
    'mutation($input: CreateTeamInput!) { createTeam(input: $input) { id key } }',
    { input: { key, name: `Benchmark team ${key}` } },
  );
  const memberIds = [];
  for (let i = 0; i < members; i++) {
    const { addMember } = await gql(
      service,
      'mutation($input: AddMemberInput!) { addMember(input: $input) { id } }',
      { input: { teamId: team.id, name: `Member ${i + 1}`, capacityPerDay: 1 + (i % 3) * 0.5 } },
    );
    memberIds.push(addMember.id);
  }
  const { createBoard: board } = await gql(
    service,
    'mutation($input: CreateBoardInput!) { createBoard(input: $input) { id columns { id name category } } }',
    { input: { teamId: team.id, name: 'Main board' } },
  );
  return { teamId: team.id, teamKey: team.key, memberIds, board };
}

/** `count` cards spread evenly over the board's columns, with assignees and 1 to 3 labels. */
export async function seedTasks(service, team, count, { sprintId = null, concurrency = 4 } = {}) {
  const columns = team.board.columns;
  const inputs = Array.from({ length: count }, (_, i) => ({
    teamId: team.teamId,
    title: `Benchmark card ${i + 1}: a realistic title of some length for a card`,
    estimate: [1, 2, 3, 5, 8][i % 5],
    assigneeId: team.memberIds[i % team.memberIds.length],
    labels: LABELS.slice(i % LABELS.length, (i % LABELS.length) + 1 + (i % 3)),
    columnId: columns[i % columns.length].id,
    ...(sprintId ? { sprintId } : {}),
    force: true,
  }));
  return pool(inputs, concurrency, async (input) => {
    const { createTask } = await gql(
      service,
      'mutation($input: CreateTaskInput!) { createTask(input: $input) { id key } }',
      { input },
    );
    return createTask;
  });
}

/** A PLANNED sprint of two weeks around today (or the given dates). */
export async function seedSprint(service, team, { startDate, endDate, name = 'Sprint 1' } = {}) {
  const day = 86_400_000;
  const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
  const { createSprint } = await gql(
    service,
    'mutation($input: CreateSprintInput!) { createSprint(input: $input) { id } }',
    {
      input: {
        teamId: team.teamId,
        name,
        startDate: startDate ?? iso(Date.now() - 2 * day),
        endDate: endDate ?? iso(Date.now() + 11 * day),
      },
    },
  );
  return createSprint.id;
}

export async function startSprint(service, sprintId) {
  await gql(service, 'mutation($id: ID!) { startSprint(id: $id) { id state } }', { id: sprintId });
}

/** An Alertmanager integration: its id, bearer token and webhook URL. */
export async function seedIntegration(service, team, name = 'Benchmark Alertmanager') {
  const { createAlertIntegration } = await gql(
    service,
    `mutation($input: CreateAlertIntegrationInput!) {
      createAlertIntegration(input: $input) { integration { id } token webhookUrl }
    }`,
    { input: { teamId: team.teamId, kind: 'ALERTMANAGER', name } },
  );
  return {
    id: createAlertIntegration.integration.id,
    token: createAlertIntegration.token,
    url: `${service.base}/webhooks/${createAlertIntegration.integration.id}`,
  };
}

/**
 * One firing alert shaped like /work/shared/fixtures/alerts/alertmanager-firing.json (about 650
 * bytes); `id` goes into the fingerprint and the instance label.
 */
export function firingAlert(id, index = 0) {
  return {
    status: 'firing',
    labels: {
      alertname: 'HighErrorRate',
      env: 'production',
      severity: ['critical', 'warning', 'info'][index % 3],
      team: 'payments',
      service: 'checkout-api',
      instance: `checkout-${id}:8080`,
    },
    annotations: {
      summary: '5xx ratio above 5% on checkout-api',
      description: `Error ratio is 7.3% over the last 5 minutes on checkout-${id}:8080.`,
      runbook_url: 'https://runbooks.example.com/HighErrorRate',
    },
    startsAt: '2026-11-20T09:14:03.123Z',
    endsAt: '0001-01-01T00:00:00Z',
    generatorURL:
      'http://prometheus.example.com:9090/graph?g0.expr=job%3Ahttp_5xx%3Aratio5m+%3E+0.05',
    fingerprint: `fp-${id}`,
  };
}

/** An Alertmanager v4 webhook body with the given alerts. */
export function alertmanagerBody(alerts) {
  return JSON.stringify({
    version: '4',
    groupKey: '{}/{team="payments"}:{alertname="HighErrorRate", env="production"}',
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'loopboard-payments',
    groupLabels: { alertname: 'HighErrorRate', env: 'production' },
    commonLabels: { alertname: 'HighErrorRate', env: 'production', team: 'payments' },
    commonAnnotations: { summary: '5xx ratio above 5% on checkout-api' },
    externalURL: 'http://alertmanager.example.com:9093',
    alerts,
  });
}

/** POSTs a webhook body; returns the status, the parsed answer and the time to answer. */
export async function postWebhook(integration, body) {
  const started = performance.now();
  const res = await fetch(integration.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${integration.token}` },
    body,
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let answer;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = text;
  }
  return { status: res.status, answer, ms };
}

/** Headers autocannon sends for a webhook post. */
export function webhookHeaders(integration) {
  return { 'content-type': 'application/json', authorization: `Bearer ${integration.token}` };
}
