import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { AppLogger } from '../logging/app-logger';
import { DATABASE_CONNECTION } from './database.tokens';
import type { DatabaseConnection } from './database-connection';
import { appliedMigrations } from './migrations/migration-status';
import { Migrator } from './migrations/migrator';
import { PrismaService } from './prisma.service';

export interface MigrationState {
  ready: boolean;
  pending: string[];
}

/** Applies pending migrations before the app serves (MIGRATE_ON_START) and reports their state. */
@Injectable()
export class MigrationService implements OnModuleInit {
  private readonly migrator: Migrator;
  private upToDate = false;

  constructor(
    private readonly config: AppConfig,
    private readonly logger: AppLogger,
    private readonly prisma: PrismaService,
    @Inject(DATABASE_CONNECTION) connection: DatabaseConnection,
  ) {
    this.migrator = new Migrator(config.database, connection);
  }

  async onModuleInit(): Promise<void> {
    if (!this.config.migrateOnStart) return;
    const started = Date.now();
    // The schema engine (tens of MB of WebAssembly that stay loaded) is only started when a
    // migration is pending; an up-to-date database costs one query.
    if ((await this.state()).ready) {
      this.logger.log('Database schema is up to date', 'Migrations');
      return;
    }
    const { applied } = await this.migrator.apply();
    this.upToDate = true;
    this.logger.log(
      applied.length > 0
        ? `Applied ${applied.length} migration(s) in ${Date.now() - started} ms: ${applied.join(', ')}`
        : 'Database schema is up to date',
      'Migrations',
    );
  }

  /** Which committed migrations the database has not applied yet. */
  async state(): Promise<MigrationState> {
    if (this.upToDate) {
      // Migrations only ever get applied, so once current the answer holds; one cheap query
      // still proves the database answers.
      await this.prisma.$queryRaw`SELECT 1`;
      return { ready: true, pending: [] };
    }
    const applied = new Set(await appliedMigrations(this.prisma));
    const pending = this.migrator.localMigrations.filter((name) => !applied.has(name));
    if (pending.length === 0) this.upToDate = true;
    return { ready: pending.length === 0, pending };
  }
}
