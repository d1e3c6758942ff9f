/**
 * PostgreSQL going away and coming back, and a pool with no free connection: the service stays
 * up, says it is not ready, answers requests with SERVICE_UNAVAILABLE instead of hanging or
 * leaking driver messages, and recovers on its own.
 */
import { Client } from 'pg';
import { startTestApp, TestApp } from '../helpers/test-app';
import { createTestDatabase, TestDatabase, usingPostgres } from '../helpers/test-database';
import { targetOf, TcpProxy } from '../helpers/tcp-proxy';

const onPostgres = usingPostgres() ? describe : describe.skip;

const UNAVAILABLE = {
  code: 'SERVICE_UNAVAILABLE',
  message: 'The database is unavailable; try again shortly',
};
/** Things a client must never see: driver messages, addresses, SQL, Prisma internals. */
const INTERNALS = /ECONN|127\.0\.0\.1|:\d{4,5}\b|SELECT|prisma|pg_|timeout exceeded|stack/i;

/** Polls `probe` until it returns a value, or fails with the last thing it saw. */
async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<{ value: T; afterMs: number }> {
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      const value = await probe();
      if (value !== undefined) return { value, afterMs: Date.now() - started };
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms (last: ${String(last)})`);
}

/** True once a session of this database is running the pg_sleep that holds the pool. */
async function sleeping(url: string): Promise<true | undefined> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query(
      `SELECT 1 FROM pg_stat_activity
       WHERE datname = current_database() AND state = 'active' AND query LIKE '%pg_sleep(3)%'
         AND pid <> pg_backend_pid()`,
    );
    return res.rowCount ? true : undefined;
  } finally {
    await client.end();
  }
}

onPostgres('database outage (PostgreSQL)', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = new TcpProxy(targetOf(database.url!));
    await proxy.start();
    const url = proxy.rewrite(database.url!);
    t = await startTestApp({
      database: { ...database, url, env: { DATABASE_URL: url } },
      env: { MIGRATE_ON_START: 'false' },
    });
  });

  afterAll(async () => {
    await proxy.start();
    await t?.close();
    await proxy.stop();
    await database?.drop();
  });

  it('is ready while the database answers', async () => {
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.database).toEqual({ status: 'up', kind: 'postgres' });
    expect(await t.ok('{ teams { id } }')).toEqual({ teams: [] });
  });

  it('turns not ready, stays alive and answers SERVICE_UNAVAILABLE while the database is gone', async () => {
    await proxy.stop();

    const { value: down, afterMs } = await eventually(
      async () => {
        const res = await t.http.get('/health/ready');
        return res.status === 503 ? res : undefined;
      },
      5000,
      '/health/ready answering 503',
    );
    expect(afterMs).toBeLessThan(5000);
    expect(down.headers['content-type']).toMatch(/^application\/json/);
    expect(down.body.status).toBe('error');
    expect(down.body.error.database).toEqual({
      status: 'down',
      kind: 'postgres',
      message: expect.stringMatching(/^database unreachable: /),
    });
    expect(down.body.error.database.message).not.toMatch(/127\.0\.0\.1|SELECT|prisma/i);

    const live = await t.http.get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body.info.process.status).toBe('up');

    const res = await t.gql('{ teams { id key } }', undefined, { 'x-request-id': 'outage-1' });
    expect(res.status).toBe(200);
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({
      message: UNAVAILABLE.message,
      path: ['teams'],
      extensions: { code: UNAVAILABLE.code, retryAfterSeconds: 5, requestId: 'outage-1' },
    });
    expect(JSON.stringify(res.errors)).not.toMatch(INTERNALS);
  });

  it('is ready again when the database returns, without a restart', async () => {
    await proxy.start();
    const { value: ready } = await eventually(
      async () => {
        const res = await t.http.get('/health/ready');
        return res.status === 200 ? res : undefined;
      },
      10_000,
      '/health/ready answering 200 again',
    );
    expect(ready.body.info.database).toEqual({ status: 'up', kind: 'postgres' });
    expect(await t.ok('{ teams { id } }')).toEqual({ teams: [] });
  });
});

onPostgres('a saturated connection pool (PostgreSQL)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        DATABASE_POOL_SIZE: '1',
        DATABASE_CONNECT_TIMEOUT_MS: '500',
        MIGRATE_ON_START: 'false',
      },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('fails a request fast with SERVICE_UNAVAILABLE instead of waiting for a connection', async () => {
    expect(t.prisma.connection.pool?.options.max).toBe(1);
    // Take the pool's only connection for 3 s.
    const holding = t.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_sleep(3)`;
      return 'held';
    });
    await eventually(
      () => sleeping(t.database.url!),
      2000,
      'the transaction taking the connection',
    );

    const started = Date.now();
    const res = await t.gql('{ teams { id } }');
    const elapsed = Date.now() - started;

    expect(elapsed).toBeLessThan(2000);
    expect(res.errors?.[0]).toMatchObject({
      message: UNAVAILABLE.message,
      extensions: { code: UNAVAILABLE.code },
    });
    expect(JSON.stringify(res.errors)).not.toMatch(INTERNALS);

    // The held work itself was not disturbed, and the pool serves again once it is free.
    expect(await holding).toBe('held');
    expect(await t.ok('{ teams { id } }')).toEqual({ teams: [] });
  });
});
