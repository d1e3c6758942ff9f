#!/usr/bin/env node
// Scenario 3, alert repeats (see bench/README.md, "Alert repeats"): Alertmanager posts of one
// already-known firing alert (the same body every time, as Alertmanager re-sends a group every
// repeat_interval), 50 connections, on a team with an active sprint. Each post is a repeat:
// the alert's counters move, the delivery is stored, no card is created.
//
//   node bench/alert-repeats.mjs [--db postgres|pglite] [--connections 50] [--duration 10]
//                                [--warmup 3] [--profile] [--env KEY=VALUE ...] [--json-out file]
import {
  errorsOf,
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

const NAME = 'alert-repeats';
const TARGETS = { alertsPerSec: 1500, peakRssMb: 300 };
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
    const body = alertmanagerBody([firingAlert('repeat-1')]);
    const first = await postWebhook(integration, body);
    if (first.status !== 200 || first.answer.created !== 1)
      throw new Error(
        `the first post did not open a card: ${first.status} ${JSON.stringify(first.answer)}`,
      );
    const again = await postWebhook(integration, body);
    if (again.status !== 200 || again.answer.updated !== 1)
      throw new Error(`a repeat was not folded into the alert: ${JSON.stringify(again.answer)}`);
    const sqlPerReq = await sqlPerRequest(service, () => postWebhook(integration, body));

    const run = await warmAndRun(service, args, {
      url: integration.url,
      headers: webhookHeaders(integration),
      body,
      connections: args.connections,
      expect: '"updated":1',
    });
    const alertsPerSec = run.perSecond; // one alert per post
    result = {
      ...resultHeader(NAME, args, context, { alertsPerPost: 1, bodyBytes: body.length }),
      service: { readyMs: service.readyMs },
      sqlPerRequest: sqlPerReq,
      run,
      summary: {
        alertsPerSec: round(alertsPerSec, 0),
        p50Ms: run.latency.p50,
        p99Ms: run.latency.p99,
        errors: errorsOf(run),
        peakRssMb: run.peakRssMb,
        sqlPerRequest: sqlPerReq,
      },
      targets: {
        ...TARGETS,
        met: {
          alertsPerSecAtLeast1500: alertsPerSec >= TARGETS.alertsPerSec && errorsOf(run) === 0,
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
    loadRow(`one known alert per post, ${args.connections} connections`, result.run, 'alerts/s'),
  ]);
  out();
  out(`SQL statements per post: ${result.sqlPerRequest}`);
  out(`load average at the end: ${result.machine.loadAvgEnd.join(' ')}`);
  targetLine(`≥ ${TARGETS.alertsPerSec} alerts/s`, result.targets.met.alertsPerSecAtLeast1500);
  targetLine(`peak RSS < ${TARGETS.peakRssMb} MB`, result.targets.met.peakRssUnder300Mb);
  printProfile(result);
  writeResult(args, result);
});
