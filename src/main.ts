// First: tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set) must start before Nest, Express,
// GraphQL, pg and the Prisma client are loaded. See src/instrument.ts.
import { stopTracing } from './instrument';
import 'reflect-metadata';
import { config as loadDotenv } from 'dotenv';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { performance } from 'node:perf_hooks';
import { createApp } from './app.factory';
import { AppLogger, createPino } from './common/logging/app-logger';
import { AppConfig } from './config/app-config';
import { ConfigurationError } from './config/environment';
import { loadConfig } from './config/load-config';
import { installShutdown } from './shutdown';

/**
 * The application as the shutdown handler sees it: with tracing on, closing it also flushes the
 * last spans, since the handler exits right after app.close(). (Nest's application object is a
 * proxy that ignores property assignment, hence a proxy of our own.)
 */
function withTracingFlush(app: NestExpressApplication): NestExpressApplication {
  const stop = stopTracing;
  if (!stop) return app;
  const close = async (): Promise<void> => {
    try {
      await app.close();
    } finally {
      await stop().catch(() => undefined);
    }
  };
  return new Proxy(app, {
    get: (target, prop, receiver): unknown =>
      prop === 'close' ? close : Reflect.get(target, prop, receiver),
  });
}

async function bootstrap(): Promise<void> {
  const started = performance.now();
  // .env fills in what the real environment leaves unset; the environment always wins.
  loadDotenv({ quiet: true });
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = new AppLogger(createPino({ level: config.logLevel, pretty: config.prettyLogs }));
  try {
    const app = await createApp(config, logger);
    installShutdown(withTracingFlush(app), config, logger);
    await app.listen(config.port, config.host);
    const database =
      config.database.kind === 'postgres'
        ? 'PostgreSQL'
        : `embedded PGlite in ${config.database.dataDir}`;
    logger.log(
      `Loopboard listening on ${config.publicUrl} (GraphQL: ${config.publicUrl}/graphql, database: ${database}), ready in ${Math.round(performance.now() - started)} ms`,
      'Bootstrap',
    );
  } catch (error) {
    logger.fatal(
      `Loopboard failed to start: ${error instanceof Error ? error.message : String(error)}`,
      'Bootstrap',
    );
    logger.pino.flush();
    process.exitCode = 1;
    void stopTracing?.().catch(() => undefined);
    setTimeout(() => process.exit(1), 100).unref();
  }
}

void bootstrap();
