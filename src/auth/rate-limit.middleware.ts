import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { requestContext } from '../common/logging/request-context';
import { AppConfig } from '../config/app-config';
import { bearerToken } from './api-token';
import { RateLimiter } from './rate-limiter';

/**
 * Request rates, checked before any work: GraphQL per token (per client address without one;
 * queries sent with GET count too), webhooks per integration with a high default, since
 * Alertmanager does not retry a 429 and alert storms must get through. Answered with 429,
 * Retry-After and the JSON error shape.
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
    // Express routes ignore case and a trailing slash: so must the keys, or they are a way around.
    const path = req.path.replace(/\/+$/, '').toLowerCase();
    const counted = req.method === 'POST' || req.method === 'GET';
    // GraphQL and the report files share a client's API budget.
    if (counted && (path === '/graphql' || path.startsWith('/reports/'))) {
      const token = bearerToken(req.headers.authorization);
      // The token's hash as the key: never the secret itself in memory maps.
      const key = token
        ? createHash('sha256').update(token).digest('hex')
        : `ip:${req.ip ?? 'unknown'}`;
      const wait = this.hitApi(key);
      if (wait > 0) return this.reject(res, wait, this.apiLimit);
    } else if (req.method === 'POST' && path.startsWith('/webhooks/')) {
      // Keyed by the integration id in the path (ids match case-insensitively). Only deliveries
      // that authenticated are counted, once answered: a sender without the token must not use
      // up an integration's budget and get its real alerts refused (failed authentications are
      // limited per client address instead, by the webhook service).
      const wait = this.webhooks.blocked(path);
      if (wait > 0)
        return this.reject(
          res,
          wait,
          `${this.webhooks.limit} deliveries per minute per integration`,
        );
      res.on('finish', () => {
        if (res.statusCode !== 401 && res.statusCode !== 429) this.webhooks.hit(path);
      });
    }
    next();
  }

  /**
   * Counts one API request of a client (a token's SHA-256, or `ip:<address>`) and returns the
   * seconds to wait when it is over the limit (0: go ahead). Subscriptions over the WebSocket
   * spend the same budget as HTTP requests.
   */
  hitApi(key: string): number {
    return this.graphql.hit(key);
  }

  get apiLimit(): string {
    return `${this.graphql.limit} API requests per minute per token`;
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
