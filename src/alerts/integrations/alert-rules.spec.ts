import type { NormalizedAlert } from '../parsers';
import {
  CompiledRules,
  regexProblem,
  severityRank,
  type AlertRules,
  type LabelMatcher,
} from './alert-rules';

function alert(
  labels: Record<string, string>,
  overrides: Partial<NormalizedAlert> = {},
): NormalizedAlert {
  return {
    dedupKey: 'fp',
    fingerprint: 'fp',
    groupKey: null,
    status: 'FIRING',
    acknowledged: false,
    severity: 'WARNING',
    sourcePriority: null,
    name: 'HighLatency',
    title: 'High latency',
    description: null,
    environment: null,
    component: null,
    instance: null,
    value: null,
    labels,
    annotations: {},
    links: [],
    startsAt: null,
    endsAt: null,
    notes: [],
    ...overrides,
  };
}

const m = (label: string, op: LabelMatcher['op'], value: string): LabelMatcher => ({
  label,
  op,
  value,
});
const ignoring = (...matchers: LabelMatcher[]): CompiledRules =>
  new CompiledRules({ ignore: [{ matchers }] });

describe('matchers', () => {
  it('EQ and NEQ compare exactly; a missing label reads as the empty string', () => {
    expect(ignoring(m('env', 'EQ', 'dev')).ignoredBecause(alert({ env: 'dev' }))).toBe(
      'ignore rule 1 matched',
    );
    expect(ignoring(m('env', 'EQ', 'dev')).ignoredBecause(alert({ env: 'Dev' }))).toBeNull();
    expect(ignoring(m('env', 'EQ', 'dev')).ignoredBecause(alert({}))).toBeNull();
    expect(ignoring(m('env', 'EQ', '')).ignoredBecause(alert({}))).not.toBeNull();
    expect(ignoring(m('env', 'NEQ', 'prod')).ignoredBecause(alert({ env: 'dev' }))).not.toBeNull();
    expect(ignoring(m('env', 'NEQ', 'prod')).ignoredBecause(alert({ env: 'prod' }))).toBeNull();
    expect(ignoring(m('env', 'NEQ', 'prod')).ignoredBecause(alert({}))).not.toBeNull();
  });

  it('anchors REGEX and NOT_REGEX like Alertmanager', () => {
    const re = ignoring(m('service', 'REGEX', 'api|web'));
    expect(re.ignoredBecause(alert({ service: 'api' }))).not.toBeNull();
    expect(re.ignoredBecause(alert({ service: 'web' }))).not.toBeNull();
    expect(re.ignoredBecause(alert({ service: 'api-gateway' }))).toBeNull();
    expect(re.ignoredBecause(alert({ service: 'my-web' }))).toBeNull();
    const not = ignoring(m('service', 'NOT_REGEX', 'api.*'));
    expect(not.ignoredBecause(alert({ service: 'worker' }))).not.toBeNull();
    expect(not.ignoredBecause(alert({ service: 'api-gateway' }))).toBeNull();
    expect(
      ignoring(m('zone', 'REGEX', 'é.+')).ignoredBecause(alert({ zone: 'été' })),
    ).not.toBeNull();
  });

  it('needs every matcher of a rule to match, and any rule to ignore', () => {
    const rules = new CompiledRules({
      ignore: [
        { matchers: [m('env', 'EQ', 'staging'), m('team', 'NEQ', 'payments')] },
        { matchers: [m('alertname', 'EQ', 'Watchdog')] },
      ],
    });
    expect(rules.ignoredBecause(alert({ env: 'staging', team: 'search' }))).toBe(
      'ignore rule 1 matched',
    );
    expect(rules.ignoredBecause(alert({ env: 'staging', team: 'payments' }))).toBeNull();
    expect(rules.ignoredBecause(alert({}, { name: 'Watchdog' }))).toBe('ignore rule 2 matched');
  });

  it('never lets an ignore rule without matchers ignore everything', () => {
    expect(new CompiledRules({ ignore: [{ matchers: [] }] }).ignoredBecause(alert({}))).toBeNull();
  });

  it('sees the normalized alert name and severity as labels, the sent labels first', () => {
    expect(ignoring(m('alertname', 'EQ', 'HighLatency')).ignoredBecause(alert({}))).not.toBeNull();
    expect(
      ignoring(m('alertname', 'EQ', 'Sent')).ignoredBecause(alert({ alertname: 'Sent' })),
    ).not.toBeNull();
    expect(ignoring(m('severity', 'EQ', 'warning')).ignoredBecause(alert({}))).not.toBeNull();
    expect(
      ignoring(m('severity', 'EQ', 'page')).ignoredBecause(alert({ severity: 'page' })),
    ).not.toBeNull();
  });
});

