#!/usr/bin/env node
// Scenario 1, the ceiling (see bench/README.md, "Ceiling"): `{ __typename }` over GraphQL with the
// admin token, on the same server as every other scenario: HTTP, Express, Nest, Apollo and the
// token check, but no resolver and no application query. What the framework allows at best.
//
//   node bench/ceiling.mjs [--db postgres|pglite] [--connections 50] [--duration 10] [--warmup 3]
//                          [--profile] [--env KEY=VALUE ...] [--json-out file]
import {
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
  gql,
} from './lib.mjs';

const NAME = 'ceiling';
const args = scenarioArgs();

await scenario(NAME, args, async (context) => {
  const service = await startService(args);
  let result;
  try {
    out(`service ready in ${service.readyMs} ms (pid ${service.pid}, port ${service.port})`);
    const query = JSON.stringify({ query: '{ __typename }' });
    const load = {
      url: `${service.base}/graphql`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${service.token}` },
      body: query,
      connections: args.connections,
      reject: '"errors"',
    };
    const sqlPerReq = await sqlPerRequest(service, () => gql(service, '{ __typename }'));
    if (args.warmup > 0) await runLoad(service, { ...load, duration: args.warmup });
    const run = await runLoad(service, { ...load, duration: args.duration });
    result = {
      ...resultHeader(NAME, args, context),
      service: { readyMs: service.readyMs },
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
      targets: { peakRssMb: 300, met: { peakRssUnder300Mb: run.peakRssMb < 300 } },
    };
    await stopAndProfile(service, result, run.window);
  } finally {
    await service.stop();
  }
  out();
  table(LOAD_HEADERS, [loadRow(`{ __typename }, ${args.connections} connections`, result.run)]);
  out();
  out(`SQL statements per request: ${result.sqlPerRequest}`);
  out(`load average at the end: ${result.machine.loadAvgEnd.join(' ')}`);
  out(`target peak RSS < 300 MB: ${result.targets.met.peakRssUnder300Mb ? 'met' : 'NOT met'}`);
  printProfile(result);
  writeResult(args, result);
});
