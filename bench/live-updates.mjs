#!/usr/bin/env node
// Live updates (see bench/README.md, "Live updates"): `--subscribers` graphql-ws clients (default
// 50) hold boardChanged on one board; one alert at a time is posted to the team's Alertmanager
// webhook, and each client's latency is the time from sending the POST to receiving the new
// card's event. `--alerts` posts (default 100), each waiting until every client has its event.
// Also: the webhook's answer time with those subscribers (NOTIFY and the triggers on the path).
//
//   node bench/live-updates.mjs [--db postgres|pglite] [--subscribers 50] [--alerts 100]
//                               [--env KEY=VALUE ...] [--json-out file]
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  monotonicUs,
  out,
  resetPeakRss,
  resultHeader,
  round,
  scenario,
  scenarioArgs,
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
  seedTeam,
  startSprint,
} from './seed.mjs';

const NAME = 'live-updates';
const TARGETS = { p99Ms: 250 };
const args = scenarioArgs({
  subscribers: { type: 'string', default: '50' },
  alerts: { type: 'string', default: '100' },
});
const SUBSCRIBERS = Number(args.subscribers);
const ALERTS = Number(args.alerts);
const DEADLINE_MS = 10_000;

const SUBSCRIPTION = `subscription ($b: ID!) { boardChanged(boardId: $b) {
  version kind taskId task { id key title priority type estimate rank labels column { id }
    assignee { id name } alerts { status occurrences } } } }`;

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

await scenario(NAME, args, async (context) => {
  const service = await startService(args);
  const clients = [];
  let result;
  try {
    out(`service ready in ${service.readyMs} ms (pid ${service.pid}, port ${service.port})`);
    const team = await seedTeam(service, { members: 4 });
    const sprintId = await seedSprint(service, team);
    await startSprint(service, sprintId);
    const integration = await seedIntegration(service, team);
    const wsUrl = `${service.base.replace(/^http/, 'ws')}/graphql`;

    // Each client resolves the waiter of the alert whose card it sees arrive.
    const waiting = new Map(); // instance label → { sent, arrivals: [], done }
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${service.token}` },
        onNonLazyError: () => undefined,
      });
      clients.push(client);
      client.subscribe(
        { query: SUBSCRIPTION, variables: { b: team.board.id } },
        {
          next: (message) => {
            const change = message.data?.boardChanged;
            if (change?.kind !== 'CARD_CREATED') return;
            const id = /live-(\S+)/.exec(change.task?.title ?? '')?.[1];
            const entry = id && waiting.get(id);
            if (!entry) return;
            entry.arrivals.push(performance.now() - entry.sent);
            if (entry.arrivals.length === SUBSCRIBERS) entry.done();
          },
          error: (error) => out(`subscription error: ${JSON.stringify(error).slice(0, 300)}`),
          complete: () => undefined,
        },
      );
    }

    const post = async (id) => {
      const alert = firingAlert(id);
      alert.annotations.summary = `Latency test live-${id}`;
      const entry = { sent: 0, arrivals: [], done: () => undefined };
      const all = new Promise((resolve, reject) => {
        entry.done = resolve;
        setTimeout(
          () =>
            reject(
              new Error(
                `alert ${id}: ${entry.arrivals.length}/${SUBSCRIBERS} events within ${DEADLINE_MS} ms`,
              ),
            ),
          DEADLINE_MS,
        ).unref();
      });
      waiting.set(id, entry);
      entry.sent = performance.now();
      const answer = await postWebhook(integration, alertmanagerBody([alert]));
      if (answer.status !== 200 || answer.answer.created !== 1)
        throw new Error(`alert ${id}: ${answer.status} ${JSON.stringify(answer.answer)}`);
      await all;
      waiting.delete(id);
      return { answerMs: answer.ms, arrivals: entry.arrivals };
    };

    // Warm-up: until every subscriber has been registered and hears a card (not recorded).
    for (let i = 0; ; i++) {
      try {
        await post(`warm${i}`);
        break;
      } catch (error) {
        if (i >= 20) throw error;
      }
    }
    for (let i = 0; i < 5; i++) await post(`warmup${i}`);

    const peakReset = resetPeakRss(service.pid);
    const cpu0 = service.cpuMs();
    const fromUs = monotonicUs();
    const latencies = [];
    const answers = [];
    for (let i = 0; i < ALERTS; i++) {
      const { answerMs, arrivals } = await post(`m${i}`);
      answers.push(answerMs);
      latencies.push(...arrivals);
    }
    const toUs = monotonicUs();
    const cpuMs = service.cpuMs() - cpu0;
    latencies.sort((a, b) => a - b);
    answers.sort((a, b) => a - b);
    const memory = service.memory();
    result = {
      ...resultHeader(NAME, args, context, { subscribers: SUBSCRIBERS, alerts: ALERTS }),
      service: { readyMs: service.readyMs },
      latencyMs: {
        p50: round(percentile(latencies, 50)),
        p90: round(percentile(latencies, 90)),
        p99: round(percentile(latencies, 99)),
        max: round(latencies[latencies.length - 1]),
        samples: latencies.length,
      },
      webhookAnswerMs: {
        p50: round(percentile(answers, 50)),
        p99: round(percentile(answers, 99)),
      },
      serviceCpuMsPerAlert: round(cpuMs / ALERTS),
      peakRssMb: peakReset ? memory.peakRssMb : memory.rssMb,
      targets: { ...TARGETS, met: { p99Under250ms: percentile(latencies, 99) < TARGETS.p99Ms } },
    };
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await stopAndProfile(service, result, { fromUs, toUs });
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
    await service.stop();
  }
  out();
  table(
    [
      'subscribers',
      'alerts',
      'event p50',
      'p90',
      'p99',
      'max',
      'webhook answer p50',
      'CPU/alert',
      'peak RSS',
    ],
    [
      [
        String(SUBSCRIBERS),
        String(ALERTS),
        `${result.latencyMs.p50} ms`,
        `${result.latencyMs.p90} ms`,
        `${result.latencyMs.p99} ms`,
        `${result.latencyMs.max} ms`,
        `${result.webhookAnswerMs.p50} ms`,
        `${result.serviceCpuMsPerAlert} ms`,
        `${result.peakRssMb} MB`,
      ],
    ],
  );
  out();
  targetLine(
    `p99 from alert POST to the event on ${SUBSCRIBERS} subscribers < 250 ms`,
    result.targets.met.p99Under250ms,
  );
  writeResult(args, result);
});
