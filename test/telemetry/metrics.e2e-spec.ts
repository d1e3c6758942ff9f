import { createIntegration, fixture, postWebhook } from '../helpers/alert-factories';
import { eventually } from '../helpers/eventually';
import { createBoard, createSprint, createTeam, startSprint } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';

/** The value of one sample of a metric in Prometheus text format, or undefined. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})?\s+(\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[4]);
  }
  return undefined;
}

describe('metrics', () => {
  let t: TestApp;
  let startedAt: number;

  beforeAll(async () => {
    startedAt = Date.now();
    t = await startTestApp({ env: { HEARTBEAT_INTERVAL_MS: '200' } });
  });

  afterAll(async () => {
    await t.close();
  });

  const scrape = async (): Promise<string> => {
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return res.text;
  };

  it('exports process and Node.js metrics', async () => {
    const text = await scrape();
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('times HTTP requests by route template and status class, never by raw path', async () => {
    await t.http.get('/health/live');
    // Under the service's own paths (elsewhere the web app answers client routes with its page).
    await t.http.get('/health/no-such-path-12345');
    const text = await scrape();
    expect(
      sample(text, 'http_request_duration_seconds_count', {
        method: 'GET',
        route: '/health/live',
        status_class: '2xx',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'http_request_duration_seconds_count', {
        method: 'GET',
        route: 'unmatched',
        status_class: '4xx',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('12345');
  });

  it('times GraphQL operations by type, name and outcome', async () => {
    await t.gql('query ListTeams { teams { id } }');
    await t.gql('query BrokenOne { team(key: "NOPE") { id } }');
    const text = await scrape();
    expect(
      sample(text, 'graphql_operation_duration_seconds_count', {
        operation_type: 'query',
        operation_name: 'ListTeams',
        outcome: 'success',
      }),
    ).toBe(1);
    expect(
      sample(text, 'graphql_operation_duration_seconds_count', {
        operation_type: 'query',
        operation_name: 'BrokenOne',
        outcome: 'error',
      }),
    ).toBe(1);
  });

  it('counts webhook deliveries, alerts, cards, repeats and the reserve per team', async () => {
    const team = await createTeam(t);
    await createBoard(t, team.id);
    const sprint = await createSprint(t, team.id);
    await startSprint(t, sprint.id);
    const integration = await createIntegration(t, team.id);
    const firing = fixture('alertmanager-firing.json');
    expect((await postWebhook(t, integration, firing)).status).toBe(200);
    expect((await postWebhook(t, integration, firing)).status).toBe(200);
    expect((await postWebhook(t, { ...integration, token: 'wrong' }, firing)).status).toBe(401);
    const text = await scrape();
    expect(
      sample(text, 'loopboard_webhook_deliveries_total', {
        kind: 'ALERTMANAGER',
        outcome: 'processed',
      }),
    ).toBe(2);
    expect(
      sample(text, 'loopboard_webhook_deliveries_total', {
        kind: 'unknown',
        outcome: 'unauthorized',
      }),
    ).toBe(1);
    expect(
      sample(text, 'loopboard_alerts_received_total', { kind: 'ALERTMANAGER', status: 'firing' }),
    ).toBe(4);
    expect(sample(text, 'loopboard_alert_cards_created_total', { kind: 'ALERTMANAGER' })).toBe(2);
    expect(sample(text, 'loopboard_alerts_deduplicated_total', { kind: 'ALERTMANAGER' })).toBe(2);
    // Posted one after the other: two transactions of one delivery each.
    expect(sample(text, 'loopboard_webhook_batch_deliveries_count')).toBe(2);
    expect(sample(text, 'loopboard_webhook_batch_deliveries_sum')).toBe(2);
    expect(sample(text, 'loopboard_webhook_batch_deliveries_bucket', { le: '1' })).toBe(2);
    // Two critical cards at the default estimate of 3 points each.
    expect(sample(text, 'loopboard_sprint_reserve_used_points', { team: team.key })).toBe(6);
    expect(sample(text, 'loopboard_sprint_reserve_points', { team: team.key })).toBe(0);
    expect(
      sample(text, 'loopboard_db_query_duration_seconds_count', { database: t.database.kind }),
    ).toBeGreaterThan(10);
  });

  it('advances the heartbeat on its timer', async () => {
    const first = sample(await scrape(), 'loopboard_heartbeat_timestamp_seconds') as number;
    // A beat of this process: after it started, not in the future.
    expect(first).toBeGreaterThanOrEqual(startedAt / 1000 - 1);
    expect(first).toBeLessThanOrEqual(Date.now() / 1000);
    const later = await eventually(
      async () => {
        const beat = sample(await scrape(), 'loopboard_heartbeat_timestamp_seconds') as number;
        return beat > first && beat;
      },
      { intervalMs: 100, message: 'a later heartbeat' },
    );
    expect(later).toBeLessThanOrEqual(Date.now() / 1000);
  });
});

describe('metrics behind a token', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_TOKEN: 'scrape-secret-0123456789' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers 401 without the token and 200 with it', async () => {
    const denied = await t.http.get('/metrics');
    expect(denied.status).toBe(401);
    expect(denied.body.error).toBe('UNAUTHENTICATED');
    const allowed = await t.http
      .get('/metrics')
      .set('authorization', 'Bearer scrape-secret-0123456789');
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain('loopboard_heartbeat_timestamp_seconds');
  });
});
