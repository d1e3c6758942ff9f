#!/usr/bin/env node
// Board reads right after changes (see bench/README.md, "Board read after a change"): the board
// read of scenario 2 on a board that keeps changing, so the board read cache cannot simply
// answer from memory. Two runs, each `--duration` seconds after `--warmup`:
//   every read after a move  `--connections` clients (default 50), each in a loop: move one of
//                            its own cards (a rank change: a new board version), then read the
//                            whole board. Every read is of a version no one has read yet.
//   fan-out                  one client moves a card, then all `--connections` clients read the
//                            board at once (what open pages do on a live event); repeat.
// Reports reads per second, read latency and the service's CPU per read. With `--query web` the
// read is the web app's own board document (BoardWithCards, bench/web-queries.mjs), scenario 2w.
//
//   node bench/board-read-after-change.mjs [--db postgres|pglite] [--cards 200] [--query board|web]
//                                          [--duration 10] [--warmup 3] [--connections 50]
import { performance } from 'node:perf_hooks';
import { BOARD_QUERY } from './queries.mjs';
import {
  gql,
  out,
  resetPeakRss,
  resultHeader,
  round,
  scenario,
  scenarioArgs,
  startService,
  stopAndProfile,
  table,
  writeResult,
} from './lib.mjs';
import { seedTasks, seedTeam } from './seed.mjs';
import { webOperation } from './web-queries.mjs';

const TARGETS = { ofCeiling: 0.1, peakRssMb: 300 };
const MOVE = `mutation Move($input: MoveTaskInput!) { moveTask(input: $input) { id } }`;
const args = scenarioArgs({
  cards: { type: 'string', default: '200' },
  query: { type: 'string', default: 'board' },
});
const CARDS = Number(args.cards);
const WEB = args.query === 'web';
if (!WEB && args.query !== 'board') throw new Error('--query is board or web');
const NAME = WEB ? 'board-read-after-change-web' : 'board-read-after-change';
const QUERY = WEB ? webOperation('BoardWithCards') : BOARD_QUERY;
const OPERATION = WEB ? 'BoardWithCards' : 'Board';

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)], 1);
}

async function post(service, body) {
  const res = await fetch(`${service.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${service.token}` },
    body,
  });
  const text = await res.text();
  if (res.status !== 200 || text.includes('"errors"'))
    throw new Error(`GraphQL ${res.status}: ${text.slice(0, 300)}`);
  return text;
}

/** Runs `loop` until `seconds` pass; returns read latencies (ms) and the elapsed time. */
async function measure(service, seconds, loop) {
  const latencies = [];
  const deadline = performance.now() + seconds * 1000;
  const cpu0 = service.cpuMs();
  const started = performance.now();
  await loop(() => performance.now() < deadline, latencies);
  const elapsedMs = performance.now() - started;
  const cpuMs = service.cpuMs() - cpu0;
  latencies.sort((a, b) => a - b);
  return {
    reads: latencies.length,
    readsPerSec: round((latencies.length / elapsedMs) * 1000, 0),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    cpuMsPerRead: latencies.length ? round(cpuMs / latencies.length, 3) : null,
  };
}

await scenario(NAME, args, async (context) => {
  const service = await startService(args);
  let result;
  try {
    out(`service ready in ${service.readyMs} ms (pid ${service.pid}, port ${service.port})`);
    const team = await seedTeam(service, { members: 8 });
    const tasks = await seedTasks(service, team, CARDS);
    const column = team.board.columns[1].id;
    // Each client's own cards (in one column), so moves do not wait on each other's rows.
    const own = [];
    const check = await gql(service, QUERY, { id: team.board.id });
    const inColumn = check.board.columns
      .find((c) => c.id === column)
      .tasks.edges.map((e) => e.node.id);
    for (let i = 0; i < args.connections; i++) own.push(inColumn[i % inColumn.length]);
    const read = JSON.stringify({
      query: QUERY,
      variables: { id: team.board.id },
      operationName: OPERATION,
    });
    // A rank change within the column: after another random card of it (never itself).
    const moveBody = (taskId) => {
      const others = inColumn.filter((id) => id !== taskId);
      const afterTaskId = others[Math.floor(Math.random() * others.length)];
      return JSON.stringify({
        query: MOVE,
        variables: { input: { taskId, columnId: column, afterTaskId } },
        operationName: 'Move',
      });
    };
    const timedRead = async (latencies) => {
      const t0 = performance.now();
      await post(service, read);
      latencies.push(performance.now() - t0);
    };

    const everyRead = async (running, latencies) => {
      await Promise.all(
        own.map(async (taskId) => {
          while (running()) {
            await post(service, moveBody(taskId));
            await timedRead(latencies);
          }
        }),
      );
    };
    const fanOut = async (running, latencies) => {
      let i = 0;
      while (running()) {
        await post(service, moveBody(own[i++ % own.length]));
        await Promise.all(own.map(() => timedRead(latencies)));
      }
    };

    if (args.warmup > 0) await measure(service, args.warmup, everyRead);
    resetPeakRss(service.pid);
    const every = await measure(service, args.duration, everyRead);
    const fan = await measure(service, args.duration, fanOut);
    const memory = service.memory();
    result = {
      ...resultHeader(NAME, args, context, {
        cards: CARDS,
        tasks: tasks.length,
        query: args.query,
      }),
      runs: { everyReadAfterAMove: every, fanOut: fan },
      peakRssMb: memory.peakRssMb,
      summary: {
        readsPerSec: every.readsPerSec,
        fanOutReadsPerSec: fan.readsPerSec,
        p99Ms: every.p99Ms,
      },
      targets: { ...TARGETS, met: { peakRssUnder300Mb: memory.peakRssMb < TARGETS.peakRssMb } },
    };
    await stopAndProfile(service, result, null);
  } finally {
    await service.stop();
  }
  out();
  table(
    ['run', 'reads/s', 'read p50', 'read p99', 'CPU/read'],
    [
      [
        `a move before every read, ${args.connections} clients`,
        `${result.runs.everyReadAfterAMove.readsPerSec}`,
        `${result.runs.everyReadAfterAMove.p50Ms} ms`,
        `${result.runs.everyReadAfterAMove.p99Ms} ms`,
        `${result.runs.everyReadAfterAMove.cpuMsPerRead} ms`,
      ],
      [
        `fan-out: a move, then ${args.connections} reads`,
        `${result.runs.fanOut.readsPerSec}`,
        `${result.runs.fanOut.p50Ms} ms`,
        `${result.runs.fanOut.p99Ms} ms`,
        `${result.runs.fanOut.cpuMsPerRead} ms`,
      ],
    ],
  );
  out();
  out(`peak RSS ${result.peakRssMb} MB; CPU per read includes the move before it`);
  out(
    `target (judged by run-all.mjs against the ceiling): reads/s >= ${TARGETS.ofCeiling * 100} % of the ceiling`,
  );
  writeResult(args, result);
});
