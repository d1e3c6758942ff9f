import {
  DEFAULT_ALERT_ESTIMATES,
  DEFAULT_ALERT_PRIORITIES,
  type AlertSettings,
} from '../alert-settings';
import type { NormalizedAlert } from '../parsers';
import { cardFor, describeAlert, mergeGroup, priorityRank } from './alert-card';

function alert(overrides: Partial<NormalizedAlert> = {}): NormalizedAlert {
  return {
    dedupKey: 'fp-1',
    fingerprint: 'fp-1',
    groupKey: null,
    status: 'FIRING',
    acknowledged: false,
    severity: 'WARNING',
    sourcePriority: null,
    name: 'HighLatency',
    title: 'p99 latency above 2s',
    description: null,
    environment: null,
    component: null,
    instance: null,
    value: null,
    labels: {},
    annotations: {},
    links: [],
    startsAt: null,
    endsAt: null,
    notes: [],
    ...overrides,
  };
}

const settings = (): AlertSettings => ({
  priorities: { ...DEFAULT_ALERT_PRIORITIES },
  estimates: { ...DEFAULT_ALERT_ESTIMATES },
});

describe('describeAlert', () => {
  it('lays out where, how bad, what, the labels and the links, in that order', () => {
    const text = describeAlert(
      alert({
        severity: 'CRITICAL',
        labels: { severity: 'page', env: 'prod', alertname: 'HighLatency', service: 'api' },
        environment: 'prod',
        component: 'api',
        instance: 'api-1:8080',
        value: '2.7',
        startsAt: new Date('2026-11-20T09:00:00Z'),
        description: 'Latency is high.\nSee the dashboard.',
        links: [
          { title: 'Source', url: 'http://prom.example/graph' },
          { title: 'Runbook [v2]', url: 'https://runbooks.example/latency' },
        ],
        notes: ['Alertmanager truncated 2 alerts of this group'],
      }),
      'ALERTMANAGER',
    );
    expect(text).toBe(
      [
        '**Alert:** HighLatency · **Severity:** page · **Source:** Alertmanager',
        '**Environment:** prod · **Component:** api · **Instance:** api-1:8080',
        '**Value:** 2.7',
        '**Firing since:** 2026-11-20T09:00:00.000Z',
        '',
        'Latency is high.\nSee the dashboard.',
        '',
        '| Label | Value |',
        '| --- | --- |',
        '| alertname | HighLatency |',
        '| env | prod |',
        '| service | api |',
        '| severity | page |',
        '',
        '**Links:** [Source](http://prom.example/graph) · [Runbook v2](https://runbooks.example/latency)',
        '',
        '> Alertmanager truncated 2 alerts of this group',
      ].join('\n'),
    );
  });

  it('leaves out what the alert does not carry, naming the severity from the normalized one', () => {
    expect(describeAlert(alert({ severity: 'UNKNOWN' }), 'GENERIC')).toBe(
      '**Alert:** HighLatency · **Severity:** unknown · **Source:** Webhook',
    );
    expect(describeAlert(alert({ component: 'db' }), 'KAPACITOR').split('\n')[1]).toBe(
      '**Component:** db',
    );
  });

  it('escapes table cells so a label cannot break the table', () => {
    const text = describeAlert(
      alert({ labels: { 'a|b': 'x|y', path: 'C:\\temp', multi: 'one\ntwo\r\nthree' } }),
      'GRAFANA',
    );
    expect(text).toContain('| a\\|b | x\\|y |');
    expect(text).toContain('| path | C:\\\\temp |');
    expect(text).toContain('| multi | one two three |');
  });

  it('lists the members of a group, at most 50', () => {
    const members = Array.from({ length: 53 }, (_, i) =>
      alert({
        title: `Disk full ${i}`,
        instance: i % 2 ? `db-${i}` : null,
        status: i === 0 ? 'RESOLVED' : 'FIRING',
      }),
    );
    const text = describeAlert(alert(), 'ALERTMANAGER', members);
    expect(text).toContain('**Alerts in this group (53):**');
    expect(text).toContain('- Disk full 0 — resolved');
    expect(text).toContain('- Disk full 1 (db-1) — firing');
    expect(text).toContain('- Disk full 49 (db-49) — firing');
    expect(text).not.toContain('Disk full 50');
    expect(text).toContain('- … and 3 more');
    // A group of one is not a list.
    expect(describeAlert(alert(), 'ALERTMANAGER', [alert()])).not.toContain('Alerts in this group');
  });
});

