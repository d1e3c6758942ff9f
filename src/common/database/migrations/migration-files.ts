import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';

const LOCKFILE = 'migration_lock.toml';

/** Reads prisma/migrations in the standard Prisma layout, ordered by directory name. */
export function readMigrationList(dir: string): MigrationList {
  const lockPath = join(dir, LOCKFILE);
  const directories = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter(
          (entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')),
        )
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: {
      path: LOCKFILE,
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: directories.map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: {
          tag: 'ok' as const,
          value: readFileSync(join(dir, name, 'migration.sql'), 'utf8'),
        },
      },
    })),
  };
}

export function migrationNames(list: MigrationList): string[] {
  return list.migrationDirectories.map((d) => d.path);
}
