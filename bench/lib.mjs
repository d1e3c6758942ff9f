// Shared pieces of the load scenarios (see bench/README.md): options, the service under test on a
// fresh database, the GraphQL client used for seeding, the load generator in a separate process,
// memory and CPU of the service, /metrics, the result table and JSON. No dependencies beyond `pg`
// (a dependency of the service) and `autocannon` (a devDependency, used by load-worker.mjs).
import { execFileSync, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The node flags of `npm run start:prod` (package.json), as users get them by default. */
export function startFlags() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const script = pkg.scripts['start:prod'] ?? '';
  return script.split(/\s+/).filter((word) => word.startsWith('--'));
}

/** The build under test: dist/ (npm run build), or another build directory in BENCH_DIST. */
export const DIST = process.env.BENCH_DIST ? resolve(process.env.BENCH_DIST) : join(ROOT, 'dist');
export const MAIN = join(DIST, 'main.js');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');
export const PROFILES_DIR = join(RESULTS_DIR, 'profiles');
const READY_TIMEOUT_MS = 120_000;
const CLOCK_TICKS = 100; // USER_HZ on Linux
/** The server the scenarios create their databases on (a maintenance database, not the target). */
export const DEFAULT_PG_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export const out = (line = '') => process.stdout.write(`${line}\n`);
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const round = (value, digits = 1) =>
  value === null || value === undefined || Number.isNaN(value)
    ? null
    : Math.round(value * 10 ** digits) / 10 ** digits;

/** Options every scenario understands, plus its own. */
export function scenarioArgs(own = {}, defaults = {}) {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'postgres' },
      'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? DEFAULT_PG_URL },
      duration: { type: 'string', default: String(defaults.duration ?? 10) },
      warmup: { type: 'string', default: String(defaults.warmup ?? 3) },
      connections: { type: 'string', default: String(defaults.connections ?? 50) },
      profile: { type: 'boolean', default: false },
      'log-level': { type: 'string', default: 'warn' },
      env: { type: 'string', multiple: true, default: [] },
      'json-out': { type: 'string' },
      // Diagnostics: log statements of the bench database slower than this many ms in the
      // PostgreSQL server log (ALTER DATABASE … SET log_min_duration_statement).
      'pg-log-min-duration': { type: 'string' },
      ...own,
    },
  });
  if (!['postgres', 'pglite'].includes(values.db)) {
    throw new Error(`--db must be postgres or pglite (got ${values.db})`);
  }
  const extraEnv = {};
  for (const pair of values.env) {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`--env expects KEY=VALUE (got ${pair})`);
    extraEnv[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return {
    ...values,
    duration: Number(values.duration),
    warmup: Number(values.warmup),
    connections: Number(values.connections.split(',')[0]),
    connectionsList: values.connections.split(',').map(Number),
    extraEnv,
  };
}

export function requireBuild() {
  if (!existsSync(MAIN)) {
    process.stderr.write(`${relative(process.cwd(), MAIN)} is missing: run \`npm run build\`\n`);
    process.exit(2);
  }
}

export function loadAvg() {
  return os.loadavg().map((v) => round(v, 2));
}

function sh(cmd, argv) {
  try {
    return execFileSync(cmd, argv, { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' }).trim();
  } catch {
    return null;
  }
}

export function machine() {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? null,
    memTotalMb: Math.round(os.totalmem() / 2 ** 20),
    memAvailableMb: Math.round(os.freemem() / 2 ** 20),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    commit: sh('git', ['rev-parse', '--short', 'HEAD']),
    dirty: (sh('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src']) ?? '') !== '',
  };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Databases

let databaseCounter = 0;
/** Services started by this process, for their logs when a scenario fails. */
const liveServices = [];
// Never leave a service behind: if this process ends without stopping one (a crash), kill it.
process.on('exit', () => {
  for (const service of liveServices) if (!service.exited()) service.kill();
});

function databaseUrl(base, name) {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new, empty PostgreSQL database on the server of `pgUrl`; drop() removes it. */
export async function createPgDatabase(pgUrl, prefix = 'loopboard_bench') {
  const name = `${prefix}_${process.pid}_${++databaseCounter}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: databaseUrl(pgUrl, name),
    async drop() {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Server settings that decide what a write costs, recorded with every PostgreSQL run. */
export async function pgSettings(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT name, setting, unit FROM pg_settings WHERE name IN
        ('server_version', 'fsync', 'synchronous_commit', 'wal_sync_method', 'shared_buffers',
         'max_connections', 'work_mem', 'commit_delay')`,
    );
    return Object.fromEntries(
      rows.map((r) => [r.name, r.unit ? `${r.setting} ${r.unit}` : r.setting]),
    );
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// The service

/** Memory of a process from /proc/<pid>/status, in MB: current (VmRSS) and peak (VmHWM). */
export function memoryMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: round(kb('VmRSS') / 1024), peakRssMb: round(kb('VmHWM') / 1024) };
}