describe('cardFor', () => {
  it('types, prioritizes and estimates by severity, with alert, env and component labels', () => {
    const card = cardFor(
      alert({ severity: 'CRITICAL', environment: 'prod', component: 'checkout api' }),
      'ALERTMANAGER',
      settings(),
      null,
    );
    expect(card).toMatchObject({
      title: 'p99 latency above 2s',
      type: 'INCIDENT',
      priority: 'URGENT',
      estimate: 3,
      labels: ['alert:HighLatency', 'env:prod', 'component:checkout-api'],
    });
    expect(card.description).toContain('**Source:** Alertmanager');
  });

  it.each([
    ['HIGH', 'HIGH', 2],
    ['WARNING', 'MEDIUM', 1],
    ['LOW', 'LOW', 1],
    ['INFO', 'LOW', 0.5],
    ['UNKNOWN', 'MEDIUM', 1],
  ] as const)('%s is a PRODUCTION_CHANGE at %s, %d points', (severity, priority, estimate) => {
    expect(cardFor(alert({ severity }), 'GENERIC', settings(), null)).toMatchObject({
      type: 'PRODUCTION_CHANGE',
      priority,
      estimate,
    });
  });

  it("makes PagerDuty's P1 an incident whatever its severity", () => {
    expect(
      cardFor(alert({ severity: 'HIGH', sourcePriority: 'p1' }), 'PAGERDUTY', settings(), null)
        .type,
    ).toBe('INCIDENT');
    expect(
      cardFor(alert({ severity: 'HIGH', sourcePriority: 'P2' }), 'PAGERDUTY', settings(), null)
        .type,
    ).toBe('PRODUCTION_CHANGE');
  });

  it("follows the team's map, and a rule's override over it", () => {
    const team = settings();
    team.priorities.WARNING = 'HIGH';
    team.estimates.WARNING = 5;
    expect(cardFor(alert(), 'GENERIC', team, null)).toMatchObject({
      priority: 'HIGH',
      estimate: 5,
    });
    expect(cardFor(alert(), 'GENERIC', team, 'NONE')).toMatchObject({
      priority: 'NONE',
      estimate: 5,
    });
  });

  it('caps labels at 60 characters and leaves out empty ones', () => {
    const card = cardFor(
      alert({ name: 'A very long alert name '.repeat(5), environment: '   ', component: null }),
      'GENERIC',
      settings(),
      null,
    );
    expect(card.labels).toHaveLength(1);
    expect(card.labels[0]).toHaveLength(60);
    expect(card.labels[0]).toMatch(/^alert:A-very-long-alert-name-A-very/);
  });

  it('caps the title at 500 characters', () => {
    expect(
      cardFor(alert({ title: 'x'.repeat(600) }), 'GENERIC', settings(), null).title,
    ).toHaveLength(500);
  });
});

describe('mergeGroup', () => {
  const members = (): NormalizedAlert[] => [
    alert({
      fingerprint: 'a',
      severity: 'WARNING',
      labels: { alertname: 'DiskFull', env: 'prod', instance: 'db-1', severity: 'warning' },
      instance: 'db-1',
      links: [{ title: 'Source', url: 'http://a.example' }],
      startsAt: new Date('2026-11-20T09:00:00Z'),
      notes: ['truncated'],
    }),
    alert({
      fingerprint: 'b',
      severity: 'CRITICAL',
      title: 'Disk full on db-2',
      labels: { alertname: 'DiskFull', env: 'prod', instance: 'db-2', severity: 'critical' },
      instance: 'db-2',
      links: [
        { title: 'Source', url: 'http://a.example' },
        { title: 'Runbook', url: 'http://runbook.example' },
      ],
      startsAt: new Date('2026-11-20T08:00:00Z'),
      notes: ['truncated'],
    }),
    alert({
      fingerprint: 'c',
      status: 'RESOLVED',
      severity: 'CRITICAL',
      labels: {
        alertname: 'DiskFull',
        env: 'prod',
        instance: 'db-3',
        severity: 'critical',
        extra: 'x',
      },
      instance: 'db-3',
      startsAt: new Date('2026-11-20T07:00:00Z'),
      endsAt: new Date('2026-11-20T10:00:00Z'),
      acknowledged: true,
    }),
  ];

  it('fires while any member fires, led by the most severe firing member', () => {
    const merged = mergeGroup(members());
    expect(merged).toMatchObject({
      status: 'FIRING',
      severity: 'CRITICAL',
      fingerprint: 'b',
      title: 'Disk full on db-2',
      instance: null,
      endsAt: null,
      acknowledged: true,
      notes: ['truncated'],
    });
    expect(merged.startsAt).toEqual(new Date('2026-11-20T07:00:00Z'));
    // Labels common to all members, plus the lead's severity.
    expect(merged.labels).toEqual({ alertname: 'DiskFull', env: 'prod', severity: 'critical' });
    expect(merged.links).toEqual([
      { title: 'Source', url: 'http://a.example' },
      { title: 'Runbook', url: 'http://runbook.example' },
    ]);
  });

  it('is resolved when every member is, ending with the last of them', () => {
    const all = members().map((m, i) => ({
      ...m,
      status: 'RESOLVED' as const,
      endsAt: new Date(`2026-11-20T1${i}:00:00Z`),
    }));
    const merged = mergeGroup(all);
    expect(merged.status).toBe('RESOLVED');
    expect(merged.endsAt).toEqual(new Date('2026-11-20T12:00:00Z'));
  });

  it('keeps the instance of a group of one', () => {
    expect(mergeGroup([members()[0]!]).instance).toBe('db-1');
  });
});

describe('priorityRank', () => {
  it('orders URGENT > HIGH > MEDIUM > LOW > NONE', () => {
    const ranks = (['URGENT', 'HIGH', 'MEDIUM', 'LOW', 'NONE'] as const).map(priorityRank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(new Set(ranks).size).toBe(5);
  });
});
