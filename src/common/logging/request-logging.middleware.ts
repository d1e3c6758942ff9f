import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { performance } from 'node:perf_hooks';
import { AppLogger } from './app-logger';
import { RequestContext, requestContext } from './request-context';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id';

/**
 * Gives every request an id (returned in `x-request-id` and present on every log line of the
 * request) and writes one access line when the response is finished.
 */
@Injectable()
export class RequestLoggingMiddleware implements NestMiddleware {
  constructor(private readonly logger: AppLogger) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    const context: RequestContext = { requestId, actor: 'anonymous' };
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const started = performance.now();
    res.on('finish', () => {
      const status = res.statusCode;
      const line = {
        requestId,
        method: req.method,
        route: routeOf(req),
        status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        actor: context.actor,
        ...(context.team ? { team: context.team } : {}),
        ...(res.locals.graphqlOperation
          ? { operation: res.locals.graphqlOperation as string }
          : {}),
      };
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      this.logger.pino[level](line, 'request');
    });
    requestContext.run(context, () => next());
  }
}

function routeOf(req: Request): string {
  const route = (req as unknown as { route?: { path?: unknown } }).route?.path;
  const base = req.baseUrl ?? '';
  if (typeof route === 'string') return `${base}${route}`;
  return (req.originalUrl ?? req.url).split('?')[0] ?? '/';
}
