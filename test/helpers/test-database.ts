/**
 * A fresh database for each test file, on PGlite by default or on PostgreSQL when DATABASE_URL
 * is set. Both are cloned from a template migrated once per set of migrations (through the same
 * Migrator the service uses), so a file starts from the real schema in about a second.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openDatabase } from '../../src/common/database/database-connection';
import { migrationsDir } from '../../src/common/database/project-paths';
import { Migrator } from '../../src/common/database/migrations/migrator';
import { readMigrationList } from '../../src/common/database/migrations/migration-files';
import type { DatabaseConfig } from '../../src/config/app-config';
import { eventually } from './eventually';

export interface TestDatabase {
  kind: 'pglite' | 'postgres';
  /** Environment variables that point the app at this database. */
  env: Record<string, string>;
  /** For PostgreSQL: the URL of this database. */
  url?: string;
  drop(): Promise<void>;
}

const silent = { warn: (): void => undefined };

/**
 * This checkout's own corner of the shared machine: several checkouts (worktrees, branches) may
 * run tests at once, each with its own migrations, and none may remove a template another one is
 * cloning. Templates are per checkout; only a checkout's own stale templates are removed.
 */
const CHECKOUT = createHash('sha256')
  .update(join(__dirname, '..', '..'))
  .digest('hex')
  .slice(0, 8);

function migrationsHash(): string {
  const list = readMigrationList(migrationsDir());
  const hash = createHash('sha256');
  for (const dir of list.migrationDirectories) {
    hash.update(dir.path);
    if (dir.migrationFile.content.tag === 'ok') hash.update(dir.migrationFile.content.value);
  }
  return hash.digest('hex').slice(0, 12);
}

export function usingPostgres(): boolean {
  return Boolean(process.env.DATABASE_URL);
}

export async function createTestDatabase(): Promise<TestDatabase> {
  return usingPostgres()
    ? createPostgresDatabase(process.env.DATABASE_URL as string)
    : createPgliteDatabase();
}

// --- PGlite --------------------------------------------------------------------------------

async function createPgliteDatabase(): Promise<TestDatabase> {
  const root = join(tmpdir(), 'loopboard-tests', CHECKOUT);
  mkdirSync(root, { recursive: true });
  const template = join(root, `template-${migrationsHash()}`);
  await ensurePgliteTemplate(template);
  const dataDir = join(root, `db-${process.pid}-${randomBytes(4).toString('hex')}`);
  cpSync(template, dataDir, { recursive: true });
  return {
    kind: 'pglite',
    env: { DATA_DIR: dataDir },
    drop: () => {
      rmSync(dataDir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

/** Builds the migrated template once; parallel Jest workers wait on a lock file. */
async function ensurePgliteTemplate(template: string): Promise<void> {
  const done = join(template, '.ready');
  if (existsSync(done)) return;
  const lockPath = `${template}.lock`;
  const turn = await eventually(
    () => {
      try {
        closeSync(openSync(lockPath, 'wx'));
        return 'locked';
      } catch {
        if (existsSync(done)) return 'built';
        // A lock left by a crashed run is stale after a minute.
        if (existsSync(lockPath) && Date.now() - statSync(lockPath).mtimeMs > 60_000)
          rmSync(lockPath, { force: true });
        return false;
      }
    },
    { timeoutMs: 180_000, intervalMs: 100, message: `${lockPath} released by another run` },
  );
  if (turn === 'built') return;
  try {
    if (existsSync(done)) return;
    rmSync(template, { recursive: true, force: true });
    const config: DatabaseConfig = { kind: 'pglite', dataDir: template };
    const connection = await openDatabase(config, silent);
    try {
      await new Migrator(config, connection).apply();
    } finally {
      await connection.close();
    }
    writeFileSync(done, new Date().toISOString());
    removeStale(join(template, '..'), template);
  } finally {
    rmSync(lockPath, { force: true });
  }
}

function removeStale(root: string, keep: string): void {
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (name.startsWith('template-') && path !== keep && !name.endsWith('.lock'))
      rmSync(path, { recursive: true, force: true });
  }
}

// --- PostgreSQL ----------------------------------------------------------------------------

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const PG_TEMPLATE_PREFIX = `loopboard_tpl_${CHECKOUT}_`;

async function createPostgresDatabase(baseUrl: string): Promise<TestDatabase> {
  const template = `${PG_TEMPLATE_PREFIX}${migrationsHash()}`;
  await ensurePostgresTemplate(baseUrl, template);
  const name = `loopboard_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(baseUrl, async (client) => {
    // Two clones of one template at the same instant can collide; a short retry settles it.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message))
          throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  });
  const url = withDatabase(baseUrl, name);
  return {
    kind: 'postgres',
    url,
    env: { DATABASE_URL: url },
    drop: () =>
      admin(
        baseUrl,
        async (client) =>
          void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
      ),
  };
}

async function ensurePostgresTemplate(baseUrl: string, template: string): Promise<void> {
  await admin(baseUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock(7270001)');
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount) return;
      // This checkout's templates of other migration sets (other checkouts' are theirs: they
      // may be cloning them right now), and templates named before templates were per checkout.
      const stale = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database
          WHERE starts_with(datname, $1) OR datname ~ '^loopboard_tpl_[0-9a-f]{12}$'`,
        [PG_TEMPLATE_PREFIX],
      );
      for (const row of stale.rows)
        await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${template}"`);
      const config: DatabaseConfig = {
        kind: 'postgres',
        url: withDatabase(baseUrl, template),
        poolSize: 2,
        connectTimeoutMs: 5000,
        statementTimeoutMs: 0,
      };
      const connection = await openDatabase(config, silent);
      try {
        await new Migrator(config, connection).apply();
      } finally {
        await connection.close();
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(7270001)');
    }
  });
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
