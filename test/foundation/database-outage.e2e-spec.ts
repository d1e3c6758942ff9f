/**
 * PostgreSQL going away and coming back, and a pool with no free connection: the service stays
 * up, says it is not ready, answers requests with SERVICE_UNAVAILABLE instead of hanging or
 * leaking driver messages, and recovers on its own.
 */
import { Client } from 'pg';
import { startTestApp, TestApp } from '../helpers/test-app';
import { createTestDatabase, TestDatabase, usingPostgres } from '../helpers/test-database';
import { eventually } from '../helpers/eventually';
import { waitForLockWait } from '../helpers/pg-locks';
import { targetOf, TcpProxy } from '../helpers/tcp-proxy';

const onPostgres = usingPostgres() ? describe : describe.skip;

const UNAVAILABLE = {
  code: 'SERVICE_UNAVAILABLE',
  message: 'The database is unavailable; try again shortly',
};
/** The advisory lock the saturating transaction waits for. */
const HOLD_KEY = 72707399;
/** Things a client must never see: driver messages, addresses, SQL, Prisma internals. */
const INTERNALS = /ECONN|127\.0\.0\.1|:\d{4,5}\b|SELECT|prisma|pg_|timeout exceeded|stack/i;

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

    const down = await eventually(
      async () => {
        const res = await t.http.get('/health/ready');
        return res.status === 503 && res;
      },
      { timeoutMs: 30_000, intervalMs: 100, message: '/health/ready answering 503' },
    );
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
    const ready = await eventually(
      async () => {
        const res = await t.http.get('/health/ready');
        return res.status === 200 && res;
      },
      { timeoutMs: 30_000, intervalMs: 100, message: '/health/ready answering 200 again' },
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
    // The pool's only connection is taken by a transaction that waits for a lock this test
    // holds: it stays taken until the test lets go, however long the request takes.
    const holder = new Client({ connectionString: t.database.url });
    await holder.connect();
    let res: Awaited<ReturnType<TestApp['gql']>>;
    let holding: Promise<string>;
    let released = false;
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [HOLD_KEY]);
      holding = t.prisma.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(${HOLD_KEY}::bigint)`;
          return 'held';
        },
        { timeout: 120_000 },
      );
      const settle = (): void => {
        released = true;
      };
      void holding.then(settle, settle);
      await waitForLockWait(holder, {
        advisoryKey: HOLD_KEY,
        message: 'the transaction taking the connection',
      });
      res = await t.gql('{ teams { id } }');
      // Answered while the connection is still taken: the request did not wait for it.
      expect(released).toBe(false);
    } finally {
      await holder.query('SELECT pg_advisory_unlock_all()');
      await holder.end();
    }

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
