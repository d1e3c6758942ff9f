/**
 * OpenTelemetry tracing of the real service process: with OTEL_EXPORTER_OTLP_ENDPOINT set it
 * sends HTTP, GraphQL and database spans of a request, in the caller's trace, to the collector's
 * /v1/traces and flushes them on SIGTERM; without it not one OpenTelemetry module is loaded.
 *
 * The service is compiled into a directory of its own under .tmp/ (not dist/, which other test
 * files rebuild and delete while they run) and started as `node main.js`; a small HTTP server
 * here plays the OTLP/HTTP collector. The child uses the test run's database (PGlite, or
 * PostgreSQL with DATABASE_URL, where pg's own spans are checked too).
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tracingEndpoint, TracingConfigurationError } from '../../src/tracing/tracing';
import { REPO_ROOT, waitForReady } from '../helpers/spawn-service';
import { createTestDatabase, TestDatabase, usingPostgres } from '../helpers/test-database';

jest.setTimeout(180_000);
const READY_TIMEOUT_MS = 90_000;
const ADMIN_TOKEN = `lb_tracing_admin_${'0123456789abcdef'.repeat(3)}`;
const VERSION: string = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
/**
 * Modules that only tracing loads: the SDK, the exporter, the instrumentations and their module
 * hooks. Not @opentelemetry/api: prom-client loads that no-op facade itself (for exemplars).
 */
const TRACING_MODULES =
  /[\\/]node_modules[\\/](@opentelemetry[\\/](?!api[\\/])|@prisma[\\/]instrumentation|require-in-the-middle|import-in-the-middle)|[\\/]tracing[\\/]tracing-sdk\.js$/;

/**
 * A free port below the kernel's ephemeral range. Ports from freePort() come from that range,
 * where test apps served through supertest in other Jest workers bind and free ports all the
 * time: one of those could answer this test's readiness probe in place of the child.
 */
