/**
 * OpenTelemetry tracing, on only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
 *
 * This module is deliberately free of @opentelemetry imports: the SDK lives in ./tracing-sdk and
 * is required only once tracing is enabled, so a service without the variable neither loads nor
 * patches anything (no require hooks, no span bookkeeping on the hot path).
 */
import type { StopTracing } from './stop-tracing';

/** The variables startTracing reads; the SDK itself also honours the other OTEL_* variables. */
export interface TracingEnvironment {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
  OTEL_SDK_DISABLED?: string;
  OTEL_LOG_LEVEL?: string;
  [name: string]: string | undefined;
}

/** Thrown for an OTEL_EXPORTER_OTLP_ENDPOINT that is not an http(s) URL. */
export class TracingConfigurationError extends Error {}

/** The collector's base URL when tracing is on, null when it is off. */
export function tracingEndpoint(env: TracingEnvironment): string | null {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!endpoint) return null;
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return null;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TracingConfigurationError(
      `OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL such as http://localhost:4318, got "${endpoint}"`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TracingConfigurationError(
      `OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL (OTLP over HTTP), got "${endpoint}"`,
    );
  }
  return endpoint;
}

/**
 * Starts tracing HTTP requests, GraphQL operations and database statements, exported over
 * OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT (spans go to its /v1/traces). Returns the function
 * that flushes and stops it, or null when tracing is off (the variable unset or empty, or
 * OTEL_SDK_DISABLED=true). Must run before Nest, Express, GraphQL, pg or the Prisma client are
 * loaded: instrumentations patch modules as they are required.
 */
export type { StopTracing };

export function startTracing(env: TracingEnvironment = process.env): StopTracing | null {
  const endpoint = tracingEndpoint(env);
  if (!endpoint) return null;
  // Loaded here, and only here, so that nothing of OpenTelemetry is loaded when tracing is off.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('./tracing-sdk') as typeof import('./tracing-sdk');
  return sdk.startSdk(endpoint, env);
}
