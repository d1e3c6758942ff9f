#!/usr/bin/env node
// Every load scenario, one after the other, each in its own process with its own service and
// database (see bench/README.md): `npm run bench`. Builds dist/ once if it is missing. Prints
// each scenario's table, then a summary with the ratios of this run (board read / ceiling, new
// alerts / database floor) and every target; writes bench/results/all-<date>.json.
//
//   npm run bench [-- --db pglite] [-- --duration 10 --warmup 3] [-- --only ceiling,board-read]
//                 [-- --profile] [-- --env KEY=VALUE] [-- --settle 1.5 --settle-max 120]
//                 [-- --build]   (npx nest build first; otherwise only when dist/ is missing, and a
//                                 warning when src/ or prisma/ has a file newer than dist/main.js)
import { execFileSync, spawn } from 'node:child_process';
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
import os from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { DIST, loadAvg, machine, MAIN, out, RESULTS_DIR, ROOT, round, table } from './lib.mjs';

const SCENARIOS = [
  'ceiling',
  'board-read',
  'board-read-after-change',
  'board-read-web',
  'board-read-after-change-web',
  'alert-repeats',
  'new-alerts',
  'alert-storm',
  'capacity-report',
  'deployments',
  'db-floor',
];

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    'pg-url': { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    profile: { type: 'boolean', default: false },
    env: { type: 'string', multiple: true, default: [] },
    only: { type: 'string' },
    // Build dist/ (npx nest build) before running, even when it exists.
    build: { type: 'boolean', default: false },
    // Before each scenario, wait until the 1-minute load average is under this (the previous
    // scenario's own load decays within a minute or so), at most --settle-max seconds.
    settle: { type: 'string' },
    'settle-max': { type: 'string', default: '120' },
  },
});
const chosen = args.only ? args.only.split(',') : SCENARIOS;
for (const name of chosen)
  if (!SCENARIOS.includes(name)) throw new Error(`unknown scenario ${name}`);

function forwarded(name) {
  const argv = ['--db', args.db];
  if (args['pg-url']) argv.push('--pg-url', args['pg-url']);
  if (args.duration) argv.push('--duration', args.duration);
  if (args.warmup) argv.push('--warmup', args.warmup);
  if (args.profile && name !== 'db-floor') argv.push('--profile');
  if (name !== 'db-floor') for (const pair of args.env) argv.push('--env', pair);
  return argv;
}

/** Scenarios that are another script run with the web app's own board document (2w). */
const WEB_VARIANTS = {
  'board-read-web': 'board-read',
  'board-read-after-change-web': 'board-read-after-change',
};

function run(name, jsonOut) {
  const script = WEB_VARIANTS[name] ?? name;
  const variant = WEB_VARIANTS[name] ? ['--query', 'web'] : [];
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bench', `${script}.mjs`), ...variant, ...forwarded(name), '--json-out', jsonOut],
      { cwd: ROOT, stdio: 'inherit' },
    );
    child.on('exit', (code) => resolve(code));
  });
}

/** The most recently modified file under `dirs`. */
function newestFile(dirs) {
  let newest = { path: '', mtimeMs: 0 };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const { mtimeMs } = statSync(path);
        if (mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
      }
    }
  };
  for (const dir of dirs) if (existsSync(dir)) walk(dir);
  return newest;
}

/** Waits until the 1-minute load average is under `below`, for at most `maxS` seconds. */
async function settle(below, maxS) {
  const since = performance.now();
  while (os.loadavg()[0] >= below && performance.now() - since < maxS * 1000)
    await new Promise((resolve) => setTimeout(resolve, 5000));
  const waited = Math.round((performance.now() - since) / 1000);
  out(`(waited ${waited} s for the load average: ${loadAvg().join(' ')})`);
}

