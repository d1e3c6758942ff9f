/**
 * The OpenTelemetry SDK setup behind startTracing (./tracing). Only required when tracing is on:
 * importing this module loads the SDK and the instrumentations.
 */
import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { type Instrumentation, registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { PrismaInstrumentation } from '@prisma/instrumentation';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/database/project-paths';
import type { StopTracing } from './stop-tracing';

export const SERVICE_NAME = 'loopboard';

/** Probes and scrapes arrive every few seconds and say nothing about user work: not traced. */
const UNTRACED_PATHS = /^\/(metrics|health)(\/|\?|$)/;

function serviceVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

const DIAG_LEVELS: Record<string, DiagLogLevel> = {
  NONE: DiagLogLevel.NONE,
  ERROR: DiagLogLevel.ERROR,
  WARN: DiagLogLevel.WARN,
  INFO: DiagLogLevel.INFO,
  DEBUG: DiagLogLevel.DEBUG,
  VERBOSE: DiagLogLevel.VERBOSE,
  ALL: DiagLogLevel.ALL,
};

/** OTEL_LOG_LEVEL for the SDK's own messages; warnings (an unreachable collector) by default. */
function diagLevel(value: string | undefined): DiagLogLevel {
  return DIAG_LEVELS[value?.trim().toUpperCase() ?? ''] ?? DiagLogLevel.WARN;
}

/**
 * Registers a global tracer provider (AsyncLocalStorage context, W3C trace-context propagation)
 * exporting in batches over OTLP/HTTP (JSON) to `${endpoint}/v1/traces`, and the HTTP, Express,
 * GraphQL, pg and Prisma instrumentations. The exporter reads the other standard variables
 * itself (OTEL_EXPORTER_OTLP_HEADERS, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, timeouts), the provider
 * OTEL_TRACES_SAMPLER(_ARG) and the span limits, the resource OTEL_SERVICE_NAME and
 * OTEL_RESOURCE_ATTRIBUTES.
 */
export function startSdk(endpoint: string, env: Record<string, string | undefined>): StopTracing {
  // Exporter failures (collector down) go to stderr; OTEL_LOG_LEVEL changes how much.
  diag.setLogger(new DiagConsoleLogger(), {
    logLevel: diagLevel(env.OTEL_LOG_LEVEL),
    suppressOverrideMessage: true,
  });

  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: SERVICE_NAME,
    [ATTR_SERVICE_VERSION]: serviceVersion(),
  }).merge(detectResources({ detectors: [envDetector] }));

  const exporter = new OTLPTraceExporter(
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
      ? { url: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT }
      : { url: `${endpoint.replace(/\/+$/, '')}/v1/traces` },
  );
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register();

  const instrumentations: Instrumentation[] = [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
    }),
    // Route templates for the HTTP spans; middleware layers would only add noise.
    new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
    new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
    // PostgreSQL statements (DATABASE_URL); never their parameter values.
    new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    // Prisma operations and their SQL on either database, embedded PGlite included.
    new PrismaInstrumentation(),
  ];
  const unregister = registerInstrumentations({ tracerProvider: provider, instrumentations });

  let stopped: Promise<void> | undefined;
  return () =>
    (stopped ??= (async () => {
      unregister();
      await provider.shutdown();
    })());
}
