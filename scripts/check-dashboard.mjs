#!/usr/bin/env node
// Checks the Grafana dashboard and the Prometheus alert rules in deploy/ against the metrics
// Loopboard exports:
//   - the dashboard JSON parses, its panels are well formed (unique ids, grid positions, a query
//     in each target) and use the provisioned Prometheus datasource, and every $variable it uses
//     is defined;
//   - every alert rule has a severity, a summary, a description and a runbook, and links to no
//     outside host;
//   - every metric name used in a panel, a template variable or a rule is one Loopboard exports.
//
// Where the exported names come from:
//   default                 from the code: the metrics declared in src/ (new Counter/Gauge/
//                           Histogram/Summary({ name })) plus prom-client's default metrics;
//   --exposition FILE       from a scrape of a running Loopboard (Prometheus text format): only
//                           names with at least one sample count. test/telemetry/
//                           deploy-files.e2e-spec.ts scrapes the real app after traffic and
//                           runs this script with it.
// Other options: --dashboard FILE, --rules FILE, --datasources FILE (defaults under deploy/).
// Exit code 0 when everything checks out, 1 with one line per problem otherwise.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
const yaml = require('js-yaml');

/** Series Prometheus itself creates: not Loopboard's to export. */
const PROMETHEUS_SERIES = new Set([
  'up',
  'ALERTS',
  'ALERTS_FOR_STATE',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
]);
/** Grafana's own variables. */
const GRAFANA_VARIABLES = new Set([
  '__rate_interval',
  '__interval',
  '__interval_ms',
  '__range',
  '__range_s',
  '__range_ms',
  '__dashboard',
  '__from',
  '__to',
  '__name',
]);
const PROMQL_KEYWORDS = new Set([
  // aggregation operators (their `by (...)` may come between the name and the parenthesis)
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'inf',
  'nan',
]);
const SEVERITIES = new Set(['critical', 'warning', 'info']);
/** Hosts a deploy file may name: this machine and the compose services. */
const ALLOWED_HOSTS = new Set([
  'localhost',
  '127.0.0.1',
  'loopboard',
  'loopboard-embedded',
  'prometheus',
  'alertmanager',
  'grafana',
  'postgres',
]);

function parseArgs(argv) {
  // Defaults are in the repository; paths given are relative to the working directory.
  const options = {
    dashboard: join(ROOT, 'deploy/grafana/dashboards/loopboard.json'),
    rules: join(ROOT, 'deploy/loopboard.rules.yml'),
    datasources: join(ROOT, 'deploy/grafana/provisioning/datasources/prometheus.yml'),
    exposition: null,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '');
    if (!(key in options) || argv[i + 1] === undefined) {
      console.error(
        `usage: check-dashboard.mjs [--exposition FILE] [--dashboard FILE] [--rules FILE] [--datasources FILE]`,
      );
      process.exit(2);
    }
    options[key] = resolve(argv[i + 1]);
  }
  return options;
}

// --- PromQL --------------------------------------------------------------------------------

/** Metric names a PromQL expression selects (functions, keywords and labels left out). */
function metricNames(expr) {
  let text = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ') // strings
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges and subqueries
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ') // label lists
    .replace(/\$\{[^}]*\}|\$\w+/g, ' '); // dashboard variables
  // label_values(metric, label) and label_values(label): the label is not a metric.
  text = text.replace(/\blabel_values\s*\(([^,)]*)(,[^)]*)?\)/g, (_, first, label) =>
    label ? ` (${first}) ` : ' ',
  );
  const names = new Set();
  const token = /(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|([A-Za-z_:][\w:]*)/gi;
  for (const match of text.matchAll(token)) {
    const name = match[2];
    if (!name || PROMQL_KEYWORDS.has(name.toLowerCase())) continue;
    const rest = text.slice(match.index + name.length);
    if (/^\s*\(/.test(rest)) continue; // function or aggregation
    names.add(name);
  }
  return [...names];
}

// --- exported metric names -------------------------------------------------------------------

function sampleNames(type, name) {
  switch (type) {
    case 'histogram':
      return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
    case 'summary':
      return [name, `${name}_sum`, `${name}_count`];
    default:
      return [name];
  }
}

function sourceFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated') files.push(...sourceFiles(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
      files.push(path);
    }
  }
  return files;
}

