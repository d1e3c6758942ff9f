import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { requestContext } from '../common/logging/request-context';
import { AppConfig } from '../config/app-config';
import { bearerToken } from './api-token';
import { RateLimiter } from './rate-limiter';

/**
 * Request rates, checked before any work: GraphQL per token (per client address without one),
 * webhooks per integration with a high default, since Alertmanager does not retry a 429 and
 * alert storms must get through. Answered with 429, Retry-After and the JSON error shape.
 */
@Injectable()
export class RateLimitMiddleware implements NestMiddleware {
  private readonly graphql: RateLimiter;
  private readonly webhooks: RateLimiter;

  constructor(config: AppConfig) {
    this.graphql = new RateLimiter(config.limits.graphqlPerMinute, 60_000);
    this.webhooks = new RateLimiter(config.limits.webhookPerMinute, 60_000);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const path = req.path;
    if (req.method === 'POST' && path === '/graphql') {
      const token = bearerToken(req.headers.authorization);
      // The token's hash as the key: never the secret itself in memory maps.
      const key = token
        ? createHash('sha256').update(token).digest('hex')
        : `ip:${req.ip ?? 'unknown'}`;
      const wait = this.graphql.hit(key);
      if (wait > 0)
        return this.reject(
          res,
          wait,
          `${this.graphql.limit} GraphQL requests per minute per token`,
        );
    } else if (req.method === 'POST' && path.startsWith('/webhooks/')) {
      const wait = this.webhooks.hit(path);
      if (wait > 0)
        return this.reject(
          res,
          wait,
          `${this.webhooks.limit} deliveries per minute per integration`,
        );
    }
    next();
  }

  private reject(res: Response, retryAfterSeconds: number, limit: string): void {
    res.setHeader('Retry-After', String(retryAfterSeconds));
    res.status(429).json({
      statusCode: 429,
      error: 'TOO_MANY_REQUESTS',
      message: `Rate limit exceeded (${limit}); retry in ${retryAfterSeconds} s`,
      retryAfterSeconds,
      requestId: requestContext.requestId(),
    });
  }
}
