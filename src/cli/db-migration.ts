/**
 * `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql from
 * the changes made to prisma/schema.prisma since the last migration.
 */
import { relative } from 'node:path';
import { writeMigration } from '../common/database/migrations/migration-writer';

async function main(): Promise<number> {
  const name = process.argv[2];
  if (!name) {
    process.stderr.write('Usage: npm run db:migration -- <name>   (e.g. add_task_labels)\n');
    return 2;
  }
  const written = await writeMigration(name);
  if (!written) {
    process.stdout.write('schema.prisma matches the migrations: nothing to write.\n');
    return 0;
  }
  process.stdout.write(`Wrote ${relative(process.cwd(), written.directory)}/migration.sql\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
