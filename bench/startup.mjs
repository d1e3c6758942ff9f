#!/usr/bin/env node
// Start-up benchmark on embedded PGlite (see bench/README.md, "Start-up and idle memory").
//
//   npm run build && node bench/startup.mjs [--runs 3] [--idle-ms 60000] [--no-npm-start]
//                                           [--db pglite|postgres] [--pg-url URL]
//
// --db postgres: a replica's start on PostgreSQL instead (first start: a new empty database on
// --pg-url's server, migrated by the service; restart: the same database), no `npm start`.
// For each run: a new empty DATA_DIR, then
//   first start  `node dist/main.js` until GET /health/ready answers 200 (initdb + migrations),
//                then idle for --idle-ms with VmRSS sampled every second (the value 5 s after
//                ready, and the settled value: the median of the last 10 samples), SIGTERM;
//   restart      the same on the DATA_DIR the first start left behind.
// Once: `npm start` (nest build, then the service) on a new DATA_DIR, command to ready.
// The environment passes through (NODE_ENV, LOG_LEVEL, ...) except DATABASE_URL, DATA_DIR,
// PORT and HOST, which the script sets. Prints a table; writes JSON to bench/results/.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createPgDatabase, DEFAULT_PG_URL, startFlags } from './lib.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(ROOT, 'dist', 'main.js');
const TARGETS = { readyMs: 5000, idleRssMb: 250 };
const READY_TIMEOUT_MS = 120_000;
const CLOCK_TICKS = 100; // USER_HZ on Linux

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'idle-ms': { type: 'string', default: '60000' },
    'no-npm-start': { type: 'boolean', default: false },
    db: { type: 'string', default: 'pglite' },
    'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? DEFAULT_PG_URL },
  },
});
if (!['pglite', 'postgres'].includes(args.db)) throw new Error('--db is pglite or postgres');
const ON_POSTGRES = args.db === 'postgres';
const RUNS = Number(args.runs);
const IDLE_MS = Number(args['idle-ms']);
if (!(IDLE_MS >= 15_000))
  throw new Error('--idle-ms must be at least 15000 (5 s, then 10 samples)');
/** RSS is sampled this often while the service idles. */
const SAMPLE_MS = 1000;
/** Idle RSS is the median of this many last samples: what the process settles at. */
const SETTLED_SAMPLES = 10;

