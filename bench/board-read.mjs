#!/usr/bin/env node
// Scenario 2, board read (see bench/README.md, "Board read"): a board with 5 columns and 200 cards
// with assignees and labels, read whole by 50 connections with the query below; also the SQL
// statements one read costs.
//
// With `--query web` (scenario 2w, "The web app's board read"): the board the web app's board
// page reads, with the page's own documents (bench/web-queries.mjs): 20 of the 200 cards are
// alert cards (from an Alertmanager webhook); one run of BoardWithCards (the board whole), then
// one of BoardAlertCards (the alert cards' alerts), each at --connections.
//
//   node bench/board-read.mjs [--db postgres|pglite] [--connections 50] [--duration 10] [--warmup 3]
//                             [--cards 200] [--query board|web] [--profile] [--env KEY=VALUE ...]
//                             [--json-out file]
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
import {
  alertmanagerBody,
  firingAlert,
  postWebhook,
  seedIntegration,
  seedTasks,
  seedTeam,
} from './seed.mjs';
import { webOperation } from './web-queries.mjs';

const TARGETS = { p99Ms: 100, ofCeiling: 0.3, peakRssMb: 300 };
const args = scenarioArgs({
  cards: { type: 'string', default: '200' },
  query: { type: 'string', default: 'board' },
  // --query web with --profile: which run's window the CPU profile summary covers.
  'profile-run': { type: 'string', default: 'board' },
});
const CARDS = Number(args.cards);
const WEB = args.query === 'web';
if (!WEB && args.query !== 'board') throw new Error('--query is board or web');
const NAME = WEB ? 'board-read-web' : 'board-read';
/** Alert cards among the cards of the web app's board (--query web). */
const ALERT_CARDS = WEB ? Math.min(20, CARDS) : 0;
const QUERY = WEB ? webOperation('BoardWithCards') : BOARD_QUERY;
const OPERATION = WEB ? 'BoardWithCards' : 'Board';

/** The board's cards as the read returns them, and how many have an assignee. */
function cardsOf(answer) {
  const edges = answer.board.columns.flatMap((c) => c.tasks.edges);
  return { cards: edges.length, withAssignee: edges.filter((e) => e.node.assignee?.name).length };
}

/** --query web: the alert cards, through the webhook, one alert (one card) each. */
async function seedAlertCards(service, team) {
  const integration = await seedIntegration(service, team);
  const alerts = Array.from({ length: ALERT_CARDS }, (_, i) => firingAlert(`web-${i}`, i));
  const { status, answer } = await postWebhook(integration, alertmanagerBody(alerts));
  if (status !== 200 || answer.created !== ALERT_CARDS)
    throw new Error(`alert webhook answered ${status}: ${JSON.stringify(answer).slice(0, 300)}`);
}

await scenario(NAME, args, async (context) => {
  const service = await startService(args);
  let result;
  try {
    out(`service ready in ${service.readyMs} ms (pid ${service.pid}, port ${service.port})`);
    const seedStarted = performance.now();
    const team = await seedTeam(service, { members: 8 });
    await seedTasks(service, team, CARDS - ALERT_CARDS);
    if (ALERT_CARDS > 0) await seedAlertCards(service, team);
    const seedMs = Math.round(performance.now() - seedStarted);
    out(`seeded ${CARDS} cards on ${team.board.columns.length} columns in ${seedMs} ms`);

    const variables = { id: team.board.id };
    const check = await gql(service, QUERY, variables);
    const columns = check.board.columns;
    const { cards, withAssignee } = cardsOf(check);
    if (cards !== CARDS || withAssignee !== CARDS - ALERT_CARDS)
      throw new Error(`the board read returns ${cards} cards (${withAssignee} with assignee)`);
    const answerBytes = JSON.stringify(check).length;

    const sqlPerReq = await sqlPerRequest(service, () => gql(service, QUERY, variables));
    const run = await queryLoad(service, QUERY, variables, OPERATION);
    const alertCards = WEB ? await alertCardsRun(service, team) : null;
    result = {
      ...resultHeader(NAME, args, context, {
        cards: CARDS,
        alertCards: ALERT_CARDS,
        columns: columns.length,
        query: args.query,
      }),
      service: { readyMs: service.readyMs, seedMs },
      answerBytes,
      sqlPerRequest: sqlPerReq,
      run,
      ...(alertCards ? { alertCards } : {}),
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
    const profiled = args['profile-run'] === 'alert-cards' && alertCards ? alertCards.run : run;
    await stopAndProfile(service, result, profiled.window);
  } finally {
    await service.stop();
  }
  out();
  table(LOAD_HEADERS, [
    loadRow(
      `${WEB ? 'BoardWithCards' : 'board read'}, ${args.connections} connections`,
      result.run,
    ),
    ...(result.alertCards
      ? [loadRow(`BoardAlertCards, ${args.connections} connections`, result.alertCards.run)]
      : []),
  ]);
  out();
  out(`answer ${result.answerBytes} bytes; SQL statements per request: ${result.sqlPerRequest}`);
  if (result.alertCards)
    out(
      `BoardAlertCards: answer ${result.alertCards.answerBytes} bytes, ${result.alertCards.sqlPerRequest} SQL statements per request`,
    );
  out(`load average at the end: ${result.machine.loadAvgEnd.join(' ')}`);
  const met = result.targets.met;
  out(`target p99 < ${TARGETS.p99Ms} ms: ${met.p99Under100Ms ? 'met' : 'NOT met'}`);
  out(`target peak RSS < ${TARGETS.peakRssMb} MB: ${met.peakRssUnder300Mb ? 'met' : 'NOT met'}`);
  printProfile(result);
  writeResult(args, result);
});

/** --query web: the page's other read, the alert cards' alerts, under the same load. */
async function alertCardsRun(service, team) {
  const query = webOperation('BoardAlertCards');
  const variables = { teamId: team.teamId, boardId: team.board.id };
  const check = await gql(service, query, variables);
  const withAlerts = check.tasks.edges.filter((e) => e.node.alerts.length > 0).length;
  if (withAlerts !== ALERT_CARDS)
    throw new Error(`BoardAlertCards returns ${withAlerts} cards with alerts, not ${ALERT_CARDS}`);
  const sqlPerReq = await sqlPerRequest(service, () => gql(service, query, variables));
  const run = await queryLoad(service, query, variables, 'BoardAlertCards');
  return {
    answerBytes: JSON.stringify(check).length,
    sqlPerRequest: sqlPerReq,
    run,
    summary: { reqPerSec: round(run.perSecond, 0), p50Ms: run.latency.p50, p99Ms: run.latency.p99 },
  };
}

/** One GraphQL read at --connections: a warm-up run (not recorded), then the measured one. */
async function queryLoad(service, query, variables, operationName) {
  const load = {
    url: `${service.base}/graphql`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${service.token}` },
    body: JSON.stringify({ query, variables, operationName }),
    connections: args.connections,
    reject: '"errors"',
  };
  if (args.warmup > 0) await runLoad(service, { ...load, duration: args.warmup });
  return runLoad(service, { ...load, duration: args.duration });
}