/** CPU time (user + system) a process has used so far, in ms. */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/**
 * Resets the peak RSS (VmHWM) of a process to its current RSS (Linux ≥ 4.0, same user), so the
 * next reading is the peak of what follows. Returns false where the kernel refuses.
 */
export function resetPeakRss(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts `node dist/main.js` in production mode on a fresh database and waits until
 * GET /health/ready answers 200. PostgreSQL: a new database `loopboard_bench_<pid>_<n>` on the
 * server of --pg-url, dropped by stop(). PGlite: a temporary DATA_DIR, removed by stop().
 */
export async function startService(args, { env: scenarioEnv = {}, beforeStart } = {}) {
  const port = await freePort();
  const adminToken = `bench-admin-${randomBytes(24).toString('hex')}`;
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'PORT', 'HOST', 'METRICS_TOKEN', 'PUBLIC_URL'])
    delete env[name];
  for (const name of Object.keys(env)) if (name.startsWith('OTEL_')) delete env[name];
  let database = null;
  let dataDir = null;
  if (args.db === 'postgres') {
    database = await createPgDatabase(args['pg-url']);
    env.DATABASE_URL = database.url;
    if (args['pg-log-min-duration'] !== undefined) {
      const admin = new pg.Client({ connectionString: args['pg-url'] });
      await admin.connect();
      await admin.query(
        `ALTER DATABASE ${database.name} SET log_min_duration_statement = ${Number(args['pg-log-min-duration'])}`,
      );
      await admin.end();
    }
    // A hook for diagnostics (e.g. ALTER DATABASE … SET log_statement = 'all').
    if (beforeStart) await beforeStart(database);
  } else {
    dataDir = mkdtempSync(join(os.tmpdir(), 'loopboard-bench-'));
    env.DATA_DIR = dataDir;
  }
  Object.assign(env, {
    NODE_ENV: 'production',
    LOG_LEVEL: args['log-level'],
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_TOKEN: adminToken,
    // The load comes from one token and one integration: lift the per-token and per-integration
    // limits (their maxima) so the benchmark measures the work, not the limiter's 429s.
    GRAPHQL_RATE_LIMIT_PER_MINUTE: '1000000',
    WEBHOOK_RATE_LIMIT_PER_MINUTE: '10000000',
    ...scenarioEnv,
    ...args.extraEnv,
  });
  // The service as `npm start` and the image run it: the V8 flags of package.json's start:prod
  // (unless the scenario sets NODE_OPTIONS itself, e.g. --env NODE_OPTIONS=...).
  const nodeArgs = 'NODE_OPTIONS' in env ? [] : startFlags();
  let profileDir = null;
  if (args.profile) {
    profileDir = join(PROFILES_DIR, `${process.pid}-${Date.now()}`);
    mkdirSync(profileDir, { recursive: true });
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`);
  }
  let output = '';
  let exited = null;
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk) => {
    output += chunk;
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exit = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve((exited = { code, signal }))),
  );
  const base = `http://127.0.0.1:${port}`;
  const cleanup = async () => {
    if (database) await database.drop().catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  for (;;) {
    if (exited) {
      await cleanup();
      throw new Error(`the service exited (${JSON.stringify(exited)}) before ready:\n${output}`);
    }
    try {
      const res = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > READY_TIMEOUT_MS) {
      child.kill('SIGKILL');
      await cleanup();
      throw new Error(`not ready within ${READY_TIMEOUT_MS} ms:\n${output}`);
    }
    await sleep(50);
  }
  const service = {
    pid: child.pid,
    exited: () => exited,
    kill: () => child.kill('SIGKILL'),
    port,
    base,
    token: adminToken,
    database: args.db,
    databaseUrl: database?.url ?? null,
    readyMs: Math.round(performance.now() - started),
    profileDir,
    output: () => output,
    memory: () => memoryMb(child.pid),
    cpuMs: () => cpuMs(child.pid),
    /** SIGTERM, wait for exit (and the CPU profile), then drop the database. */
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exit;
        clearTimeout(timer);
      }
      await cleanup();
      return exited;
    },
    /** The CPU profile written at exit (with --profile), or null. */
    profileFile() {
      if (!profileDir || !existsSync(profileDir)) return null;
      const files = readdirSync(profileDir)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => join(profileDir, f))
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
      return files[0] ?? null;
    },
  };
  liveServices.push(service);
  return service;
}

