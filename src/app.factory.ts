import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module';
import { AppLogger } from './common/logging/app-logger';
import { RequestLoggingMiddleware } from './common/logging/request-logging.middleware';
import { AppConfig } from './config/app-config';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';

/** Raw request bytes, kept for signature checks (webhook HMACs) and the delivery inbox. */
export type RawBodyRequest = IncomingMessage & { rawBody?: Buffer };

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
  const requestLogging = app.get(RequestLoggingMiddleware);
  app.use(requestLogging.use.bind(requestLogging));
  const httpMetrics = app.get(HttpMetricsMiddleware);
  app.use(httpMetrics.use.bind(httpMetrics));
  // Webhooks have their own size limit; the general parser skips a body already parsed.
  app.use(
    '/webhooks',
    express.json({
      limit: config.webhookBodyLimitBytes,
      type: ['application/json', 'application/*+json'],
      verify: (req: RawBodyRequest, _res, buf) => {
        req.rawBody = buf;
      },
    }),
  );
  app.use(
    express.json({
      limit: config.requestBodyLimitBytes,
      type: ['application/json', 'application/*+json'],
      verify: (req: RawBodyRequest, _res, buf) => {
        req.rawBody = buf;
      },
    }),
  );
  return app;
}
