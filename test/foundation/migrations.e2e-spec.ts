/**
 * Migrations through the service's own Migrator: two instances starting together against one
 * PostgreSQL apply each migration once, a current database gets nothing, and a database that
 * is behind is reported by readiness instead of being served.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openDatabase } from '../../src/common/database/database-connection';
import { readMigrationList } from '../../src/common/database/migrations/migration-files';
import {
  MIGRATION_LOCK_KEY,
  MigrationResult,
  Migrator,
} from '../../src/common/database/migrations/migrator';
import { migrationsDir } from '../../src/common/database/project-paths';
import type { DatabaseConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { waitForLockWait } from '../helpers/pg-locks';
import { startTestApp } from '../helpers/test-app';
import { createTestDatabase, TestDatabase, usingPostgres } from '../helpers/test-database';

const onPostgres = usingPostgres() ? describe : describe.skip;
const silent = { warn: (): void => undefined };
const committed = readMigrationList(migrationsDir()).migrationDirectories.map((d) => d.path);

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database with nothing in it: not cloned from the migrated template. */
async function emptyDatabase(): Promise<TestDatabase> {
  if (!usingPostgres()) {
    const dataDir = mkdtempSync(join(tmpdir(), 'loopboard-empty-'));
    return {
      kind: 'pglite',
      env: { DATA_DIR: dataDir },
      drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
    };
  }
  const base = process.env.DATABASE_URL as string;
  const admin = withDatabase(base, 'postgres');
  const name = `loopboard_empty_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withClient(admin, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(base, name);
  return {
    kind: 'postgres',
    url,
    env: { DATABASE_URL: url },
    drop: () =>
      withClient(admin, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}

function databaseConfig(db: TestDatabase): DatabaseConfig {
  return loadConfig(db.env).database;
}

/** Rows of `_prisma_migrations` per migration name: [name, finished, unfinished or rolled back]. */
async function migrationRows(url: string): Promise<[string, number, number][]> {
  return withClient(url, async (c) => {
    const res = await c.query<{ name: string; finished: string; other: string }>(`
      SELECT migration_name AS name,
             count(*) FILTER (WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL) AS finished,
             count(*) FILTER (WHERE finished_at IS NULL OR rolled_back_at IS NOT NULL) AS other
      FROM _prisma_migrations GROUP BY migration_name ORDER BY migration_name`);
    return res.rows.map((r) => [r.name, Number(r.finished), Number(r.other)]);
  });
}

async function tableExists(url: string, table: string): Promise<boolean> {
  return withClient(url, async (c) => {
    const res = await c.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [
      table,
    ]);
    return res.rows[0]?.exists === true;
  });
}

/** Advisory locks held in this database, by key (Prisma's 72707369, Loopboard's 72707370). */
async function advisoryLocks(url: string): Promise<number[]> {
  return withClient(url, async (c) => {
    const res = await c.query<{ objid: number }>(`
      SELECT objid::int AS objid FROM pg_locks
      WHERE locktype = 'advisory' AND granted
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
    return res.rows.map((r) => r.objid);
  });
}

describe('migrations', () => {
  it('has at least one committed migration to test with', () => {
    expect(committed.length).toBeGreaterThan(0);
    expect(committed).toEqual([...committed].sort());
  });

  onPostgres('on PostgreSQL', () => {
    let db: TestDatabase;

    beforeEach(async () => {
      db = await emptyDatabase();
    });

    afterEach(async () => {
      await db.drop();
    });

    it('applies each migration once when two instances migrate an empty database together', async () => {
      const config = databaseConfig(db);
      const first = await openDatabase(config, silent);
      const second = await openDatabase(config, silent);
      let results: MigrationResult[];
      try {
        results = await Promise.all([
          new Migrator(config, first).apply(),
          new Migrator(config, second).apply(),
        ]);
      } finally {
        await first.close();
        await second.close();
      }
      const applied = results.map((r) => r.applied).sort((a, b) => a.length - b.length);
      // One instance applied everything, the other waited its turn and found nothing to do.
      expect(applied).toEqual([[], committed]);
      expect(await migrationRows(db.url!)).toEqual(committed.map((name) => [name, 1, 0]));
      expect(await tableExists(db.url!, 'teams')).toBe(true);
      // A lock left behind would make the next instance's engine wait ~10 s for it.
      expect(await advisoryLocks(db.url!)).toEqual([]);
    });

    it('waits for the migration lock held by another instance before touching the schema', async () => {
      const config = databaseConfig(db);
      const holder = new Client({ connectionString: db.url });
      await holder.connect();
      const connection = await openDatabase(config, silent);
      try {
        await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        let settled = false;
        const migrating = new Migrator(config, connection).apply().finally(() => {
          settled = true;
        });
        // Seen waiting for the lock (not merely not finished yet): nothing is touched meanwhile.
        await waitForLockWait(holder, {
          advisoryKey: MIGRATION_LOCK_KEY,
          message: 'the migrator waiting for the migration lock',
        });
        expect(settled).toBe(false);
        expect(await tableExists(db.url!, '_prisma_migrations')).toBe(false);

        await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        expect(await migrating).toEqual({ applied: committed });
      } finally {
        await holder.end();
        await connection.close();
      }
    });
  });

  describe(`on ${usingPostgres() ? 'PostgreSQL' : 'PGlite'}`, () => {
    it('applies nothing to a database that has every migration', async () => {
      const db = await createTestDatabase();
      const config = databaseConfig(db);
      const connection = await openDatabase(config, silent);
      try {
        expect(await new Migrator(config, connection).apply()).toEqual({ applied: [] });
      } finally {
        await connection.close();
      }
      if (db.url) {
        expect(await migrationRows(db.url)).toEqual(committed.map((name) => [name, 1, 0]));
      }
      await db.drop();
    });

    it('reports pending migrations as not ready when MIGRATE_ON_START=false on an empty database', async () => {
      const db = await emptyDatabase();
      const t = await startTestApp({ database: db, env: { MIGRATE_ON_START: 'false' } });
      try {
        const ready = await t.http.get('/health/ready');
        expect(ready.status).toBe(503);
        expect(ready.body.status).toBe('error');
        expect(ready.body.error.database).toEqual({
          status: 'down',
          kind: db.kind,
          message: `${committed.length} migration(s) not applied: ${committed.join(', ')}`,
        });
        // Not ready, but alive: an orchestrator must not restart it for this.
        expect((await t.http.get('/health/live')).status).toBe(200);
        // Nothing was migrated behind the flag's back.
        if (db.url) expect(await tableExists(db.url, '_prisma_migrations')).toBe(false);
      } finally {
        await t.close();
        await db.drop();
      }
    });
  });
});
