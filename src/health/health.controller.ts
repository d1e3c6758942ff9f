import { Controller, Get, HttpStatus, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
} from '@nestjs/terminus';
import type { Response } from 'express';
import { DatabaseHealthIndicator } from './database.health';
import { ShutdownState } from './shutdown-state';
import { Public } from '../auth/authorize.decorator';

@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: DatabaseHealthIndicator,
    private readonly shutdown: ShutdownState,
  ) {}

  /** The process is up and its event loop answers. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) }),
    ]);
  }

  /** Ready for traffic: the database answers, migrations are applied, and no shutdown is under way. */
  @Get('ready')
  @HealthCheck()
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () =>
          this.shutdown.isDraining
            ? this.indicators.check('lifecycle').down({ message: 'shutting down' })
            : this.indicators.check('lifecycle').up(),
        () => this.database.check(),
      ]);
    } catch (error) {
      // Terminus throws its result inside a 503 exception; answered here, so the global error
      // filter does not replace the reason (which check is down, and why) with a generic message.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