describe('minimum severity', () => {
  const min = (minSeverity: AlertRules['minSeverity']): CompiledRules =>
    new CompiledRules({ minSeverity });

  it('ignores alerts below it, UNKNOWN counting as WARNING', () => {
    expect(min('WARNING').ignoredBecause(alert({}, { severity: 'INFO' }))).toBe(
      'severity INFO is below WARNING',
    );
    expect(min('WARNING').ignoredBecause(alert({}, { severity: 'LOW' }))).not.toBeNull();
    expect(min('WARNING').ignoredBecause(alert({}, { severity: 'WARNING' }))).toBeNull();
    expect(min('WARNING').ignoredBecause(alert({}, { severity: 'UNKNOWN' }))).toBeNull();
    expect(min('HIGH').ignoredBecause(alert({}, { severity: 'UNKNOWN' }))).not.toBeNull();
    expect(min('CRITICAL').ignoredBecause(alert({}, { severity: 'CRITICAL' }))).toBeNull();
    expect(min(null).ignoredBecause(alert({}, { severity: 'INFO' }))).toBeNull();
  });

  it('ranks severities INFO < LOW < WARNING = UNKNOWN < HIGH < CRITICAL', () => {
    expect(
      ['INFO', 'LOW', 'WARNING', 'HIGH', 'CRITICAL'].map((s) => severityRank(s as never)),
    ).toEqual([0, 1, 2, 3, 4]);
    expect(severityRank('UNKNOWN')).toBe(severityRank('WARNING'));
  });
});

describe('priority overrides and routes', () => {
  const rules = new CompiledRules({
    priorityOverrides: [
      { matchers: [m('env', 'EQ', 'staging')], priority: 'LOW' },
      { matchers: [m('service', 'REGEX', 'pay.*')], priority: 'URGENT' },
      { matchers: [m('service', 'REGEX', 'pay.*')], priority: 'NONE' },
    ],
    routes: [
      { matchers: [m('team', 'EQ', 'db')], columnId: 'col-db' },
      { matchers: [], columnId: 'col-catch-all' },
    ],
  });

  it('takes the first matching override, none when nothing matches', () => {
    expect(rules.priorityFor(alert({ env: 'staging', service: 'payments' }))).toBe('LOW');
    expect(rules.priorityFor(alert({ service: 'payments' }))).toBe('URGENT');
    expect(rules.priorityFor(alert({ service: 'search' }))).toBeNull();
    expect(new CompiledRules({}).priorityFor(alert({}))).toBeNull();
  });

  it('routes to the first matching column; a route without matchers catches all', () => {
    expect(rules.columnFor(alert({ team: 'db' }))).toBe('col-db');
    expect(rules.columnFor(alert({ team: 'web' }))).toBe('col-catch-all');
    expect(new CompiledRules({}).columnFor(alert({}))).toBeNull();
  });
});

describe('regexProblem', () => {
  it('accepts what compiles anchored in unicode mode, and explains what does not', () => {
    expect(regexProblem('api|web')).toBeNull();
    expect(regexProblem('.*')).toBeNull();
    expect(regexProblem('(unclosed')).toMatch(/Invalid regular expression/);
    expect(regexProblem('*bad')).toMatch(/Nothing to repeat/);
    // An unescaped brace is fine in legacy mode but not in unicode mode, where rules run.
    expect(regexProblem('a{')).not.toBeNull();
    // A group that closes the anchoring wrapper early must not compile into something else.
    expect(regexProblem('a)|(b')).not.toBeNull();
  });
});