/** A GraphQL call as the admin; throws on HTTP or GraphQL errors. */
export async function gql(service, query, variables = {}) {
  const res = await fetch(`${service.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${service.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`GraphQL answered ${res.status} with non-JSON: ${text.slice(0, 500)}`);
  }
  if (res.status !== 200 || body.errors) {
    throw new Error(`GraphQL ${res.status}: ${JSON.stringify(body.errors ?? body).slice(0, 1000)}`);
  }
  return body.data;
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** SQL statements the service has sent so far (loopboard_db_query_duration_seconds_count). */
export async function sqlStatements(service) {
  const res = await fetch(`${service.base}/metrics`);
  const text = await res.text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('loopboard_db_query_duration_seconds_count'))
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

/**
 * SQL statements per request, exactly: `count` requests one after another, with /metrics read
 * before and after. (A scrape's own query for the reserve gauges runs after its figures are
 * rendered and is cached for 1 s, so it is subtracted by a scrape-only measurement.)
 */
export async function sqlPerRequest(service, send, count = 20) {
  const idle0 = await sqlStatements(service);
  await sleep(1100);
  const idle1 = await sqlStatements(service);
  const perScrape = idle1 - idle0;
  await sleep(1100);
  const before = await sqlStatements(service);
  for (let i = 0; i < count; i++) await send(i);
  await sleep(1100);
  const after = await sqlStatements(service);
  return round((after - before - perScrape) / count, 2);
}

// ---------------------------------------------------------------------------------------------
// Load, from a separate process

/**
 * Runs autocannon in a child process (bench/load-worker.mjs) against the service; returns its
 * figures plus the service's CPU time and peak RSS during the run. Options: url, method, headers,
 * body, connections, duration (s), amount, unique (placeholder replaced per request),
 * check ('graphql' counts answers with errors, 'webhook' answers without "deliveryId").
 */
export async function runLoad(service, options) {
  const worker = fork(join(ROOT, 'bench', 'load-worker.mjs'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const peakReset = resetPeakRss(service.pid);
  let sampledPeak = service.memory().rssMb;
  const sampler = setInterval(() => {
    try {
      sampledPeak = Math.max(sampledPeak, service.memory().rssMb);
    } catch {
      // gone
    }
  }, 200);
  const waits = service.databaseUrl ? sampleDatabase(service.databaseUrl) : null;
  const cpuBefore = service.cpuMs();
  const result = await new Promise((resolve, reject) => {
    worker.once('message', (message) => {
      if (message.ready) worker.send(options);
      worker.once('message', (answer) =>
        answer.error ? reject(new Error(answer.error)) : resolve(answer),
      );
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with ${code}`));
    });
  });
  clearInterval(sampler);
  const cpu = service.cpuMs() - cpuBefore;
  const database = waits ? await waits.stop() : null;
  const memory = service.memory();
  worker.disconnect();
  return {
    ...result,
    serviceCpuMs: Math.round(cpu),
    serviceCpuPercent: round((cpu / (result.durationMs || 1)) * 100, 0),
    serviceCpuMsPerRequest: result.requests ? round(cpu / result.requests, 3) : null,
    peakRssMb: peakReset ? memory.peakRssMb : sampledPeak,
    peakRssSource: peakReset ? 'VmHWM since the start of the run' : 'VmRSS sampled every 200 ms',
    rssAfterMb: memory.rssMb,
    database,
  };
}

