import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { MigrationService } from '../common/database/migration.service';
import { AppLogger } from '../common/logging/app-logger';
import { AppConfig } from '../config/app-config';
import { generateApiToken, hashApiToken, tokenPrefix } from './api-token';
import { ApiTokensRepository } from './api-tokens.repository';

/** The instance admin token: from ADMIN_TOKEN, or generated and printed once on a first start. */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  constructor(
    private readonly tokens: ApiTokensRepository,
    private readonly config: AppConfig,
    private readonly logger: AppLogger,
    private readonly migrations: MigrationService,
  ) {}

  /**
   * ADMIN_TOKEN makes that value the instance admin token. Without it, the first start creates
   * an admin token and prints it once, so a fresh install can be used at once.
   */
  async onApplicationBootstrap(): Promise<void> {
    const migrations = await this.migrations.state().catch(() => null);
    if (!migrations?.ready) {
      // MIGRATE_ON_START=false on a database not migrated yet (or unreachable): readiness says so.
      this.logger.warn(
        'Admin token bootstrap skipped: the database is not migrated or not reachable',
        'Auth',
      );
      return;
    }
    const configured = this.config.adminToken;
    if (configured) {
      const outcome = await this.tokens.upsertBootstrapAdmin(
        hashApiToken(configured),
        tokenPrefix(configured),
        new Date(),
      );
      if (outcome === 'created')
        this.logger.log('Instance admin token set from ADMIN_TOKEN', 'Auth');
      return;
    }
    if ((await this.tokens.countActiveAdmins()) > 0) return;
    const token = generateApiToken();
    const created = await this.tokens.createFirstAdmin(hashApiToken(token), tokenPrefix(token));
    if (created) {
      // The one time this secret is ever shown; it is not logged through the structured logger.
      process.stdout.write(
        `\n  Loopboard instance admin token (shown once, store it now):\n\n    ${token}\n\n  Use it as "Authorization: Bearer <token>". Create more with: npm run token -- create\n\n`,
      );
      this.logger.warn(
        'Generated the first instance admin token and printed it once to stdout',
        'Auth',
      );
    }
  }
}
