#!/usr/bin/env node
// Summarises a V8 CPU profile (.cpuprofile from `node --cpu-prof`): self time by function and by
// package or area, optionally only for samples inside a time window (the load phase; the bench
// scripts pass it, on the same CLOCK_MONOTONIC µs clock V8 stamps samples with).
//
//   node bench/profile-summary.mjs file.cpuprofile [--from µs --to µs] [--top 25] [--json]
//   node bench/profile-summary.mjs file.cpuprofile --callers transform [--depth 10]
//     (who calls it: time inside functions whose name or file matches, by their callers' stacks)
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    top: { type: 'string', default: '25' },
    json: { type: 'boolean', default: false },
    callers: { type: 'string' },
    depth: { type: 'string', default: '10' },
  },
});
const file = positionals[0];
if (!file) {
  process.stderr.write(
    'usage: node bench/profile-summary.mjs file.cpuprofile [--from µs --to µs]\n',
  );
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const from = args.from ? Number(args.from) : -Infinity;
const to = args.to ? Number(args.to) : Infinity;
const top = Number(args.top);

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
let t = profile.startTime;
let totalUs = 0;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  // A sample's time is the gap to the next one.
  const dt = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0;
  if (t < from || t > to) continue;
  selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + dt);
  totalUs += dt;
}

function area(url) {
  if (!url) return '(native/V8)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node core';
  const dist = url.indexOf('/dist/');
  if (dist >= 0)
    return `loopboard ${
      url
        .slice(dist + 6)
        .split('/')
        .slice(0, -1)
        .join('/') || '.'
    }`;
  return url;
}

const byFunction = new Map();
const byArea = new Map();
for (const [id, us] of selfUs) {
  const node = nodes.get(id);
  const cf = node.callFrame;
  const name = cf.functionName || '(anonymous)';
  const where = cf.url
    ? `${cf.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/')}:${cf.lineNumber + 1}`
    : '';
  const key = `${name} ${where}`.trim();
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  const a = ['(garbage collector)', '(idle)', '(program)'].includes(name) ? name : area(cf.url);
  byArea.set(a, (byArea.get(a) ?? 0) + us);
}
if (args.callers) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n) => {
    const cf = n.callFrame;
    const file = cf.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/');
    return `${cf.functionName || '(anonymous)'} ${file}:${cf.lineNumber + 1}`;
  };
  const stacks = new Map();
  let matched = 0;
  for (const [id, us] of selfUs) {
    const chain = [];
    for (let n = id; n !== undefined; n = parent.get(n)) chain.push(nodes.get(n));
    // The outermost matching frame, then its callers.
    let at = -1;
    chain.forEach((n, i) => {
      if (label(n).includes(args.callers)) at = i;
    });
    if (at < 0) continue;
    matched += us;
    const key = chain
      .slice(at, at + Number(args.depth))
      .map(label)
      .join('\n    < ');
    stacks.set(key, (stacks.get(key) ?? 0) + us);
  }
  process.stdout.write(
    `${Math.round(matched / 1000)} ms of ${Math.round(totalUs / 1000)} ms under "${args.callers}"\n`,
  );
  for (const [key, us] of [...stacks.entries()].sort((a, b) => b[1] - a[1]).slice(0, top))
    process.stdout.write(`\n${Math.round(us / 1000)} ms:\n    ${key}\n`);
  process.exit(0);
}
const ranked = (map) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({
      name,
      ms: Math.round(us / 1000),
      percent: Math.round((us / totalUs) * 1000) / 10,
    }));
const summary = {
  sampledMs: Math.round(totalUs / 1000),
  window: Number.isFinite(from) ? { fromUs: from, toUs: to } : null,
  byArea: ranked(byArea),
  byFunction: ranked(byFunction),
};
if (args.json) {
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} else {
  process.stdout.write(`${summary.sampledMs} ms sampled\n\nself time by area:\n`);
  for (const r of summary.byArea)
    process.stdout.write(
      `  ${String(r.percent).padStart(5)} %  ${String(r.ms).padStart(6)} ms  ${r.name}\n`,
    );
  process.stdout.write('\nself time by function:\n');
  for (const r of summary.byFunction)
    process.stdout.write(
      `  ${String(r.percent).padStart(5)} %  ${String(r.ms).padStart(6)} ms  ${r.name}\n`,
    );
}
