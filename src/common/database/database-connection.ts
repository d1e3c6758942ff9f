import { mkdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import { Pool } from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { DatabaseConfig } from '../../config/app-config';
import { lockDataDir } from './data-dir-lock';
import { PGLITE_SETTINGS, prepareDataDir } from './pglite-data-dir';
import { projectRoot } from './project-paths';

export interface DatabaseLogger {
  warn(message: string, context?: string): void;
}

/** Statements sent through the adapter (for tests and benchmarks that count queries). */
export interface QueryStats {
  statements: number;
  /** Set by the metrics module: receives each statement's duration in seconds. */
  observe?: (seconds: number) => void;
}

/** An open database: the driver adapter for Prisma and the schema engine, and how to close it. */
export interface DatabaseConnection {
  readonly kind: DatabaseConfig['kind'];
  readonly adapter: SqlMigrationAwareDriverAdapterFactory;
  readonly stats: QueryStats;
  /** Set for PostgreSQL: the pool behind the adapter. */
  readonly pool?: Pool;
  /** Set for the embedded database. */
  readonly pglite?: PGlite;
  close(): Promise<void>;
}

export function createPgPool(config: Extract<DatabaseConfig, { kind: 'postgres' }>): Pool {
  return new Pool({
    connectionString: config.url,
    max: config.poolSize,
    // Bounds both opening a connection and waiting for a free one: a saturated pool fails fast.
    connectionTimeoutMillis: config.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: config.statementTimeoutMs || undefined,
    application_name: 'loopboard',
    keepAlive: true,
  });
}

export async function openDatabase(
  config: DatabaseConfig,
  logger: DatabaseLogger,
): Promise<DatabaseConnection> {
  if (config.kind === 'postgres') {
    const pool = createPgPool(config);
    // Without a listener an idle connection dropped by the server would crash the process.
    const onError = (error: Error): void =>
      logger.warn(`PostgreSQL connection error: ${error.message}`, 'Database');
    const stats: QueryStats = { statements: 0 };
    // Our own listeners, for the pool's whole life: Prisma removes its pool listener when it
    // disconnects (and adds none to clients outside transactions), and an 'error' event without a
    // listener would crash the process when PostgreSQL restarts or drops connections.
    pool.on('error', onError);
    pool.on('connect', (client) => client.on('error', onError));
    const adapter = counting(
      wholeScripts(new PrismaPg(pool, { onPoolError: onError, onConnectionError: onError }), pool),
      stats,
    );
    return {
      kind: 'postgres',
      adapter,
      stats,
      pool,
      close: () => pool.end(),
    };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const unlock = lockDataDir(config.dataDir);
  let pglite: PGlite;
  try {
    await prepareDataDir(config.dataDir, projectRoot());
    pglite = new PGlite(config.dataDir, { postgresqlconf: PGLITE_SETTINGS });
    await pglite.waitReady;
  } catch (error) {
    unlock();
    throw error;
  }
  const stats: QueryStats = { statements: 0 };
  return {
    kind: 'pglite',
    adapter: counting(pgliteAdapter(pglite), stats),
    stats,
    pglite,
    close: async () => {
      if (!pglite.closed) await pglite.close();
      unlock();
    },
  };
}

/**
 * The PGlite adapter, with `executeScript` awaited: the published adapter fires the script and
 * returns, so a failing migration script would surface as an unhandled rejection instead of an
 * error from the schema engine.
 */
export function pgliteAdapter(pglite: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPGlite(pglite);
  const fix = (adapter: SqlDriverAdapter, target: PGlite): SqlDriverAdapter => {
    adapter.executeScript = async (script: string): Promise<void> => {
      await target.exec(script);
    };
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => fix(await factory.connect(), pglite),
    // The schema engine replays migrations on a shadow database to diff against: a throwaway
    // in-memory PGlite.
    connectToShadowDb: async () => {
      const shadow = new PGlite();
      return fix(await new PrismaPGlite(shadow).connect(), shadow);
    },
  };
}

/**
 * The pg adapter, with `executeScript` sending a migration script whole: the published adapter
 * splits it at every `;`, which cuts function bodies (`$$ … ; … $$`) apart, and runs the pieces
 * one by one outside a transaction. PostgreSQL runs a multi-statement simple query as one
 * implicit transaction, as `psql -1` or Prisma's own engine would.
 */
export function wholeScripts(
  factory: SqlMigrationAwareDriverAdapterFactory,
  pool: Pool,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      adapter.executeScript = async (script: string): Promise<void> => {
        await pool.query(script);
      };
      return adapter;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}

/** Counts (and, with metrics on, times) every statement an adapter runs, inside transactions too. */
function counting(
  factory: SqlMigrationAwareDriverAdapterFactory,
  stats: QueryStats,
): SqlMigrationAwareDriverAdapterFactory {
  const wrapQueryable = <T extends Pick<SqlDriverAdapter, 'queryRaw' | 'executeRaw'>>(
    target: T,
  ): T => {
    const queryRaw = target.queryRaw.bind(target);
    const executeRaw = target.executeRaw.bind(target);
    const timed = <R>(run: () => Promise<R>): Promise<R> => {
      stats.statements++;
      const observe = stats.observe;
      if (!observe) return run();
      const started = performance.now();
      return run().finally(() => observe((performance.now() - started) / 1000));
    };
    target.queryRaw = (query) => timed(() => queryRaw(query));
    target.executeRaw = (query) => timed(() => executeRaw(query));
    return target;
  };
  const wrapAdapter = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    wrapQueryable(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) =>
      wrapQueryable(await startTransaction(isolationLevel));
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrapAdapter(await factory.connect()),
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}
