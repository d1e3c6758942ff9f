/**
 * `npm run db:migrate`: applies pending migrations to the configured database (DATABASE_URL, or
 * the embedded database in DATA_DIR), as the service does on start with MIGRATE_ON_START.
 */
import 'reflect-metadata';
import { config as loadDotenv } from 'dotenv';
import { openDatabase } from '../common/database/database-connection';
import { MigrationError, Migrator } from '../common/database/migrations/migrator';
import { ConfigurationError } from '../config/environment';
import { loadConfig } from '../config/load-config';

async function main(): Promise<number> {
  loadDotenv({ quiet: true });
  const config = loadConfig(process.env);
  const database = config.database;
  const connection = await openDatabase(database, {
    warn: (message) => process.stderr.write(`${message}\n`),
  });
  try {
    const { applied } = await new Migrator(database, connection).apply();
    const where =
      database.kind === 'postgres' ? 'PostgreSQL' : `embedded database in ${database.dataDir}`;
    process.stdout.write(
      applied.length > 0
        ? `Applied ${applied.length} migration(s) to the ${where}:\n${applied.map((n) => `  ${n}`).join('\n')}\n`
        : `The ${where} is up to date.\n`,
    );
    return 0;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigurationError || error instanceof MigrationError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(
        `Migration failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
    process.exit(1);
  },
);