const out = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function readyStatus(port) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`, {
      signal: AbortSignal.timeout(2000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
function memoryMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

/** CPU time (user + system) a process has used so far, in ms; robust to other load. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/**
 * Spawns a command in its own process group and waits for /health/ready = 200.
 * Returns the child, the time from spawn to ready, and its output so far.
 */
async function startUntilReady(command, argv, database) {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1' };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  // The database to start on: { dataDir } (embedded PGlite) or { url } (PostgreSQL).
  if (database.url) env.DATABASE_URL = database.url;
  else env.DATA_DIR = database.dataDir;
  let output = '';
  let exited = null;
  const started = performance.now();
  const child = spawn(command, argv, { cwd: ROOT, env, detached: true, stdio: 'pipe' });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  child.on('exit', (code, signal) => (exited = { code, signal }));
  for (;;) {
    if (exited)
      throw new Error(`${command} exited (${JSON.stringify(exited)}) before ready:\n${output}`);
    if ((await readyStatus(port)) === 200) break;
    if (performance.now() - started > READY_TIMEOUT_MS) {
      killGroup(child.pid, 'SIGKILL');
      throw new Error(`not ready within ${READY_TIMEOUT_MS} ms:\n${output}`);
    }
    await sleep(25);
  }
  const readyMs = performance.now() - started;
  const readyCpuMs = cpuMs(child.pid);
  return { child, readyMs, readyCpuMs, port, output: () => output, exited: () => exited };
}

/** Signals a whole process group (npm start: npm, sh, node); gone already is fine. */
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

/** SIGTERM to the process group; resolves with the exit and how long the shutdown took. */
async function stop(service) {
  const started = performance.now();
  const exit = new Promise((resolve) => {
    if (service.exited()) resolve(service.exited());
    else service.child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  killGroup(service.child.pid, 'SIGTERM');
  const timer = setTimeout(() => killGroup(service.child.pid, 'SIGKILL'), 30_000);
  const result = await exit;
  clearTimeout(timer);
  return { ...result, stopMs: performance.now() - started };
}

/** One start of dist/main.js: ready time, in-process ready time, idle RSS, clean stop. */
async function measureStart(database) {
  // As `npm run start:prod` starts it: its node flags (package.json), then dist/main.js.
  const service = await startUntilReady(process.execPath, [...startFlags(), MAIN], database);
  // V8 gives memory back only after allocation stops (its memory reducer, some seconds after the
  // last collection), so the first seconds after ready still hold start-up's garbage: sample
  // the whole idle period and report where it settles as well as the early value.
  const samples = [];
  const idleStart = performance.now();
  while (performance.now() - idleStart < IDLE_MS) {
    await sleep(SAMPLE_MS);
    samples.push({
      atMs: Math.round(performance.now() - idleStart),
      rssMb: Math.round(memoryMb(service.child.pid).rssMb * 10) / 10,
    });
  }
  const memory = memoryMb(service.child.pid);
  const at5s = samples.find((x) => x.atMs >= 5000) ?? samples.at(-1);
  const settled = stats(samples.slice(-SETTLED_SAMPLES).map((x) => x.rssMb)).median;
  const logged = /ready in (\d+) ms/.exec(service.output());
  const exit = await stop(service);
  if (exit.code !== 0) throw new Error(`exit ${JSON.stringify(exit)} after SIGTERM`);
  return {
    readyMs: Math.round(service.readyMs),
    readyCpuMs: Math.round(service.readyCpuMs),
    loggedReadyMs: logged ? Number(logged[1]) : null,
    rss5sMb: at5s.rssMb,
    idleRssMb: settled,
    peakRssMb: Math.round(memory.peakRssMb * 10) / 10,
    rssSamples: samples,
    stopMs: Math.round(exit.stopMs),
  };
}

function machine() {
  const sh = (cmd, argv) => {
    try {
      return execFileSync(cmd, argv, { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? null,
    memTotalMb: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    commit: sh('git', ['rev-parse', '--short', 'HEAD']),
    nodeEnv: process.env.NODE_ENV ?? '(unset: development)',
    // Other work on the machine slows start-up: the 1-minute load average when the run began.
    loadAvg1m: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1) };
};

async function main() {
  if (!existsSync(MAIN)) {
    process.stderr.write(`${relative(process.cwd(), MAIN)} is missing: run \`npm run build\`\n`);
    process.exit(2);
  }
  const host = machine();
  out(`${host.cpus} cpus, ${host.node}, load average ${host.loadAvg1m}, NODE_ENV ${host.nodeEnv}`);
  const scratch = mkdtempSync(join(os.tmpdir(), 'loopboard-bench-'));
  const runs = [];
  try {
    for (let i = 1; i <= RUNS; i++) {
      const pgDatabase = ON_POSTGRES
        ? await createPgDatabase(args['pg-url'], 'loopboard_startup')
        : null;
      const database = pgDatabase
        ? { url: pgDatabase.url }
        : { dataDir: join(scratch, `data-${i}`) };
      let first;
      let restart;
      try {
        first = await measureStart(database);
        restart = await measureStart(database);
      } finally {
        await pgDatabase?.drop();
      }
      runs.push({ run: i, first, restart });
      out(`run ${i}: first start ${first.readyMs} ms, restart ${restart.readyMs} ms`);
    }
    let npmStart = null;
    if (!args['no-npm-start'] && !ON_POSTGRES) {
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      const service = await startUntilReady(npm, ['start'], {
        dataDir: join(scratch, 'data-npm-start'),
      });
      const exit = await stop(service);
      npmStart = { readyMs: Math.round(service.readyMs), exit };
      out(`npm start: ${npmStart.readyMs} ms`);
    }

    const first = runs.map((r) => r.first);
    const restart = runs.map((r) => r.restart);
    const summary = {
      firstStartReadyMs: stats(first.map((r) => r.readyMs)),
      restartReadyMs: stats(restart.map((r) => r.readyMs)),
      firstStartCpuMs: stats(first.map((r) => r.readyCpuMs)),
      restartCpuMs: stats(restart.map((r) => r.readyCpuMs)),
      idleRssMb: stats([...first, ...restart].map((r) => r.idleRssMb)),
      idleRssFirstMb: stats(first.map((r) => r.idleRssMb)),
      idleRssRestartMb: stats(restart.map((r) => r.idleRssMb)),
      rss5sFirstMb: stats(first.map((r) => r.rss5sMb)),
      rss5sRestartMb: stats(restart.map((r) => r.rss5sMb)),
      npmStartReadyMs: npmStart?.readyMs ?? null,
    };
    const targets = {
      readyUnder5s: summary.firstStartReadyMs.max < TARGETS.readyMs,
      idleRssUnder250Mb: summary.idleRssMb.max < TARGETS.idleRssMb,
    };
    const result = {
      scenario: 'startup',
      date: new Date().toISOString(),
      machine: { ...host, loadAvg1mAtEnd: Math.round(os.loadavg()[0] * 100) / 100 },
      settings: { runs: RUNS, idleMs: IDLE_MS, database: args.db },
      runs,
      npmStart,
      summary,
      targets: { ...TARGETS, met: targets },
    };

    out();
    const cell = (v) => v.padStart(9);
    const row = (label, values) => out(`| ${label.padEnd(42)} | ${values.map(cell).join(' | ')} |`);
    const statRow = (label, s, unit) =>
      row(
        label,
        [s.min, s.median, s.max].map((v) => `${v} ${unit}`),
      );
    row(`measure (${ON_POSTGRES ? 'PostgreSQL' : 'PGlite'}, ${RUNS} runs)`, [
      'min',
      'median',
      'max',
    ]);
    out(`|${'-'.repeat(44)}|${'-----------|'.repeat(3)}`);
    const where = ON_POSTGRES ? 'database' : 'DATA_DIR';
    statRow(`first start to ready (empty ${where})`, summary.firstStartReadyMs, 'ms');
    statRow(`restart to ready (existing ${where})`, summary.restartReadyMs, 'ms');
    statRow('CPU time until ready, first start', summary.firstStartCpuMs, 'ms');
    statRow('CPU time until ready, restart', summary.restartCpuMs, 'ms');
    statRow('RSS 5 s after ready, first starts', summary.rss5sFirstMb, 'MB');
    statRow('RSS 5 s after ready, restarts', summary.rss5sRestartMb, 'MB');
    statRow(`idle RSS (settled, ${IDLE_MS / 1000} s), first starts`, summary.idleRssFirstMb, 'MB');
    statRow(`idle RSS (settled, ${IDLE_MS / 1000} s), restarts`, summary.idleRssRestartMb, 'MB');
    if (npmStart)
      row('`npm start` (build + first start), once', [`${npmStart.readyMs} ms`, '', '']);
    out();
    out(
      `target ready < ${TARGETS.readyMs} ms (first start): ${targets.readyUnder5s ? 'met' : 'NOT met'}`,
    );
    out(
      `target idle RSS < ${TARGETS.idleRssMb} MB: ${targets.idleRssUnder250Mb ? 'met' : 'NOT met'}`,
    );

    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `startup-${result.date.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    out(`results: ${relative(process.cwd(), file)}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
