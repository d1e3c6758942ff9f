#!/usr/bin/env node
// Scenario 5, alert storm (see bench/README.md, "Alert storm"): one Alertmanager post of 1,000
// new alerts (the most one delivery may carry), time to answer; then the same post again (1,000
// repeats). With --runs N (default 3), N storms of new fingerprints, one after the other, on a
// team with an active sprint. The posts are timed from this process (one request at a time).
//
//   node bench/alert-storm.mjs [--db postgres|pglite] [--runs 3] [--alerts 1000] [--profile]
//                              [--env KEY=VALUE ...] [--json-out file]
import {
  monotonicUs,
  out,
  printProfile,
  resetPeakRss,
  resultHeader,
  round,
  scenario,
  scenarioArgs,
  sleep,
  startService,
  stopAndProfile,
  table,
  targetLine,
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
} from './seed.mjs';

const NAME = 'alert-storm';
const TARGETS = { stormMs: 2000, repeatMs: 1000, peakRssMb: 300 };
const args = scenarioArgs({
  runs: { type: 'string', default: '3' },
  alerts: { type: 'string', default: '1000' },
});
const RUNS = Number(args.runs);
const ALERTS = Number(args.alerts);

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
    // Warm the path once with a small post, as a running service would be.
    await postWebhook(
      integration,
      alertmanagerBody([firingAlert('warm-1'), firingAlert('warm-2')]),
    );

    const storms = [];
    const peakReset = resetPeakRss(service.pid);
    let sampledPeak = 0;
    const sampler = setInterval(() => {
      sampledPeak = Math.max(sampledPeak, service.memory().rssMb);
    }, 100);
    const fromUs = monotonicUs();
    for (let run = 1; run <= RUNS; run++) {
      const body = alertmanagerBody(
        Array.from({ length: ALERTS }, (_, i) => firingAlert(`storm${run}-${i}`, i)),
      );
      const measure = async (expectKey) => {
        const cpu0 = service.cpuMs();
        const answer = await postWebhook(integration, body);
        const cpuMs = service.cpuMs() - cpu0;
        if (answer.status !== 200 || answer.answer[expectKey] !== ALERTS)
          throw new Error(
            `storm ${run}: ${answer.status} ${JSON.stringify(answer.answer).slice(0, 500)}`,
          );
        return { ms: Math.round(answer.ms), serviceCpuMs: Math.round(cpuMs) };
      };
      const storm = await measure('created');
      await sleep(500);
      const repeat = await measure('updated');
      storms.push({ run, bodyBytes: body.length, storm, repeat });
      out(
        `storm ${run}: ${ALERTS} new alerts answered in ${storm.ms} ms, the same post again in ${repeat.ms} ms`,
      );
      await sleep(500);
    }
    const toUs = monotonicUs();
    clearInterval(sampler);
    const memory = service.memory();
    const peakRssMb = peakReset ? memory.peakRssMb : sampledPeak;
    const worst = (key) => Math.max(...storms.map((s) => s[key].ms));
    const median = (key) => {
      const sorted = storms.map((s) => s[key].ms).sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)];
    };
    result = {
      ...resultHeader(NAME, args, context, { runs: RUNS, alertsPerPost: ALERTS }),
      service: { readyMs: service.readyMs },
      storms,
      peakRssMb,
      summary: {
        stormMsMedian: median('storm'),
        stormMsMax: worst('storm'),
        repeatMsMedian: median('repeat'),
        repeatMsMax: worst('repeat'),
        alertsPerSecStormMedian: round((ALERTS / median('storm')) * 1000, 0),
        peakRssMb,
      },
      targets: {
        ...TARGETS,
        met: {
          stormUnder2s: worst('storm') < TARGETS.stormMs,
          repeatUnder1s: worst('repeat') < TARGETS.repeatMs,
          peakRssUnder300Mb: peakRssMb < TARGETS.peakRssMb,
        },
      },
    };
    await stopAndProfile(service, result, { fromUs, toUs });
  } finally {
    await service.stop();
  }
  out();
  table(
    ['run', 'body', 'storm (new)', 'service CPU', 'repeat', 'service CPU'],
    result.storms.map((s) => [
      `${ALERTS} alerts, run ${s.run}`,
      `${round(s.bodyBytes / 1024, 0)} KiB`,
      `${s.storm.ms} ms`,
      `${s.storm.serviceCpuMs} ms`,
      `${s.repeat.ms} ms`,
      `${s.repeat.serviceCpuMs} ms`,
    ]),
  );
  out();
  out(
    `peak RSS: ${result.peakRssMb} MB; load average at the end: ${result.machine.loadAvgEnd.join(' ')}`,
  );
  targetLine(`storm < ${TARGETS.stormMs} ms (every run)`, result.targets.met.stormUnder2s);
  targetLine(`repeat storm < ${TARGETS.repeatMs} ms (every run)`, result.targets.met.repeatUnder1s);
  targetLine(`peak RSS < ${TARGETS.peakRssMb} MB`, result.targets.met.peakRssUnder300Mb);
  printProfile(result);
  writeResult(args, result);
});
