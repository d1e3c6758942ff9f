import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { performance } from 'node:perf_hooks';
import { requestContext } from '../common/logging/request-context';
import { MetricsService } from './metrics.service';

/** Webhook outcome by answer: the pipeline's own verdict, readable by operators at a glance. */
const WEBHOOK_OUTCOMES: Record<number, string> = {
  200: 'processed',
  400: 'rejected',
  401: 'unauthorized',
  413: 'too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

/** Route template of the matched handler (`/webhooks/:integrationId`), never the raw path. */
export function routeTemplate(req: Request): string {
  const route = (req as unknown as { route?: { path?: unknown } }).route?.path;
  // A catch-all (the web app's GET middleware, `/{*path}`) matched, but no handler of ours did.
  if (typeof route === 'string' && !route.includes('{*') && route !== '*')
    return `${req.baseUrl ?? ''}${route}`;
  return 'unmatched';
}

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = performance.now();
    const context = requestContext.current();
    res.on('finish', () => {
      const route = routeTemplate(req);
      const status = res.statusCode;
      this.metrics.httpDuration.observe(
        { method: req.method, route, status_class: `${Math.floor(status / 100)}xx` },
        (performance.now() - started) / 1000,
      );
      if (
        route.startsWith('/webhooks/') ||
        (route === 'unmatched' && req.path.startsWith('/webhooks/'))
      ) {
        this.metrics.webhookDeliveries.inc({
          kind: context?.webhookKind ?? 'unknown',
          outcome: WEBHOOK_OUTCOMES[status] ?? (status >= 500 ? 'failed' : 'rejected'),
        });
      }
    });
    next();
  }
}
