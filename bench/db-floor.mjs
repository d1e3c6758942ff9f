#!/usr/bin/env node
// Scenario 7, database floor (see bench/README.md, "Database floor"): single-row INSERTs of a
// card-sized row straight into PostgreSQL with `pg`, one statement per transaction (autocommit,
// so every insert waits for its WAL flush, as every delivery's commit does), from 1 client and
// then from 50 clients. No service: what the database itself allows, so the new-alerts scenario
// can be read as a share of it. The table mirrors `tasks` (columns, defaults and indexes, no
// foreign keys), in a fresh database that is dropped at the end.
//
//   node bench/db-floor.mjs [--connections 1,50] [--duration 10] [--warmup 2] [--json-out file]
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  createPgDatabase,
  loadAvg,
  out,
  pgSettings,
  resultHeader,
  round,
  scenario,
  scenarioArgs,
  table,
  writeResult,
} from './lib.mjs';

const NAME = 'db-floor';
const args = scenarioArgs({}, { connections: '1,50', warmup: 2 });

const SCHEMA = `
  CREATE TABLE cards (
    id UUID NOT NULL PRIMARY KEY,
    team_id UUID NOT NULL,
    number INTEGER NOT NULL,
    key TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT,
    type TEXT NOT NULL DEFAULT 'FEATURE',
    priority TEXT NOT NULL DEFAULT 'NONE',
    estimate DOUBLE PRECISION,
    column_id UUID,
    rank VARCHAR(255) NOT NULL,
    sprint_id UUID,
    assignee_id UUID,
    labels TEXT[] DEFAULT ARRAY[]::TEXT[],
    source TEXT NOT NULL DEFAULT 'MANUAL',
    planned BOOLEAN NOT NULL DEFAULT false,
    added_to_sprint_at TIMESTAMPTZ(3),
    created_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ(3) NOT NULL,
    started_at TIMESTAMPTZ(3),
    completed_at TIMESTAMPTZ(3),
    deleted_at TIMESTAMPTZ(3),
    related_task_id UUID,
    reopen_count INTEGER NOT NULL DEFAULT 0,
    resolution TEXT
  );
  CREATE UNIQUE INDEX cards_key_key ON cards (key);
  CREATE UNIQUE INDEX cards_team_id_number_key ON cards (team_id, number);
  CREATE INDEX cards_column_id_rank_idx ON cards (column_id, rank);
  CREATE INDEX cards_sprint_id_idx ON cards (sprint_id);
  CREATE INDEX cards_team_id_created_at_idx ON cards (team_id, created_at);
  CREATE INDEX cards_assignee_id_idx ON cards (assignee_id);`;

const INSERT = `INSERT INTO cards (id, team_id, number, key, title, description, type, priority, estimate,
  column_id, rank, sprint_id, labels, source, planned, added_to_sprint_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, 'INCIDENT', 'URGENT', NULL, $7, $8, $9, $10, 'ALERT', false, now(), now())`;

const TEAM = randomUUID();
const COLUMN = randomUUID();
const SPRINT = randomUUID();
let number = 0;

function row() {
  const n = ++number;
  return [
    randomUUID(),
    TEAM,
    n,
    `SRE-${n}`,
    `[CRITICAL] HighErrorRate: 5xx ratio above 5% on checkout-api (checkout-${n}:8080)`,
    'Error ratio is 7.3% over the last 5 minutes on checkout-7f9c:8080.\n\nRunbook: https://runbooks.example.com/HighErrorRate\nSource: http://prometheus.example.com:9090/graph?g0.expr=job%3Ahttp_5xx%3Aratio5m+%3E+0.05',
    COLUMN,
    `0i${String(n).padStart(8, '0')}`,
    SPRINT,
    ['alert', 'production', 'checkout-api'],
  ];
}

/** `clients` connections inserting one row per statement for `seconds`; latencies in ms. */
async function insertFor(url, clients, seconds) {
  const pool = Array.from({ length: clients }, () => new pg.Client({ connectionString: url }));
  await Promise.all(pool.map((c) => c.connect()));
  const latencies = [];
  let errors = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    pool.map(async (client) => {
      while (performance.now() < until) {
        const t = performance.now();
        try {
          await client.query(INSERT, row());
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all(pool.map((c) => c.end()));
  latencies.sort((a, b) => a - b);
  const pct = (p) =>
    round(latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))], 2);
  return {
    clients,
    inserts: latencies.length,
    perSecond: latencies.length / elapsed,
    latency: { p50: pct(50), p99: pct(99), max: round(latencies.at(-1), 2) },
    errors,
  };
}

await scenario(NAME, args, async (context) => {
  if (args.db !== 'postgres') {
    out('db-floor: skipped, PostgreSQL only (the floor of the embedded database is not measured)');
    return;
  }
  const database = await createPgDatabase(args['pg-url'], 'loopboard_bench_floor');
  let result;
  try {
    const setup = new pg.Client({ connectionString: database.url });
    await setup.connect();
    await setup.query(SCHEMA);
    await setup.end();
    const settings = await pgSettings(database.url);
    out(
      `PostgreSQL ${settings.server_version}: fsync ${settings.fsync}, synchronous_commit ${settings.synchronous_commit}, wal_sync_method ${settings.wal_sync_method}`,
    );
    const runs = [];
    for (const clients of args.connectionsList) {
      if (args.warmup > 0) await insertFor(database.url, clients, args.warmup);
      const load0 = loadAvg();
      const run = await insertFor(database.url, clients, args.duration);
      runs.push({ ...run, loadAvgStart: load0, loadAvgEnd: loadAvg() });
      out(`${clients} client(s): ${round(run.perSecond, 0)} inserts/s`);
    }
    result = {
      ...resultHeader(NAME, args, context, {
        table: 'mirror of tasks, 6 indexes, no foreign keys',
      }),
      postgres: settings,
      runs,
      summary: Object.fromEntries(
        runs.map((r) => [
          `c${r.clients}`,
          {
            insertsPerSec: round(r.perSecond, 0),
            p50Ms: r.latency.p50,
            p99Ms: r.latency.p99,
            errors: r.errors,
          },
        ]),
      ),
    };
  } finally {
    await database.drop();
  }
  out();
  table(
    ['run', 'throughput', 'p50', 'p99', 'errors'],
    result.runs.map((r) => [
      `single-row INSERT, ${r.clients} client(s)`,
      `${round(r.perSecond, 0)} inserts/s`,
      `${r.latency.p50} ms`,
      `${r.latency.p99} ms`,
      r.errors,
    ]),
  );
  out();
  out(`load average at the end: ${result.machine.loadAvgEnd.join(' ')}`);
  writeResult(args, result);
});