const started = performance.now();
if (!existsSync(MAIN) || (args.build && !process.env.BENCH_DIST)) {
  if (process.env.BENCH_DIST) throw new Error(`${MAIN} is missing (BENCH_DIST)`);
  out(
    `${args.build ? 'building' : `${relative(process.cwd(), DIST)}/ is missing: building it`} once (npx nest build)`,
  );
  execFileSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: 'inherit' });
} else {
  const built = statSync(MAIN).mtimeMs;
  const newer = newestFile([join(ROOT, 'src'), join(ROOT, 'prisma')]);
  if (newer.mtimeMs > built)
    out(
      `warning: ${relative(ROOT, newer.path)} is newer than ${relative(ROOT, MAIN)}: the build may be stale (npm run build, or --build)`,
    );
}
const host = machine();
const load0 = loadAvg();
out(
  `npm run bench: ${chosen.length} scenarios on ${args.db}, ${host.cpus} cpus, ${host.node}, commit ${host.commit}${host.dirty ? ' (src modified)' : ''}, load average ${load0.join(' ')}`,
);

const scratch = mkdtempSync(join(os.tmpdir(), 'loopboard-bench-all-'));
const results = {};
const failures = [];
try {
  for (const name of chosen) {
    out();
    out(`=== ${name} ${'='.repeat(60 - name.length)}`);
    if (args.settle) await settle(Number(args.settle), Number(args['settle-max']));
    const file = join(scratch, `${name}.json`);
    const code = await run(name, file);
    if (code !== 0) failures.push(name);
    else if (existsSync(file)) results[name] = JSON.parse(readFileSync(file, 'utf8'));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

// Ratios of this run.
const ceiling = results.ceiling?.summary.reqPerSec;
const board = results['board-read']?.summary.reqPerSec;
const afterChange = results['board-read-after-change']?.summary;
const webBoard = results['board-read-web']?.summary.reqPerSec;
const webAfterChange = results['board-read-after-change-web']?.summary;
const cards = results['new-alerts']?.summary.cardsPerSec;
const floor1 = results['db-floor']?.summary.c1?.insertsPerSec;
const floor50 = results['db-floor']?.summary.c50?.insertsPerSec;
const ratio = (a, b) => (a !== undefined && b ? round(a / b, 3) : null);
const ratios = {
  boardReadOverCeiling: ratio(board, ceiling),
  boardReadAfterEveryMoveOverCeiling: ratio(afterChange?.readsPerSec, ceiling),
  boardReadFanOutOverCeiling: ratio(afterChange?.fanOutReadsPerSec, ceiling),
  webBoardReadOverCeiling: ratio(webBoard, ceiling),
  webBoardReadAfterEveryMoveOverCeiling: ratio(webAfterChange?.readsPerSec, ceiling),
  webBoardReadFanOutOverCeiling: ratio(webAfterChange?.fanOutReadsPerSec, ceiling),
  newAlertsOverDbFloor50: ratio(cards, floor50),
  newAlertsOverDbFloor1: ratio(cards, floor1),
};

const met = (name, key) => results[name]?.targets?.met?.[key];
const targets = [
  [
    'board read ≥ 30% of the ceiling',
    ratios.boardReadOverCeiling === null ? undefined : ratios.boardReadOverCeiling >= 0.3,
  ],
  ['board read p99 < 100 ms', met('board-read', 'p99Under100Ms')],
  [
    'board read after a move ≥ 10% of the ceiling (a move before every read)',
    ratios.boardReadAfterEveryMoveOverCeiling === null
      ? undefined
      : ratios.boardReadAfterEveryMoveOverCeiling >= 0.1,
  ],
  [
    'board read after a move ≥ 10% of the ceiling (a move, then 50 reads)',
    ratios.boardReadFanOutOverCeiling === null
      ? undefined
      : ratios.boardReadFanOutOverCeiling >= 0.1,
  ],
  [
    "web app's board read ≥ 30% of the ceiling",
    ratios.webBoardReadOverCeiling === null ? undefined : ratios.webBoardReadOverCeiling >= 0.3,
  ],
  ["web app's board read p99 < 100 ms", met('board-read-web', 'p99Under100Ms')],
  [
    "web app's board read after a move ≥ 10% of the ceiling (a move before every read)",
    ratios.webBoardReadAfterEveryMoveOverCeiling === null
      ? undefined
      : ratios.webBoardReadAfterEveryMoveOverCeiling >= 0.1,
  ],
  [
    "web app's board read after a move ≥ 10% of the ceiling (a move, then 50 reads)",
    ratios.webBoardReadFanOutOverCeiling === null
      ? undefined
      : ratios.webBoardReadFanOutOverCeiling >= 0.1,
  ],
  ['alert repeats ≥ 1,500 alerts/s', met('alert-repeats', 'alertsPerSecAtLeast1500')],
  ['new alerts ≥ 400 cards/s', met('new-alerts', 'cardsPerSecAtLeast400')],
  ['new alerts p99 < 150 ms', met('new-alerts', 'p99Under150Ms')],
  ['storm < 2 s', met('alert-storm', 'stormUnder2s')],
  ['repeat storm < 1 s', met('alert-storm', 'repeatUnder1s')],
  ['capacity report p99 < 50 ms', met('capacity-report', 'p99Under50Ms')],
  ['deployment intake ≥ 200 deployments/s', met('deployments', 'intakeAtLeast200PerSec')],
  ['delivery report over a year p99 < 100 ms', met('deployments', 'reportP99Under100Ms')],
  [
    'peak RSS < 300 MB in every scenario',
    Object.values(results).some((r) => r.targets?.met?.peakRssUnder300Mb !== undefined)
      ? Object.values(results).every((r) => r.targets?.met?.peakRssUnder300Mb !== false)
      : undefined,
  ],
];

const rows = [];
const s = (name) => results[name]?.summary;
if (s('ceiling'))
  rows.push([
    '1 ceiling `{ __typename }`, 50 conn.',
    `${s('ceiling').reqPerSec} req/s`,
    s('ceiling').p50Ms,
    s('ceiling').p99Ms,
    s('ceiling').errors,
    s('ceiling').peakRssMb,
    s('ceiling').sqlPerRequest,
  ]);
if (s('board-read'))
  rows.push([
    '2 board read, 50 conn.',
    `${s('board-read').reqPerSec} req/s`,
    s('board-read').p50Ms,
    s('board-read').p99Ms,
    s('board-read').errors,
    s('board-read').peakRssMb,
    s('board-read').sqlPerRequest,
  ]);
if (afterChange) {
  const runs = results['board-read-after-change'].runs;
  for (const [label, r] of [
    ['2b board read after every move, 50 clients', runs.everyReadAfterAMove],
    ['2b a move, then 50 board reads', runs.fanOut],
  ])
    rows.push([
      label,
      `${r.readsPerSec} reads/s`,
      r.p50Ms,
      r.p99Ms,
      0,
      results['board-read-after-change'].peakRssMb,
      '',
    ]);
}
if (s('board-read-web')) {
  const web = results['board-read-web'];
  rows.push([
    "2w web app's BoardWithCards, 50 conn.",
    `${web.summary.reqPerSec} req/s`,
    web.summary.p50Ms,
    web.summary.p99Ms,
    web.summary.errors,
    web.summary.peakRssMb,
    web.summary.sqlPerRequest,
  ]);
  if (web.alertCards)
    rows.push([
      "2w web app's BoardAlertCards, 50 conn.",
      `${web.alertCards.summary.reqPerSec} req/s`,
      web.alertCards.summary.p50Ms,
      web.alertCards.summary.p99Ms,
      web.alertCards.run.errors + web.alertCards.run.timeouts + web.alertCards.run.non2xx,
      web.alertCards.run.peakRssMb,
      web.alertCards.sqlPerRequest,
    ]);
}
if (webAfterChange) {
  const runs = results['board-read-after-change-web'].runs;
  for (const [label, r] of [
    ['2w BoardWithCards after every move, 50 clients', runs.everyReadAfterAMove],
    ['2w a move, then 50 BoardWithCards', runs.fanOut],
  ])
    rows.push([
      label,
      `${r.readsPerSec} reads/s`,
      r.p50Ms,
      r.p99Ms,
      0,
      results['board-read-after-change-web'].peakRssMb,
      '',
    ]);
}
if (s('alert-repeats'))
  rows.push([
    '3 alert repeats, 50 conn.',
    `${s('alert-repeats').alertsPerSec} alerts/s`,
    s('alert-repeats').p50Ms,
    s('alert-repeats').p99Ms,
    s('alert-repeats').errors,
    s('alert-repeats').peakRssMb,
    s('alert-repeats').sqlPerRequest,
  ]);
if (s('new-alerts'))
  rows.push([
    '4 new alerts, 50 conn.',
    `${s('new-alerts').cardsPerSec} cards/s`,
    s('new-alerts').p50Ms,
    s('new-alerts').p99Ms,
    s('new-alerts').errors,
    s('new-alerts').peakRssMb,
    s('new-alerts').sqlPerRequest,
  ]);
if (s('alert-storm')) {
  rows.push([
    '5 storm of 1,000 new alerts (median, max)',
    `${s('alert-storm').stormMsMedian}, ${s('alert-storm').stormMsMax} ms`,
    '',
    '',
    0,
    s('alert-storm').peakRssMb,
    '',
  ]);
  rows.push([
    '5 the same storm again (median, max)',
    `${s('alert-storm').repeatMsMedian}, ${s('alert-storm').repeatMsMax} ms`,
    '',
    '',
    0,
    '',
    '',
  ]);
}
for (const [key, r] of Object.entries(s('capacity-report') ?? {}))
  rows.push([
    `6 capacity report, ${key.slice(1)} conn.`,
    `${r.reqPerSec} req/s`,
    r.p50Ms,
    r.p99Ms,
    r.errors,
    r.peakRssMb,
    results['capacity-report'].sqlPerRequest,
  ]);
for (const [key, r] of Object.entries(s('db-floor') ?? {}))
  rows.push([
    `7 database floor, ${key.slice(1)} client(s)`,
    `${r.insertsPerSec} inserts/s`,
    r.p50Ms,
    r.p99Ms,
    r.errors,
    '',
    1,
  ]);

const load1 = loadAvg();
const totalS = Math.round((performance.now() - started) / 1000);
out();
out(`=== summary ${'='.repeat(52)}`);
out();
table(['scenario', 'throughput', 'p50 ms', 'p99 ms', 'errors', 'peak RSS MB', 'SQL/req'], rows);
out();
out(
  `board read / ceiling: ${ratios.boardReadOverCeiling ?? 'n/a'}; new alerts / database floor: ${ratios.newAlertsOverDbFloor50 ?? 'n/a'} of 50 clients, ${ratios.newAlertsOverDbFloor1 ?? 'n/a'} of 1 client`,
);
out();
for (const [label, ok] of targets)
  out(`  ${ok === undefined ? 'n/a    ' : ok ? 'met    ' : 'NOT met'}  ${label}`);
out();
out(
  `load average: ${load0.join(' ')} at the start, ${load1.join(' ')} at the end; ${totalS} s in all`,
);
if (failures.length) out(`FAILED: ${failures.join(', ')}`);

mkdirSync(RESULTS_DIR, { recursive: true });
const date = new Date().toISOString();
const file = join(RESULTS_DIR, `all-${date.replace(/[:.]/g, '-')}.json`);
writeFileSync(
  file,
  `${JSON.stringify(
    {
      scenario: 'all',
      date,
      machine: { ...host, loadAvgStart: load0, loadAvgEnd: load1 },
      settings: {
        database: args.db,
        duration: args.duration ?? '10',
        warmup: args.warmup ?? 'default',
      },
      totalSeconds: totalS,
      ratios,
      targets: Object.fromEntries(targets),
      failures,
      results,
    },
    null,
    2,
  )}\n`,
);
out(`results: ${relative(process.cwd(), file)}`);
process.exit(failures.length ? 1 : 0);
