#!/usr/bin/env node
// Soak (see bench/README.md, "Soak"): `--duration` seconds (default 600) of mixed load on one
// service, the service's RSS sampled every second. It must plateau, not grow: the script reports
// the slope of RSS over the second half of the run (MB per minute, least squares) and every error.
// The mix, each a closed loop of its own clients: board reads (cached: the board stays unchanged
// between moves), alert repeats, new alerts, card moves, capacity reports.
//
//   node bench/soak.mjs [--db postgres|pglite] [--duration 600] [--cards 200]
import { performance } from 'node:perf_hooks';
import {
  gql,
  out,
  resultHeader,
  round,
  scenario,
  scenarioArgs,
  startService,
  table,
  writeResult,
} from './lib.mjs';
import { BOARD_QUERY, REPORT_QUERY } from './queries.mjs';
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

const NAME = 'soak';
const TARGETS = { peakRssMb: 300, slopeMbPerMinute: 1 };
const args = scenarioArgs({ cards: { type: 'string', default: '200' } }, { duration: '600' });
const MOVE = `mutation Move($input: MoveTaskInput!) { moveTask(input: $input) { id } }`;
/** Clients per kind of work (each a closed loop). */
const MIX = { boardReads: 10, alertRepeats: 4, newAlerts: 2, moves: 1, reports: 1 };
/** Each mover waits this long between moves, so most board reads are of an unchanged board. */
const MOVE_PAUSE_MS = 200;

function slope(points) {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p.t, 0) / n;
  const my = points.reduce((a, p) => a + p.rss, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - mx) * (p.rss - my);
    den += (p.t - mx) ** 2;
  }
  return den ? num / den : 0;
}

async function graphqlOk(service, query, variables) {
  const res = await fetch(`${service.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${service.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  if (res.status !== 200 || text.includes('"errors"'))
    throw new Error(`${res.status} ${text.slice(0, 200)}`);
}

await scenario(NAME, args, async (context) => {
  const service = await startService(args);
  let result;
  try {
    out(`service ready in ${service.readyMs} ms (pid ${service.pid}, port ${service.port})`);
    const team = await seedTeam(service, { members: 8 });
    const sprintId = await seedSprint(service, team);
    await startSprint(service, sprintId);
    await seedTasks(service, team, Number(args.cards), { sprintId });
    const integration = await seedIntegration(service, team);
    const board = await gql(service, BOARD_QUERY, { id: team.board.id });
    const column = board.board.columns[1];
    const movable = column.tasks.edges.map((e) => e.node.id);
    // A fixed set of known alerts for the repeaters.
    const known = Array.from({ length: 50 }, (_, i) => firingAlert(`soak-known-${i}`, i));
    await postWebhook(integration, alertmanagerBody(known));

    const counts = {};
    const errors = {};
    const ok = (kind) => (counts[kind] = (counts[kind] ?? 0) + 1);
    const failed = (kind, error) => {
      errors[kind] = (errors[kind] ?? 0) + 1;
      if (errors[kind] <= 3) out(`error (${kind}): ${error.message}`);
    };
    const started = performance.now();
    const deadline = started + args.duration * 1000;
    const running = () => performance.now() < deadline;
    let newAlert = 0;
    const work = {
      boardReads: () => graphqlOk(service, BOARD_QUERY, { id: team.board.id }),
      alertRepeats: async () => {
        const alert = known[Math.floor(Math.random() * known.length)];
        const answer = await postWebhook(integration, alertmanagerBody([alert]));
        if (answer.status !== 200) throw new Error(`webhook ${answer.status}`);
      },
      newAlerts: async () => {
        const answer = await postWebhook(
          integration,
          alertmanagerBody([firingAlert(`soak-new-${newAlert++}`, newAlert)]),
        );
        if (answer.status !== 200) throw new Error(`webhook ${answer.status}`);
      },
      moves: async () => {
        const taskId = movable[Math.floor(Math.random() * movable.length)];
        const afterTaskId = movable.find((id) => id !== taskId && Math.random() < 0.2) ?? null;
        await graphqlOk(service, MOVE, { input: { taskId, columnId: column.id, afterTaskId } });
        await new Promise((resolve) => setTimeout(resolve, MOVE_PAUSE_MS));
      },
      reports: () => graphqlOk(service, REPORT_QUERY, { id: sprintId }),
    };
    const samples = [];
    const sampler = setInterval(() => {
      try {
        samples.push({ t: (performance.now() - started) / 60_000, rss: service.memory().rssMb });
      } catch {
        // the service is gone: the loops report it
      }
    }, 1000);
    const loops = Object.entries(MIX).flatMap(([kind, clients]) =>
      Array.from({ length: clients }, async () => {
        while (running()) {
          try {
            await work[kind]();
            ok(kind);
          } catch (error) {
            failed(kind, error);
          }
        }
      }),
    );
    await Promise.all(loops);
    clearInterval(sampler);
    const minutes = (performance.now() - started) / 60_000;
    const secondHalf = samples.filter((p) => p.t >= minutes / 2);
    const peak = Math.max(...samples.map((p) => p.rss));
    const memory = service.memory();
    const mbPerMinute = round(slope(secondHalf), 2);
    const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
    result = {
      ...resultHeader(NAME, args, context, { mix: MIX, cards: Number(args.cards) }),
      minutes: round(minutes, 1),
      done: Object.fromEntries(
        Object.entries(counts).map(([k, v]) => [
          k,
          { count: v, perSec: round(v / (minutes * 60), 0) },
        ]),
      ),
      errors,
      rss: {
        firstMb: samples[0]?.rss,
        halfMb: secondHalf[0]?.rss,
        lastMb: samples.at(-1)?.rss,
        peakSampledMb: peak,
        peakMb: memory.peakRssMb,
        slopeSecondHalfMbPerMinute: mbPerMinute,
        samples: samples.map((p) => [round(p.t * 60, 0), p.rss]),
      },
      targets: {
        ...TARGETS,
        met: {
          noErrors: errorCount === 0,
          plateau: Math.abs(mbPerMinute) < TARGETS.slopeMbPerMinute,
          peakRssUnder300Mb: memory.peakRssMb < TARGETS.peakRssMb,
        },
      },
    };
  } finally {
    await service.stop();
  }
  out();
  table(
    ['work', 'done', 'per second', 'errors'],
    Object.keys(MIX).map((k) => [
      k,
      `${result.done[k]?.count ?? 0}`,
      `${result.done[k]?.perSec ?? 0}`,
      `${result.errors[k] ?? 0}`,
    ]),
  );
  out();
  const r = result.rss;
  out(
    `RSS: ${r.firstMb} MB after 1 s, ${r.halfMb} MB at half time, ${r.lastMb} MB at the end; peak ${r.peakMb} MB`,
  );
  out(`RSS slope over the second half: ${r.slopeSecondHalfMbPerMinute} MB/min`);
  const met = result.targets.met;
  out(`target no errors: ${met.noErrors ? 'met' : 'NOT met'}`);
  out(
    `target plateau (|slope| < ${TARGETS.slopeMbPerMinute} MB/min over the second half): ${met.plateau ? 'met' : 'NOT met'}`,
  );
  out(`target peak RSS < ${TARGETS.peakRssMb} MB: ${met.peakRssUnder300Mb ? 'met' : 'NOT met'}`);
  writeResult(args, result);
});
