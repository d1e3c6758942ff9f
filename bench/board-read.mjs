#!/usr/bin/env node
// Scenario 2, board read (see bench/README.md, "Board read"): a board with 5 columns and 200 cards
// with assignees and labels, read whole by 50 connections with the query below; also the SQL
// statements one read costs.
//
//   node bench/board-read.mjs [--db postgres|pglite] [--connections 50] [--duration 10] [--warmup 3]
//                             [--cards 200] [--profile] [--env KEY=VALUE ...] [--json-out file]
import {
  p99Under,
  gql,
  LOAD_HEADERS,
  loadRow,
  out,
  resultHeader,
  round,
  runLoad,
  scenario,
  scenarioArgs,
  sqlPerRequest,
  startService,
  stopAndProfile,
  printProfile,
  errorsOf,
  table,
  writeResult,
} from './lib.mjs';
import { BOARD_QUERY } from './queries.mjs';
import { seedTasks, seedTeam } from './seed.mjs';

const NAME = 'board-read';
const TARGETS = { p99Ms: 100, ofCeiling: 0.3, peakRssMb: 300 };
const args = scenarioArgs({ cards: { type: 'string', default: '200' } });
const CARDS = Number(args.cards);

await scenario(NAME, args, async (context) => {
  const service = await startService(args);
  let result;
  try {
    out(`service ready in ${service.readyMs} ms (pid ${service.pid}, port ${service.port})`);
    const seedStarted = performance.now();
    const team = await seedTeam(service, { members: 8 });
    await seedTasks(service, team, CARDS);
    const seedMs = Math.round(performance.now() - seedStarted);
    out(`seeded ${CARDS} cards on ${team.board.columns.length} columns in ${seedMs} ms`);

    const variables = { id: team.board.id };
    const check = await gql(service, BOARD_QUERY, variables);
    const columns = check.board.columns;
    const cards = columns.reduce((n, c) => n + c.tasks.edges.length, 0);
    const withAssignee = columns.reduce(
      (n, c) => n + c.tasks.edges.filter((e) => e.node.assignee?.name).length,
      0,
    );
    if (cards !== CARDS || withAssignee !== CARDS)
      throw new Error(`the board read returns ${cards} cards (${withAssignee} with assignee)`);
    const answerBytes = JSON.stringify(check).length;

    const sqlPerReq = await sqlPerRequest(service, () => gql(service, BOARD_QUERY, variables));
    const load = {
      url: `${service.base}/graphql`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${service.token}` },
      body: JSON.stringify({ query: BOARD_QUERY, variables, operationName: 'Board' }),
      connections: args.connections,
      reject: '"errors"',
    };
    if (args.warmup > 0) await runLoad(service, { ...load, duration: args.warmup });
    const run = await runLoad(service, { ...load, duration: args.duration });
    result = {
      ...resultHeader(NAME, args, context, { cards: CARDS, columns: columns.length }),
      service: { readyMs: service.readyMs, seedMs },
      answerBytes,
      sqlPerRequest: sqlPerReq,
      run,
      summary: {
        reqPerSec: round(run.perSecond, 0),
        p50Ms: run.latency.p50,
        p99Ms: run.latency.p99,
        errors: errorsOf(run),
        peakRssMb: run.peakRssMb,
        sqlPerRequest: sqlPerReq,
      },
      targets: {
        ...TARGETS,
        met: {
          p99Under100Ms: p99Under(run, TARGETS.p99Ms),
          peakRssUnder300Mb: run.peakRssMb < TARGETS.peakRssMb,
          // The share of the ceiling is judged by run-all.mjs, which runs both in one go.
        },
      },
    };
    await stopAndProfile(service, result, run.window);
  } finally {
    await service.stop();
  }
  out();
  table(LOAD_HEADERS, [loadRow(`board read, ${args.connections} connections`, result.run)]);
  out();
  out(`answer ${result.answerBytes} bytes; SQL statements per request: ${result.sqlPerRequest}`);
  out(`load average at the end: ${result.machine.loadAvgEnd.join(' ')}`);
  const met = result.targets.met;
  out(`target p99 < ${TARGETS.p99Ms} ms: ${met.p99Under100Ms ? 'met' : 'NOT met'}`);
  out(`target peak RSS < ${TARGETS.peakRssMb} MB: ${met.peakRssUnder300Mb ? 'met' : 'NOT met'}`);
  printProfile(result);
  writeResult(args, result);
});
