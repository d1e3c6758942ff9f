/**
 * Imported first by main.ts, before anything loads Nest, Express, GraphQL, pg or the Prisma
 * client: OpenTelemetry instruments modules as they are required, so tracing has to start before
 * them. This is therefore the one place that reads process.env ahead of the validated
 * configuration (src/config), and only OTEL_* variables (.env included, as main.ts loads it).
 * Without OTEL_EXPORTER_OTLP_ENDPOINT nothing of OpenTelemetry is loaded.
 */
import { config as loadDotenv } from 'dotenv';
import { startTracing, StopTracing, TracingConfigurationError } from './tracing/tracing';

function start(): StopTracing | null {
  // The environment always wins over .env; main.ts loads it again, which changes nothing.
  loadDotenv({ quiet: true });
  try {
    return startTracing(process.env);
  } catch (error) {
    if (error instanceof TracingConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Flushes pending spans and stops tracing; null when tracing is off. */
export const stopTracing: StopTracing | null = start();