/**
 * Samples pg_stat_activity every 100 ms for the service's connections (application_name
 * loopboard): how many are running a statement, idle in a transaction, or waiting on a lock.
 * The averages tell CPU-bound runs from ones queued on the database or on a row lock.
 */
function sampleDatabase(url) {
  const client = new pg.Client({ connectionString: url, application_name: 'loopboard-bench' });
  client.on('error', () => undefined);
  const totals = {
    samples: 0,
    connections: 0,
    active: 0,
    idleInTransaction: 0,
    lockWaits: 0,
    ioWaits: 0,
  };
  const waitEvents = {};
  let timer = null;
  let busy = false;
  const ready = client.connect().then(() => {
    timer = setInterval(async () => {
      if (busy) return;
      busy = true;
      try {
        const { rows } = await client.query(
          `SELECT state, wait_event_type, wait_event FROM pg_stat_activity
           WHERE datname = current_database() AND application_name = 'loopboard'`,
        );
        totals.samples++;
        totals.connections += rows.length;
        for (const r of rows) {
          if (r.state === 'active') totals.active++;
          if (r.state?.startsWith('idle in transaction')) totals.idleInTransaction++;
          if (r.wait_event_type === 'Lock') totals.lockWaits++;
          if (r.wait_event_type === 'IO') totals.ioWaits++;
          if (r.state === 'active' && r.wait_event_type) {
            const key = `${r.wait_event_type}:${r.wait_event}`;
            waitEvents[key] = (waitEvents[key] ?? 0) + 1;
          }
        }
      } catch {
        // the database may be going away
      } finally {
        busy = false;
      }
    }, 100);
  });
  return {
    async stop() {
      await ready.catch(() => undefined);
      clearInterval(timer);
      await client.end().catch(() => undefined);
      const n = totals.samples || 1;
      const avg = (v) => round(v / n, 1);
      return {
        samples: totals.samples,
        avgConnections: avg(totals.connections),
        avgActive: avg(totals.active),
        avgIdleInTransaction: avg(totals.idleInTransaction),
        avgLockWaits: avg(totals.lockWaits),
        avgIoWaits: avg(totals.ioWaits),
        waitEvents: Object.fromEntries(
          Object.entries(waitEvents)
            .sort((a, b) => b[1] - a[1])
            .slice(0, 8)
            .map(([k, v]) => [k, avg(v)]),
        ),
      };
    },
  };
}

/** A time window on the clock V8's CPU profiles use (CLOCK_MONOTONIC, µs). */
export function monotonicUs() {
  return Number(process.hrtime.bigint() / 1000n);
}

// ---------------------------------------------------------------------------------------------
// Output

export function table(headers, rows) {
  const cells = [headers, ...rows].map((r) =>
    r.map((c) => (c === null || c === undefined ? '' : String(c))),
  );
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) =>
    `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  out(line(cells[0]));
  out(
    `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 2)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
  );
  for (const r of cells.slice(1)) out(line(r));
}

/** The usual columns of one load run. */
export function loadRow(label, r, unit = 'req/s') {
  if (!r.ok)
    return [
      label,
      `no answer within ${round(r.durationMs / 1000, 0)} s`,
      '',
      '',
      errorsOf(r),
      `${r.peakRssMb} MB`,
      '',
    ];
  return [
    label,
    `${round(r.perSecond, 0)} ${unit}`,
    `${r.latency.p50} ms`,
    `${r.latency.p99} ms`,
    r.errors + r.timeouts + r.non2xx + (r.badAnswers ?? 0),
    `${r.peakRssMb} MB`,
    `${r.serviceCpuMsPerRequest} ms`,
  ];
}
export const LOAD_HEADERS = ['run', 'throughput', 'p50', 'p99', 'errors', 'peak RSS', 'CPU/req'];

