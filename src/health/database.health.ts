import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { describeError } from '../common/errors/describe-error';
import { MigrationService } from '../common/database/migration.service';
import { PrismaService } from '../common/database/prisma.service';

const CHECK_TIMEOUT_MS = 3000;

/** Up when the database answers and every committed migration is applied. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly migrations: MigrationService,
    private readonly prisma: PrismaService,
  ) {}

  async check(key = 'database'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    const kind = this.prisma.kind;
    try {
      const state = await withTimeout(this.migrations.state(), CHECK_TIMEOUT_MS);
      if (!state.ready) {
        return indicator.down({
          kind,
          message: `${state.pending.length} migration(s) not applied: ${state.pending.join(', ')}`,
        });
      }
      return indicator.up({ kind });
    } catch (error) {
      return indicator.down({ kind, message: `database unreachable: ${describeError(error)}` });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
