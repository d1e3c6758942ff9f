import { Controller, Get, Header, Headers, Res } from '@nestjs/common';
import type { Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { MetricsService } from './metrics.service';
import { Public } from '../auth/authorize.decorator';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Prometheus scrape endpoint; protected by METRICS_TOKEN when it is set. */
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('cache-control', 'no-store')
  async scrape(
    @Res({ passthrough: true }) res: Response,
    @Headers('authorization') authorization?: string,
  ): Promise<string> {
    const token = this.config.metricsToken;
    if (token) {
      const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
      if (!sameSecret(presented, token)) {
        throw new AppError(ErrorCode.UNAUTHENTICATED, 'Missing or invalid metrics token', 401);
      }
    }
    const body = await this.metrics.render();
    // Set here rather than by decorator so that a 401 keeps the JSON error shape.
    res.type(this.metrics.registry.contentType);
    return body;
  }
}
