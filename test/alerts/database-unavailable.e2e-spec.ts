/**
 * When PostgreSQL goes away the webhook answers 503 with Retry-After (Alertmanager retries 5xx)
 * and leaves nothing half-written, even when the connection dies in the middle of a delivery's
 * transaction. The app reaches PostgreSQL through a TCP proxy the test cuts and restores.
 * PostgreSQL only: the embedded database cannot go away.
 */
import { Client } from 'pg';
import {
  createIntegration,
  postWebhook,
  type IntegrationRef,
  alertTeam,
  type AlertTeam,
} from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { TcpProxy, targetOf } from '../helpers/tcp-proxy';
import { waitForLockWait } from '../helpers/pg-locks';
import { startTestApp, TestApp } from '../helpers/test-app';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../helpers/test-database';

const describeOnPostgres = usingPostgres() ? describe : describe.skip;

describeOnPostgres('webhooks while the database is unavailable', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let t: TestApp;
  /** A direct connection, around the proxy, to look at what was written. */
  let direct: Client;
  let setup: AlertTeam;
  let integration: IntegrationRef;

  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = new TcpProxy(targetOf(database.url!));
    await proxy.start();
    t = await startTestApp({
      database,
      env: { DATABASE_URL: proxy.rewrite(database.url!), DATABASE_CONNECT_TIMEOUT_MS: '1000' },
    });
    direct = new Client({ connectionString: database.url });
    await direct.connect();
    setup = await alertTeam(t);
    integration = await createIntegration(t, setup.team.id);
  });

  afterAll(async () => {
    await direct?.end();
    await t?.close();
    await proxy?.stop();
    await database?.drop();
  });

  async function rows(): Promise<{
    alerts: number;
    deliveries: number;
    tasks: number;
    events: number;
  }> {
    const result = await direct.query<{
      alerts: string;
      deliveries: string;
      tasks: string;
      events: string;
    }>(
      `SELECT (SELECT count(*) FROM alerts WHERE integration_id = $1) AS alerts,
              (SELECT count(*) FROM webhook_deliveries WHERE integration_id = $1) AS deliveries,
              (SELECT count(*) FROM tasks WHERE team_id = $2) AS tasks,
              (SELECT count(*) FROM task_events WHERE team_id = $2) AS events`,
      [integration.id, setup.team.id],
    );
    const row = result.rows[0]!;
    return {
      alerts: Number(row.alerts),
      deliveries: Number(row.deliveries),
      tasks: Number(row.tasks),
      events: Number(row.events),
    };
  }

  function expect503(res: {
    status: number;
    headers: Record<string, string>;
    body: Record<string, unknown>;
  }): void {
    expect({ status: res.status, body: res.body }).toEqual({
      status: 503,
      body: expect.objectContaining({
        statusCode: 503,
        error: 'SERVICE_UNAVAILABLE',
        retryAfterSeconds: 5,
      }),
    });
    expect(res.headers['retry-after']).toBe('5');
  }

  it('answers 503 with Retry-After while the database is down, and 200 for the retry once it is back', async () => {
    const before = await rows();
    await proxy.stop();
    try {
      expect503(await postWebhook(t, integration, amGroup([amAlert({ fingerprint: 'down' })])));
    } finally {
      await proxy.start();
    }
    expect(await rows()).toEqual(before);
    // The sender's retry goes through.
    const retry = await postWebhook(t, integration, amGroup([amAlert({ fingerprint: 'down' })]));
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ received: 1, created: 1 });
    expect(await rows()).toEqual({
      alerts: before.alerts + 1,
      deliveries: before.deliveries + 1,
      tasks: before.tasks + 1,
      events: before.events + 1,
    });
  });

  it('rolls back a delivery whose connection dies mid-transaction, then processes the retry', async () => {
    const before = await rows();
    // Hold the team's task counter so the delivery's transaction stops after inserting its alerts,
    // where it numbers their cards (its last lock).
    await direct.query(
      'INSERT INTO task_counters (team_id, last_number) VALUES ($1, 0) ON CONFLICT (team_id) DO NOTHING',
      [setup.team.id],
    );
    await direct.query('BEGIN');
    await direct.query('SELECT 1 FROM task_counters WHERE team_id = $1 FOR UPDATE', [
      setup.team.id,
    ]);
    const body = amGroup([amAlert({ fingerprint: 'mid-1' }), amAlert({ fingerprint: 'mid-2' })]);
    // supertest sends on then(): start the request now.
    const pending = postWebhook(t, integration, body).then((res) => res);
    try {
      // Wait until the delivery's transaction is blocked on the counter row. (pg_stat_activity may
      // still show the previous statement's text, so only the wait is matched.)
      await waitForLockWait(direct, { message: 'the delivery waiting on the task counter' });
      // Its alerts are inserted, not committed.
      const inFlight = await direct.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE a.datname = current_database() AND l.locktype = 'transactionid' AND l.granted AND a.pid <> pg_backend_pid()`,
      );
      expect(inFlight.rows[0]!.n).toBeGreaterThan(0);
      await proxy.stop();
      expect503(await pending);
    } finally {
      await direct.query('ROLLBACK');
      await proxy.start();
    }
    // The alerts it had inserted are gone with its transaction; nothing else was written.
    expect(await rows()).toEqual(before);

    const retry = await postWebhook(t, integration, body);
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ received: 2, created: 2 });
    const after = await rows();
    expect(after).toMatchObject({
      alerts: before.alerts + 2,
      deliveries: before.deliveries + 1,
      tasks: before.tasks + 2,
    });
    expect((await t.http.get('/health/ready')).status).toBe(200);
  });
});