export function writeResult(args, result) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${result.scenario}-${result.date.replace(/[:.]/g, '-')}.json`);
  const text = `${JSON.stringify(result, null, 2)}\n`;
  writeFileSync(file, text);
  if (args['json-out']) writeFileSync(args['json-out'], text);
  out(`results: ${relative(process.cwd(), file)}`);
  return file;
}

/**
 * Summarises a CPU profile (self time by function, and by package) for the samples inside
 * [fromUs, toUs] (the load phase), with bench/profile-summary.mjs.
 */
export function summariseProfile(file, window) {
  const argv = [join(ROOT, 'bench', 'profile-summary.mjs'), file, '--json'];
  if (window) argv.push('--from', String(window.fromUs), '--to', String(window.toUs));
  return JSON.parse(execFileSync(process.execPath, argv, { encoding: 'utf8' }));
}

/** Runs a scenario: header line, the body, the footer; exits non-zero on failure. */
export function scenario(name, args, body) {
  requireBuild();
  const host = machine();
  const started = new Date();
  const load0 = loadAvg();
  out(
    `${name}: ${host.cpus} cpus, ${host.node}, database ${args.db}, commit ${host.commit}${host.dirty ? ' (src modified)' : ''}, load average ${load0.join(' ')}`,
  );
  return body({ host, started, load0 })
    .then(() => undefined)
    .catch((error) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      for (const service of liveServices) {
        const log = service.output().trim().split('\n').slice(-30).join('\n');
        if (log)
          process.stderr.write(
            `\nlast lines of the service's output (pid ${service.pid}):\n${log}\n`,
          );
      }
      process.exit(1);
    });
}

/** Common header of every scenario's JSON. */
export function resultHeader(name, args, { host, started, load0 }, settings = {}) {
  return {
    scenario: name,
    date: started.toISOString(),
    machine: { ...host, loadAvgStart: load0, loadAvgEnd: loadAvg() },
    settings: {
      database: args.db,
      duration: args.duration,
      warmup: args.warmup,
      connections: args.connections,
      nodeEnv: 'production',
      logLevel: args['log-level'],
      env: args.extraEnv,
      ...settings,
    },
  };
}

/** Warm-up (not recorded), then the measured run. */
export async function warmAndRun(service, args, load) {
  if (args.warmup > 0) await runLoad(service, { ...load, duration: args.warmup });
  return runLoad(service, { ...load, duration: args.duration });
}

/** Stops the service and, with --profile, adds the summary of its CPU profile over `window`. */
export async function stopAndProfile(service, result, window) {
  await service.stop();
  const file = service.profileFile();
  if (file && result)
    result.profile = { file: relative(ROOT, file), ...summariseProfile(file, window) };
}

/** Prints the top of a profile summary (with --profile). */
export function printProfile(result, top = 12) {
  if (!result.profile) return;
  out();
  out(`CPU profile of the service during the measured run (${result.profile.file}), self time:`);
  for (const r of result.profile.byArea.slice(0, top))
    out(`  ${String(r.percent).padStart(5)} %  ${r.name}`);
  out('  by function:');
  for (const r of result.profile.byFunction.slice(0, top))
    out(`  ${String(r.percent).padStart(5)} %  ${r.name}`);
}

export function targetLine(label, met) {
  out(`target ${label}: ${met ? 'met' : 'NOT met'}`);
}

/** p99 under `ms`, for a run that had answers at all (a run without any has no latency). */
export const p99Under = (run, ms) => run.ok > 0 && run.latency.p99 < ms;

/** errors of a run: socket errors, timeouts, non-2xx answers and 2xx answers that were wrong. */
export const errorsOf = (run) => run.errors + run.timeouts + run.non2xx + (run.badAnswers ?? 0);
