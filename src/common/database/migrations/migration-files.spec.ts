import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrationNames, readMigrationList } from './migration-files';

describe('readMigrationList', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'loopboard-migration-files-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const migration = (name: string, sql: string): void => {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'migration.sql'), sql);
  };

  it('lists migration directories in name order with their SQL and the lockfile', () => {
    migration('20260201000000_second', 'ALTER TABLE "t" ADD COLUMN "b" INT;');
    migration('20260101000000_first', 'CREATE TABLE "t" ("a" INT);');
    writeFileSync(join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');

    const list = readMigrationList(dir);

    expect(migrationNames(list)).toEqual(['20260101000000_first', '20260201000000_second']);
    expect(list.baseDir).toBe(dir);
    expect(list.lockfile).toEqual({
      path: 'migration_lock.toml',
      content: 'provider = "postgresql"\n',
    });
    expect(list.migrationDirectories[0]).toEqual({
      path: '20260101000000_first',
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok', value: 'CREATE TABLE "t" ("a" INT);' },
      },
    });
  });

  it('ignores files and directories without a migration.sql', () => {
    migration('20260101000000_first', 'SELECT 1;');
    mkdirSync(join(dir, '20260102000000_half_written'));
    writeFileSync(join(dir, 'README.md'), 'notes');

    expect(migrationNames(readMigrationList(dir))).toEqual(['20260101000000_first']);
  });

  it('reads a missing directory as no migrations and no lockfile', () => {
    const list = readMigrationList(join(dir, 'absent'));
    expect(migrationNames(list)).toEqual([]);
    expect(list.lockfile.content).toBeNull();
  });
});
