#!/usr/bin/env node
// Scenario 4, new alerts (see bench/README.md, "New alerts"): Alertmanager posts of one new alert
// each (a fingerprint never seen before, so every post opens a card), 50 connections, on a team
// with an active sprint: each card is numbered, ranked into the triage column, charged against
// the sprint's reserve and written with its history, in the delivery's transaction.
//
//   node bench/new-alerts.mjs [--db postgres|pglite] [--connections 50] [--duration 10]
//                             [--warmup 3] [--profile] [--env KEY=VALUE ...] [--json-out file]
import {
  p99Under,
  errorsOf,
  gql,
  LOAD_HEADERS,
  loadRow,
  out,
  printProfile,
  resultHeader,
  round,
  scenario,
  scenarioArgs,
  sqlPerRequest,
  startService,
  stopAndProfile,
  table,
  targetLine,
  warmAndRun,
  writeResult,
} from './lib.mjs';
import {
  alertmanagerBody,
  firingAlert,
  postWebhook,
  seedIntegration,
  seedSprint,
  seedTasks,
  seedTeam,
  startSprint,
  webhookHeaders,
} from './seed.mjs';

const NAME = 'new-alerts';
const TARGETS = { cardsPerSec: 400, p99Ms: 150, peakRssMb: 300 };
const UNIQUE = '__SEQ__';
const args = scenarioArgs();

await scenario(NAME, args, async (context) => {
  const service = await startService(args);
  let result;
  try {
    out(`service ready in ${service.readyMs} ms (pid ${service.pid}, port ${service.port})`);
    const team = await seedTeam(service, { members: 6 });
    const sprintId = await seedSprint(service, team);
    await seedTasks(service, team, 20, { sprintId });
    await startSprint(service, sprintId);
    const integration = await seedIntegration(service, team);
    const template = alertmanagerBody([firingAlert(UNIQUE)]);
    const first = await postWebhook(integration, template.replaceAll(UNIQUE, 'check'));
    if (first.status !== 200 || first.answer.created !== 1)
      throw new Error(
        `a new alert did not open a card: ${first.status} ${JSON.stringify(first.answer)}`,
      );
    const sqlPerReq = await sqlPerRequest(service, (i) =>
      postWebhook(integration, template.replaceAll(UNIQUE, `sql-${i}`)),
    );

    const count = async () =>
      (
        await gql(
          service,
          'query($teamId: ID!) { tasks(teamId: $teamId, first: 1) { totalCount } }',
          { teamId: team.teamId },
        )
      ).tasks.totalCount;
    const load = {
      url: integration.url,
      headers: webhookHeaders(integration),
      body: template,
      unique: UNIQUE,
      connections: args.connections,
      expect: '"created":1',
    };
    const run = await warmAndRun(service, args, load);
    const cardsAfter = await count();
    const cardsPerSec = run.perSecond; // one new card per successful post
    result = {
      ...resultHeader(NAME, args, context, { alertsPerPost: 1, bodyBytes: template.length }),
      service: { readyMs: service.readyMs },
      sqlPerRequest: sqlPerReq,
      cardsOnTheTeamAfter: cardsAfter,
      run,
      summary: {
        cardsPerSec: round(cardsPerSec, 0),
        p50Ms: run.latency.p50,
        p99Ms: run.latency.p99,
        errors: errorsOf(run),
        peakRssMb: run.peakRssMb,
        sqlPerRequest: sqlPerReq,
      },
      targets: {
        ...TARGETS,
        met: {
          cardsPerSecAtLeast400: cardsPerSec >= TARGETS.cardsPerSec && errorsOf(run) === 0,
          p99Under150Ms: p99Under(run, TARGETS.p99Ms),
          peakRssUnder300Mb: run.peakRssMb < TARGETS.peakRssMb,
        },
      },
    };
    await stopAndProfile(service, result, run.window);
  } finally {
    await service.stop();
  }
  out();
  table(LOAD_HEADERS, [
    loadRow(`one new alert per post, ${args.connections} connections`, result.run, 'cards/s'),
  ]);
  out();
  out(
    `SQL statements per post: ${result.sqlPerRequest}; cards on the team after the run: ${result.cardsOnTheTeamAfter}`,
  );
  const db = result.run.database;
  if (db)
    out(
      `database during the run (avg of ${db.samples} samples): ${db.avgActive} active, ${db.avgLockWaits} waiting on a lock, ${db.avgIdleInTransaction} idle in transaction`,
    );
  out(`load average at the end: ${result.machine.loadAvgEnd.join(' ')}`);
  targetLine(`≥ ${TARGETS.cardsPerSec} cards/s`, result.targets.met.cardsPerSecAtLeast400);
  targetLine(`p99 < ${TARGETS.p99Ms} ms`, result.targets.met.p99Under150Ms);
  targetLine(`peak RSS < ${TARGETS.peakRssMb} MB`, result.targets.met.peakRssUnder300Mb);
  printProfile(result);
  writeResult(args, result);
});
