import type { RawBodyRequest } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import helmet from 'helmet';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module';
import { RateLimitMiddleware } from './auth/rate-limit.middleware';
import { AppLogger } from './common/logging/app-logger';
import { RequestLoggingMiddleware } from './common/logging/request-logging.middleware';
import { AppConfig } from './config/app-config';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';

/** Raw request bytes, kept for signature checks (webhook HMACs) and the delivery inbox. */

/**
 * Builds the application exactly as production runs it; `main.ts` listens, tests use it through
 * supertest. The request-id middleware comes before body parsing so that even a rejected body
 * (413, malformed JSON) is answered and logged with its request id.
 */
export async function createApp(
  config: AppConfig,
  logger: AppLogger,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    logger,
    bodyParser: false,
    abortOnError: false,
  });
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const requestLogging = app.get(RequestLoggingMiddleware);
  app.use(requestLogging.use.bind(requestLogging));
  const httpMetrics = app.get(HttpMetricsMiddleware);
  app.use(httpMetrics.use.bind(httpMetrics));
  // API-suited security headers; the CSP is relaxed only for GraphiQL outside production.
  app.use(
    helmet({
      contentSecurityPolicy: config.isProduction ? undefined : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  // CORS stays off (no Access-Control headers at all) unless origins are configured.
  const origins = config.corsOrigins;
  if (origins.length > 0) {
    app.enableCors({
      origin: origins.includes('*') ? true : origins,
      credentials: false,
      maxAge: 600,
    });
  }
  // Rates are checked before bodies are parsed, so a flood costs as little as possible.
  const rateLimit = app.get(RateLimitMiddleware);
  app.use(rateLimit.use.bind(rateLimit));
  // Webhooks have their own size limit; the general parser skips a body already parsed.
  app.use(
    '/webhooks',
    express.json({
      limit: config.webhookBodyLimitBytes,
      // Any JSON value: the source's parser names what is wrong with it (`must be an object`).
      strict: false,
      type: ['application/json', 'application/*+json'],
      verify: (req: RawBodyRequest<IncomingMessage>, _res, buf) => {
        req.rawBody = buf;
      },
    }),
  );
  app.use(
    express.json({
      limit: config.requestBodyLimitBytes,
      type: ['application/json', 'application/*+json'],
      verify: (req: RawBodyRequest<IncomingMessage>, _res, buf) => {
        req.rawBody = buf;
      },
    }),
  );
  return app;
}
