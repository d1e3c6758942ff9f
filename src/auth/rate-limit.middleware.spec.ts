import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { RateLimitMiddleware } from './rate-limit.middleware';

/** A response that records what the middleware answered and can "finish" with a status. */
class FakeResponse extends EventEmitter {
  statusCode = 200;
  headers: Record<string, string> = {};
  body: unknown;
  setHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  json(body: unknown): this {
    this.body = body;
    return this;
  }
  finish(status: number): void {
    this.statusCode = status;
    this.emit('finish');
  }
}

describe('RateLimitMiddleware', () => {
  const config = { limits: { graphqlPerMinute: 2, webhookPerMinute: 2 } } as AppConfig;
  let middleware: RateLimitMiddleware;

  beforeEach(() => {
    middleware = new RateLimitMiddleware(config);
  });

  /** Sends one request; returns its response and whether it was passed on. */
  function send(
    method: string,
    path: string,
    headers: Record<string, string> = {},
  ): { res: FakeResponse; passed: boolean } {
    const res = new FakeResponse();
    let passed = false;
    const next: NextFunction = () => {
      passed = true;
    };
    const req = { method, path, headers, ip: '203.0.113.1' } as unknown as Request;
    middleware.use(req, res as unknown as Response, next);
    return { res, passed };
  }

  const token = { authorization: 'Bearer lb_one' };

  it('lets the limit through, then answers 429 with Retry-After', () => {
    expect(send('POST', '/graphql', token).passed).toBe(true);
    expect(send('POST', '/graphql', token).passed).toBe(true);
    const limited = send('POST', '/graphql', token);
    expect(limited.passed).toBe(false);
    expect(limited.res.statusCode).toBe(429);
    expect(Number(limited.res.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.res.body).toMatchObject({
      error: 'TOO_MANY_REQUESTS',
      message: expect.stringContaining('2 API requests per minute per token'),
    });
    expect(JSON.stringify(limited.res.body)).not.toContain('lb_one');
  });

  it('counts GET queries and other spellings of the path against the same token', () => {
    send('GET', '/graphql', token);
    send('POST', '/GraphQL/', token);
    expect(send('POST', '/graphql', token).passed).toBe(false);
    // Another token has its own budget; other routes are not counted.
    expect(send('POST', '/graphql', { authorization: 'Bearer lb_two' }).passed).toBe(true);
    expect(send('GET', '/health/live', token).passed).toBe(true);
  });

  it('counts only webhook deliveries that were not refused for their credentials', () => {
    const path = '/webhooks/3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    for (let i = 0; i < 5; i++) {
      const forged = send('POST', path);
      expect(forged.passed).toBe(true);
      forged.res.finish(401);
    }
    send('POST', path).res.finish(200);
    send('POST', path.toUpperCase()).res.finish(200);
    const limited = send('POST', `${path}/`);
    expect(limited.passed).toBe(false);
    expect(limited.res.statusCode).toBe(429);
    expect(limited.res.body).toMatchObject({
      message: expect.stringContaining('2 deliveries per minute per integration'),
    });
  });
});