/** Names declared in src/ plus prom-client's default metrics, with their sample suffixes. */
async function namesFromCode() {
  const names = new Map();
  const declaration = /new\s+(Counter|Gauge|Histogram|Summary)\b[^(]*\(\s*\{/g;
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(declaration)) {
      const body = text.slice(match.index, match.index + 600);
      const name = /\bname:\s*['"`]([A-Za-z_:][\w:]*)['"`]/.exec(body)?.[1];
      if (!name) continue;
      for (const sample of sampleNames(match[1].toLowerCase(), name))
        names.set(sample, relative(ROOT, file));
    }
  }
  if (names.size === 0) throw new Error('no metric declarations found under src/');
  const promClient = require('prom-client');
  const registry = new promClient.Registry();
  promClient.collectDefaultMetrics({ register: registry });
  for (const metric of await registry.getMetricsAsJSON())
    for (const sample of sampleNames(metric.type, metric.name))
      names.set(sample, 'prom-client default metrics');
  return names;
}

/** Names with at least one sample in a scrape (Prometheus text format). */
function namesFromExposition(file) {
  const names = new Map();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const name = /^([A-Za-z_:][\w:]*)(?:\{|\s)/.exec(line)?.[1];
    if (name) names.set(name, file);
  }
  if (names.size === 0) throw new Error(`${file}: no samples`);
  return names;
}

// --- checks --------------------------------------------------------------------------------

function checkHosts(where, text, problems) {
  for (const match of text.matchAll(/\bhttps?:\/\/([^/:\s"'`)]+)/g)) {
    if (!ALLOWED_HOSTS.has(match[1]))
      problems.push(`${where}: names the host ${match[1]} (only localhost and compose services)`);
  }
}

/** Every expression of the dashboard, with where it is. */
function dashboardExpressions(dashboard, datasourceUid, problems, where) {
  const expressions = [];
  if (typeof dashboard.uid !== 'string' || !dashboard.uid) problems.push(`${where}: no uid`);
  if (typeof dashboard.title !== 'string' || !dashboard.title) problems.push(`${where}: no title`);
  if (!Array.isArray(dashboard.panels) || dashboard.panels.length === 0) {
    problems.push(`${where}: no panels`);
    return expressions;
  }
  const defined = new Set(GRAFANA_VARIABLES);
  for (const variable of dashboard.templating?.list ?? []) {
    defined.add(variable.name);
    const query = typeof variable.query === 'string' ? variable.query : variable.query?.query;
    if (variable.type === 'query' && query)
      expressions.push({ where: `${where} variable $${variable.name}`, expr: query });
  }
  const ids = new Set();
  const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
  for (const panel of panels) {
    const at = `${where} panel ${panel.id ?? '?'} "${panel.title ?? ''}"`;
    if (!Number.isInteger(panel.id) || ids.has(panel.id))
      problems.push(`${at}: id missing or not unique`);
    ids.add(panel.id);
    const grid = panel.gridPos ?? {};
    if (
      ![grid.x, grid.y, grid.w, grid.h].every(Number.isInteger) ||
      grid.w < 1 ||
      grid.x < 0 ||
      grid.x + grid.w > 24
    )
      problems.push(`${at}: gridPos must fit the 24-column grid`);
    if (panel.type === 'row') continue;
    if (!panel.title) problems.push(`${at}: no title`);
    if (panel.datasource?.uid !== datasourceUid)
      problems.push(`${at}: datasource must be the provisioned one (uid ${datasourceUid})`);
    if (!Array.isArray(panel.targets) || panel.targets.length === 0) {
      problems.push(`${at}: no targets`);
      continue;
    }
    const refIds = new Set();
    for (const target of panel.targets) {
      if (!target.refId || refIds.has(target.refId))
        problems.push(`${at}: target refId missing or repeated`);
      refIds.add(target.refId);
      if (typeof target.expr !== 'string' || !target.expr.trim()) {
        problems.push(`${at}: target ${target.refId} has no expr`);
        continue;
      }
      expressions.push({ where: `${at} target ${target.refId}`, expr: target.expr });
    }
  }
  for (const { where: at, expr } of expressions) {
    for (const match of expr.matchAll(/\$\{?(\w+)/g))
      if (!defined.has(match[1])) problems.push(`${at}: undefined variable $${match[1]}`);
  }
  return expressions;
}

function ruleExpressions(doc, problems, where) {
  const expressions = [];
  const groups = doc?.groups;
  if (!Array.isArray(groups) || groups.length === 0) {
    problems.push(`${where}: no rule groups`);
    return expressions;
  }
  for (const group of groups) {
    for (const rule of group.rules ?? []) {
      const at = `${where} ${rule.alert ?? rule.record ?? '?'}`;
      if (typeof rule.expr !== 'string' || !rule.expr.trim()) {
        problems.push(`${at}: no expr`);
        continue;
      }
      expressions.push({ where: at, expr: rule.expr });
      if (!rule.alert) continue;
      if (!SEVERITIES.has(rule.labels?.severity))
        problems.push(`${at}: severity label must be one of ${[...SEVERITIES].join(', ')}`);
      for (const annotation of ['summary', 'description', 'runbook'])
        if (!rule.annotations?.[annotation]) problems.push(`${at}: no ${annotation} annotation`);
    }
  }
  return expressions;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const problems = [];
  const read = (file) => readFileSync(file, 'utf8');
  const show = (file) => relative(process.cwd(), file) || file;

  const datasourcesText = read(options.datasources);
  const datasource = yaml.load(datasourcesText)?.datasources?.find((d) => d.type === 'prometheus');
  if (!datasource?.uid)
    problems.push(`${show(options.datasources)}: no prometheus datasource with a uid`);
  checkHosts(show(options.datasources), datasourcesText, problems);

  const dashboardText = read(options.dashboard);
  let dashboard;
  try {
    dashboard = JSON.parse(dashboardText);
  } catch (error) {
    problems.push(`${show(options.dashboard)}: not JSON (${error.message})`);
  }
  checkHosts(show(options.dashboard), dashboardText, problems);
  const rulesText = read(options.rules);
  checkHosts(show(options.rules), rulesText, problems);

  const expressions = [
    ...(dashboard
      ? dashboardExpressions(dashboard, datasource?.uid, problems, show(options.dashboard))
      : []),
    ...ruleExpressions(yaml.load(rulesText), problems, show(options.rules)),
  ];

  const exported = options.exposition
    ? namesFromExposition(options.exposition)
    : await namesFromCode();
  const used = new Map();
  for (const { where, expr } of expressions) {
    for (const name of metricNames(expr)) {
      if (!used.has(name)) used.set(name, []);
      used.get(name).push(where);
      if (!PROMETHEUS_SERIES.has(name) && !exported.has(name))
        problems.push(`${where}: ${name} is not a metric Loopboard exports`);
    }
  }

  const source = options.exposition ? `the scrape in ${show(options.exposition)}` : 'the code';
  process.stdout.write(
    `${expressions.length} expressions use ${used.size} metrics: ${[...used.keys()].sort().join(', ')}\n`,
  );
  if (problems.length) {
    for (const problem of problems) console.error(`PROBLEM ${problem}`);
    console.error(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} (metric names checked against ${source})`,
    );
    process.exit(1);
  }
  process.stdout.write(`dashboard and rules OK (metric names checked against ${source})\n`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
