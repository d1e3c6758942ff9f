#!/usr/bin/env node
// Scenario 6, capacity report (see bench/README.md, "Capacity report"): sprintCapacityReport of an
// active sprint holding 2,000 tasks, with 20,000 history rows (task_events) on the team, read by
// 1 and then 10 connections (--connections 1,10).
//
// Seeding (bench/capacity-seed.mjs): the team, members, board, integration and sprint, the
// sprint's start and 100 alert cards through the API; the bulk of the tasks (1,900) and of the
// history rows INSERTed directly with `pg` (through the API this would take minutes).
// PostgreSQL only (the direct inserts need a database this process can reach).
//
//   node bench/capacity-report.mjs [--connections 1,10] [--duration 10] [--warmup 3]
//                                  [--profile] [--env KEY=VALUE ...] [--json-out file]
import {
  errorsOf,
  p99Under,
  gql,
  LOAD_HEADERS,
  loadRow,
  out,
  printProfile,
  resultHeader,
  round,
  runLoad,
  scenario,
  scenarioArgs,
  sqlPerRequest,
  startService,
  stopAndProfile,
  table,
  targetLine,
  writeResult,
} from './lib.mjs';
import { REPORT_QUERY } from './queries.mjs';
import { seedCapacitySprint } from './capacity-seed.mjs';

const NAME = 'capacity-report';
const TARGETS = { p99Ms: 50, peakRssMb: 300 };

const args = scenarioArgs({}, { connections: '1,10' });

await scenario(NAME, args, async (context) => {
  if (args.db !== 'postgres') {
    out('capacity-report: skipped, PostgreSQL only (the seed inserts directly with pg)');
    return;
  }
  const service = await startService(args);
  let result;
  try {
    out(`service ready in ${service.readyMs} ms (pid ${service.pid}, port ${service.port})`);
    const { sprintId, counts, seedMs } = await seedCapacitySprint(service);
    out(
      `seeded ${counts.tasks} tasks in the sprint and ${counts.events} history rows in ${seedMs} ms`,
    );

    const variables = { id: sprintId };
    const report = (await gql(service, REPORT_QUERY, variables)).sprintCapacityReport;
    if (report.members.length !== 8 || report.burndown.length === 0 || report.scopePoints <= 0)
      throw new Error(`unexpected report: ${JSON.stringify(report).slice(0, 500)}`);
    const sqlPerReq = await sqlPerRequest(service, () => gql(service, REPORT_QUERY, variables));
    const load = {
      url: `${service.base}/graphql`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${service.token}` },
      body: JSON.stringify({ query: REPORT_QUERY, variables, operationName: 'Report' }),
      reject: '"errors"',
    };
    if (args.warmup > 0)
      await runLoad(service, {
        ...load,
        connections: args.connectionsList.at(-1),
        duration: args.warmup,
      });
    const runs = [];
    for (const connections of args.connectionsList) {
      runs.push({
        connections,
        ...(await runLoad(service, { ...load, connections, duration: args.duration })),
      });
    }
    const single = runs[0];
    result = {
      ...resultHeader(NAME, args, context, {
        tasks: counts.tasks,
        historyRows: counts.events,
        seed: 'API for team, members, board, integration, sprint start and 100 alert cards; pg INSERTs for 1,900 tasks and the history rows',
      }),
      service: { readyMs: service.readyMs, seedMs },
      report: {
        scopePoints: report.scopePoints,
        committedPoints: report.committedPoints,
        burndownDays: report.burndown.length,
        unplannedProductionCount: report.unplannedProduction.count,
        flags: report.flags,
      },
      sqlPerRequest: sqlPerReq,
      runs,
      summary: Object.fromEntries(
        runs.map((r) => [
          `c${r.connections}`,
          {
            reqPerSec: round(r.perSecond, 0),
            p50Ms: r.latency.p50,
            p99Ms: r.latency.p99,
            errors: errorsOf(r),
            peakRssMb: r.peakRssMb,
          },
        ]),
      ),
      targets: {
        ...TARGETS,
        judgedAt: `${single.connections} connection(s)`,
        met: {
          p99Under50Ms: p99Under(single, TARGETS.p99Ms) && errorsOf(single) === 0,
          p99Under50MsAtEveryLevel: runs.every((r) => p99Under(r, TARGETS.p99Ms)),
          peakRssUnder300Mb: runs.every((r) => r.peakRssMb < TARGETS.peakRssMb),
        },
      },
    };
    await stopAndProfile(service, result, {
      fromUs: runs[0].window.fromUs,
      toUs: runs.at(-1).window.toUs,
    });
  } finally {
    await service.stop();
  }
  out();
  table(
    LOAD_HEADERS,
    result.runs.map((r) => loadRow(`capacity report, ${r.connections} connection(s)`, r)),
  );
  out();
  out(`SQL statements per report: ${result.sqlPerRequest}`);
  out(`load average at the end: ${result.machine.loadAvgEnd.join(' ')}`);
  targetLine(
    `p99 < ${TARGETS.p99Ms} ms at ${result.targets.judgedAt}`,
    result.targets.met.p99Under50Ms,
  );
  out(
    `  (p99 < ${TARGETS.p99Ms} ms at every level: ${result.targets.met.p99Under50MsAtEveryLevel ? 'yes' : 'no'})`,
  );
  targetLine(`peak RSS < ${TARGETS.peakRssMb} MB`, result.targets.met.peakRssUnder300Mb);
  printProfile(result);
  writeResult(args, result);
});
