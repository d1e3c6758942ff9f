import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PrismaService } from '../common/database/prisma.service';
import { AppLogger } from '../common/logging/app-logger';
import { AppConfig } from '../config/app-config';
import { SlaNotices } from './sla-notices';
import { SlaRepository } from './sla.repository';

/** Breaches told per scan; more wait for the next scan (a backlog after an outage drains). */
const UNTOLD_PER_SCAN = 500;

/**
 * Every replica scans for SLA targets that passed unmet, every SLA_SCAN_INTERVAL_MS, by the
 * database's clock: no replica owns a card's timer, so a breach is found whichever replicas run
 * or restart, and recorded once (the unique key of sla_breaches). Targets met late are recorded
 * by the triggers at that moment, so the scan only looks at open ones; the scan tells channels
 * of both.
 */
@Injectable()
export class SlaBreachScanner implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly prisma: PrismaService,
    private readonly sla: SlaRepository,
    private readonly notices: SlaNotices,
    private readonly config: AppConfig,
    private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  /** Stops the timer and waits for a scan under way, before the database closes. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /**
   * One scan, in one transaction: records the breaches and at-risk targets no one recorded yet,
   * and tells the team's channels (sla.at_risk, sla.breached) through the outbox with them.
   * Returns how many breaches this scan recorded.
   */
  async scan(): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const recorded = await this.sla.recordOverdue(tx);
      const atRisk = await this.sla.recordAtRisk(tx);
      const breached = await this.sla.takeUntoldBreaches(tx, UNTOLD_PER_SCAN);
      await this.notices.publish(tx, { atRisk, breached });
      for (const breach of recorded)
        this.logger.log(
          `SLA ${breach.target} target breached on task ${breach.taskId}`,
          'SlaBreachScanner',
        );
      return recorded.length;
    });
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.scan()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.logger.warn(
            `SLA breach scan failed (the next one retries): ${error instanceof Error ? error.message : String(error)}`,
            'SlaBreachScanner',
          ),
        )
        .finally(() => {
          this.running = undefined;
          this.schedule();
        });
    }, this.config.slaScanIntervalMs);
    this.timer.unref();
  }
}
