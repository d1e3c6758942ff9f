import { readFileSync } from 'node:fs';
import { Client, Pool } from 'pg';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import type { DatabaseConfig } from '../../../config/app-config';
import { migrationsDir, prismaSchemaPath } from '../project-paths';
import { type DatabaseConnection, wholeScripts } from '../database-connection';
import { PrismaPg } from '@prisma/adapter-pg';
import { migrationNames, readMigrationList } from './migration-files';
import { startSchemaEngine } from './schema-engine';

/**
 * Loopboard's own advisory lock around migrating. The schema engine also takes Prisma's lock
 * (72707369, shared with `prisma migrate deploy`) but gives up after 10 s; holding this one
 * first makes a second instance wait its turn (up to MIGRATION_LOCK_TIMEOUT_MS) instead.
 */
export const MIGRATION_LOCK_KEY = 72707370;
const MIGRATION_LOCK_TIMEOUT_MS = 120_000;

const FILTERS = { externalTables: [] as string[], externalEnums: [] as string[] };

export interface MigrationResult {
  applied: string[];
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly engineLogs: string[] = [],
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

function schemaContainer(): { path: string; content: string } {
  const path = prismaSchemaPath();
  return { path, content: readFileSync(path, 'utf8') };
}

/**
 * Applies the committed migrations (prisma/migrations) through Prisma's schema engine, exactly as
 * `prisma migrate deploy` does, and records them in `_prisma_migrations`.
 */
export class Migrator {
  constructor(
    private readonly config: DatabaseConfig,
    private readonly connection: DatabaseConnection,
    private readonly list: MigrationList = readMigrationList(migrationsDir()),
  ) {}

  get localMigrations(): string[] {
    return migrationNames(this.list);
  }

  async apply(): Promise<MigrationResult> {
    if (this.config.kind === 'pglite') {
      // One process owns an embedded database; nothing else can race this.
      return this.applyWith(this.connection.adapter);
    }
    return this.withPostgresLock(async () => {
      // A small pool of its own so the engine's statements do not wait behind the app's pool.
      // Ended afterwards: the engine leaves Prisma's session-level lock (72707369) held on one of
      // these connections, and a next instance's engine would wait for it until the idle timeout.
      const pool = new Pool({
        connectionString: this.config.kind === 'postgres' ? this.config.url : '',
        max: 2,
      });
      try {
        return await this.applyWith(wholeScripts(new PrismaPg(pool), pool));
      } finally {
        await pool.end();
      }
    });
  }

  private async applyWith(adapter: DatabaseConnection['adapter']): Promise<MigrationResult> {
    const { engine, logs } = await startSchemaEngine(schemaContainer(), adapter);
    try {
      const output = await engine.applyMigrations({ migrationsList: this.list, filters: FILTERS });
      return { applied: output.appliedMigrationNames };
    } catch (error) {
      throw new MigrationError(describeEngineError(error), logs);
    } finally {
      engine.free();
    }
  }

  /**
   * Holds a session-level advisory lock while migrating: a second instance starting at the same
   * time waits, then finds every migration applied and applies none.
   */
  private async withPostgresLock<T>(work: () => Promise<T>): Promise<T> {
    if (this.config.kind !== 'postgres') return work();
    const client = new Client({
      connectionString: this.config.url,
      connectionTimeoutMillis: this.config.connectTimeoutMs,
      application_name: 'loopboard-migrate',
    });
    await client.connect();
    try {
      await client.query(`SET lock_timeout = ${MIGRATION_LOCK_TIMEOUT_MS}`);
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      }
    } finally {
      await client.end();
    }
  }
}

/** The engine throws JSON strings or objects; users need its message, not the envelope. */
export function describeEngineError(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  try {
    const parsed = JSON.parse(raw) as { message?: string; error?: { message?: string } };
    return parsed.message ?? parsed.error?.message ?? raw;
  } catch {
    return raw;
  }
}