async function childPort(): Promise<number> {
  let low = 32768;
  try {
    low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0]);
  } catch {
    // not Linux: the usual default
  }
  if (!Number.isInteger(low) || low < 11_000) low = 32768;
  for (;;) {
    const port = 10_000 + Math.floor(Math.random() * Math.max(1000, low - 10_000));
    const free = await new Promise<boolean>((resolve) => {
      const probe = createNetServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

interface Received {
  method: string;
  url: string;
  contentType: string;
  body: string;
}

/** A stand-in OTLP/HTTP collector that records every request. */
async function startCollector(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        contentType: req.headers['content-type'] ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, received };
}

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
  scope: string;
}

type OtlpAttributes = { key: string; value: Record<string, unknown> }[] | undefined;
const attributes = (list: OtlpAttributes): Record<string, unknown> =>
  Object.fromEntries((list ?? []).map(({ key, value }) => [key, Object.values(value)[0]]));

/** Every span in OTLP/HTTP JSON export requests. */
function spansOf(received: Received[]): Span[] {
  return received.flatMap((request) =>
    (JSON.parse(request.body).resourceSpans as any[]).flatMap((rs) =>
      (rs.scopeSpans as any[]).flatMap((ss) =>
        (ss.spans as any[]).map((span): Span => ({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId || undefined,
          name: span.name,
          kind: span.kind,
          attributes: attributes(span.attributes),
          resource: attributes(rs.resource?.attributes),
          scope: ss.scope?.name,
        })),
      ),
    ),
  );
}

interface Child {
  process: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

function start(args: string[], env: Record<string, string>, cwd: string): Child {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { process: child, output: () => output, exited };
}

function waitUntilReady(baseUrl: string, child: Child): Promise<void> {
  let exited = false;
  void child.exited.then(() => (exited = true));
  return waitForReady(baseUrl, {
    timeoutMs: READY_TIMEOUT_MS,
    hasExited: () => exited,
    output: () => `output:\n${child.output()}`,
  });
}

describe('tracing with OpenTelemetry', () => {
  let build: string;
  let workDir: string;
  let database: TestDatabase;
  const children: Child[] = [];

  beforeAll(async () => {
    build = join(REPO_ROOT, '.tmp', `tracing-e2e-${process.pid}`);
    rmSync(build, { recursive: true, force: true });
    mkdirSync(build, { recursive: true });
    // The same SWC configuration `nest build` uses, into a directory only this file uses.
    execFileSync(
      'npx',
      [
        'swc',
        'src',
        '-d',
        build,
        '--strip-leading-paths',
        '--config-file',
        '.swcrc',
        '--ignore',
        '**/*.spec.ts',
      ],
      { cwd: REPO_ROOT, stdio: 'pipe', timeout: 120_000 },
    );
    workDir = mkdtempSync(join(tmpdir(), 'loopboard-tracing-'));
    database = await createTestDatabase();
  }, 150_000);

  afterEach(() => {
    for (const child of children.splice(0))
      if (child.process.exitCode === null) child.process.kill('SIGKILL');
  });

  afterAll(async () => {
    await database?.drop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    if (build) rmSync(build, { recursive: true, force: true });
  });

  const serviceEnv = (
    port: number,
    extra: Record<string, string> = {},
  ): Record<string, string> => ({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    ADMIN_TOKEN,
    ...database.env,
    ...extra,
  });

  it('exports HTTP, GraphQL and database spans in the caller’s trace, flushed on SIGTERM', async () => {
    const collector = await startCollector();
    try {
      const port = await childPort();
      const baseUrl = `http://127.0.0.1:${port}`;
      const child = start(
        [join(build, 'main.js')],
        serviceEnv(port, {
          OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
          // Batches wait ten minutes: the request's spans can only reach the collector through
          // the flush on shutdown.
          OTEL_BSP_SCHEDULE_DELAY: '600000',
        }),
        workDir,
      );
      children.push(child);
      await waitUntilReady(baseUrl, child);

      const traceId = randomBytes(16).toString('hex');
      const parentId = randomBytes(8).toString('hex');
      const res = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${ADMIN_TOKEN}`,
          traceparent: `00-${traceId}-${parentId}-01`,
        },
        body: JSON.stringify({ query: 'query TracedTeams { teams { id key } }' }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({ teams: [] });
      const before = collector.received.length;

      child.process.kill('SIGTERM');
      expect(await child.exited).toBe(0);

      expect(collector.received.length).toBeGreaterThan(0);
      for (const request of collector.received) {
        expect(request.method).toBe('POST');
        expect(request.url).toBe('/v1/traces');
        expect(request.contentType).toContain('application/json');
      }
      const spans = spansOf(collector.received);
      for (const span of spans) {
        expect(span.resource['service.name']).toBe('loopboard');
        expect(span.resource['service.version']).toBe(VERSION);
      }
      const trace = spans.filter((span) => span.traceId === traceId);
      // All of the request's spans came with the flush on SIGTERM.
      expect(
        spansOf(collector.received.slice(before)).filter((s) => s.traceId === traceId),
      ).toEqual(trace);
      const names = trace.map((span) => span.name);

      // HTTP: the server span continues the caller's trace and names the route.
      const server = trace.find((span) => span.kind === 2);
      expect(server).toMatchObject({ name: 'POST /graphql', parentSpanId: parentId });
      expect(server?.attributes['http.route']).toBe('/graphql');
      // GraphQL: the operation, its parse and validation, and the resolver.
      expect(names).toEqual(
        expect.arrayContaining([
          'query TracedTeams',
          'graphql.parse',
          'graphql.validate',
          'graphql.resolve teams',
        ]),
      );
      // Database: the Prisma operation and its SQL, on either database...
      expect(names).toEqual(
        expect.arrayContaining(['prisma:client:operation', 'prisma:client:db_query']),
      );
      // ...and on PostgreSQL the driver's own spans.
      if (usingPostgres()) {
        const pg = trace.filter((span) => span.scope === '@opentelemetry/instrumentation-pg');
        expect(pg.length).toBeGreaterThan(0);
        expect(pg.some((span) => Object.values(span.attributes).includes('postgresql'))).toBe(true);
      }
      // Readiness probes and scrapes are not traced.
      expect(spans.filter((span) => span.kind === 2).map((span) => span.name)).not.toContain(
        'GET /health/ready',
      );
    } finally {
      collector.server.close();
    }
  });

  /**
   * Starts the service inside a `node -e` driver that, once the service is ready, prints the
   * modules only tracing loads (from require.cache) and exits.
   */
  async function loadedTracingModules(env: Record<string, string>): Promise<string[]> {
    const port = await childPort();
    const driver = `
      require(${JSON.stringify(join(build, 'main.js'))});
      const deadline = Date.now() + ${READY_TIMEOUT_MS};
      const poll = () => fetch('http://127.0.0.1:${port}/health/ready').then(
        (r) => (r.ok ? report() : retry()),
        () => retry(),
      );
      const retry = () => (Date.now() > deadline ? process.exit(3) : setTimeout(poll, 200));
      const report = () => {
        const pattern = ${TRACING_MODULES.toString()};
        const loaded = Object.keys(require.cache).filter((path) => pattern.test(path));
        process.stdout.write('\\nTRACING_MODULES ' + JSON.stringify(loaded) + '\\n', () => process.exit(0));
      };
      setTimeout(poll, 200);
    `;
    const child = start(['-e', driver], serviceEnv(port, env), workDir);
    children.push(child);
    expect(await child.exited).toBe(0);
    const line = child
      .output()
      .split('\n')
      .find((l) => l.startsWith('TRACING_MODULES '));
    if (!line) throw new Error(`no report; output:\n${child.output()}`);
    return JSON.parse(line.slice('TRACING_MODULES '.length)) as string[];
  }

  it('loads no OpenTelemetry SDK, exporter or instrumentation without the endpoint', async () => {
    expect(await loadedTracingModules({})).toEqual([]);
    // The same check sees them when tracing is on (the collector need not exist for this).
    const port = await childPort();
    const loaded = await loadedTracingModules({
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_LOG_LEVEL: 'none',
    });
    expect(loaded.some((path) => path.includes('@opentelemetry/sdk-trace-node'))).toBe(true);
    expect(loaded.some((path) => path.includes('require-in-the-middle'))).toBe(true);
    expect(loaded.some((path) => path.endsWith('tracing-sdk.js'))).toBe(true);
  });

  it('refuses an endpoint that is not an http(s) URL, with one line, before starting', async () => {
    const port = await childPort();
    const child = start(
      [join(build, 'main.js')],
      serviceEnv(port, { OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost:4318' }),
      workDir,
    );
    children.push(child);
    expect(await child.exited).toBe(1);
    expect(child.output()).toBe(
      'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL (OTLP over HTTP), got "localhost:4318"\n',
    );
  });
});

describe('tracingEndpoint', () => {
  it('is off without the variable, with it empty, or with OTEL_SDK_DISABLED=true', () => {
    expect(tracingEndpoint({})).toBeNull();
    expect(tracingEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' })).toBeNull();
    expect(
      tracingEndpoint({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318',
        OTEL_SDK_DISABLED: 'true',
      }),
    ).toBeNull();
    expect(tracingEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' })).toBe(
      'http://localhost:4318',
    );
  });

  it('rejects what is not an http(s) URL', () => {
    expect(() => tracingEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' })).toThrow(
      TracingConfigurationError,
    );
    expect(() => tracingEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://localhost:4317' })).toThrow(
      /must be an http\(s\) URL/,
    );
  });
});
