#!/usr/bin/env node
/* global document, requestAnimationFrame */
// Board page load (see bench/README.md, "Board page"): a board of `--cards` cards (default 200,
// over 5 columns, with assignees and labels), opened `--runs` times (default 10) in headless
// Chromium, each in a new browser context (no cache, a fresh sessionStorage holding the token);
// a run's time is from the navigation's start to the frame in which the last card is drawn
// (performance.now() in the page). The first run is a warm-up and is not counted.
//
//   node bench/board-page.mjs [--db postgres|pglite] [--cards 200] [--runs 10] [--json-out file]
import { chromium } from 'playwright-core';
import {
  out,
  resultHeader,
  round,
  scenario,
  scenarioArgs,
  startService,
  targetLine,
  writeResult,
} from './lib.mjs';
import { seedTasks, seedTeam } from './seed.mjs';

const NAME = 'board-page';
const TARGET_MS = 1500;
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const args = scenarioArgs({
  cards: { type: 'string', default: '200' },
  runs: { type: 'string', default: '10' },
});
const CARDS = Number(args.cards);
const RUNS = Number(args.runs);

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

await scenario(NAME, args, async (context) => {
  const service = await startService(args);
  let browser;
  try {
    const team = await seedTeam(service, { members: 8 });
    await seedTasks(service, team, CARDS);
    out(`seeded ${CARDS} cards on ${team.board.columns.length} columns`);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    const url = `${service.base}/teams/${team.teamKey}/board/${team.board.id}`;
    const times = [];
    for (let run = 0; run <= RUNS; run++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      // The signed-in state the sign-in page leaves: the token in this tab's sessionStorage.
      await ctx.addInitScript(
        (token) => sessionStorage.setItem('loopboard.token', token),
        service.token,
      );
      const page = await ctx.newPage();
      await page.goto(url, { waitUntil: 'commit' });
      const ms = await page.evaluate(
        (cards) =>
          new Promise((resolve) => {
            const check = () => {
              if (document.querySelectorAll('[data-card-key]').length >= cards)
                resolve(performance.now());
              else requestAnimationFrame(check);
            };
            check();
          }),
        CARDS,
      );
      await ctx.close();
      if (run === 0) out(`warm-up: ${round(ms, 0)} ms`);
      else times.push(ms);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = percentile(sorted, 50);
    out(`runs (ms): ${times.map((t) => round(t, 0)).join(', ')}`);
    out(
      `median ${round(median, 0)} ms, min ${round(sorted[0], 0)} ms, max ${round(sorted.at(-1), 0)} ms`,
    );
    targetLine(`median < ${TARGET_MS} ms to the last card`, median < TARGET_MS);
    writeResult(args, {
      ...resultHeader(NAME, args, context, { cards: CARDS, runs: RUNS }),
      timesMs: times.map((t) => round(t, 1)),
      medianMs: round(median, 1),
      minMs: round(sorted[0], 1),
      maxMs: round(sorted.at(-1), 1),
      targetMet: median < TARGET_MS,
    });
  } finally {
    await browser?.close();
    await service.stop();
  }
});
