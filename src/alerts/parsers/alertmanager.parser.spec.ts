import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { parseAlertmanagerPayload } from './alertmanager.parser';
import type { NormalizedAlert, ParseOptions } from './normalized-alert';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/alerts');
const BY_ALERT: ParseOptions = { dedupBy: 'ALERT' };
const BY_GROUP: ParseOptions = { dedupBy: 'GROUP' };
const GROUP_KEY = '{}/{team="payments"}:{alertname="HighErrorRate", env="production"}';

type Json = Record<string, unknown>;

function fixture(name: string): Json {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as Json;
}

function payload(alerts: unknown[], extra: Json = {}): Json {
  return { version: '4', groupKey: 'g1', externalURL: 'http://am:9093', alerts, ...extra };
}

function alertItem(labels: Record<string, string>, extra: Json = {}): Json {
  return { status: 'firing', labels, annotations: {}, startsAt: '2026-11-20T09:00:00Z', ...extra };
}

function parseOne(item: Json, options: ParseOptions = BY_ALERT): NormalizedAlert {
  const { alerts } = parseAlertmanagerPayload(payload([item]), options);
  expect(alerts).toHaveLength(1);
  return alerts[0]!;
}

describe('parseAlertmanagerPayload: fixtures', () => {
  it('normalizes every alert of the firing fixture', () => {
    const delivery = parseAlertmanagerPayload(fixture('alertmanager-firing.json'), BY_ALERT);
    expect(delivery.kind).toBe('ALERTMANAGER');
    expect(delivery.alerts.map((a) => a.dedupKey)).toEqual([
      'a3f9c2e41b7d5e60',
      '5c0e8d17f2a94b33',
    ]);
    const [first, second] = delivery.alerts;
    expect(first).toEqual({
      dedupKey: 'a3f9c2e41b7d5e60',
      fingerprint: 'a3f9c2e41b7d5e60',
      groupKey: GROUP_KEY,
      status: 'FIRING',
      acknowledged: false,
      severity: 'CRITICAL',
      sourcePriority: null,
      name: 'HighErrorRate',
      title: '5xx ratio above 5% on checkout-api',
      description: 'Error ratio is 7.3% over the last 5 minutes on checkout-7f9c:8080.',
      environment: 'production',
      component: 'checkout-api',
      instance: 'checkout-7f9c:8080',
      value: null,
      labels: {
        alertname: 'HighErrorRate',
        env: 'production',
        severity: 'critical',
        team: 'payments',
        service: 'checkout-api',
        instance: 'checkout-7f9c:8080',
      },
      annotations: {
        summary: '5xx ratio above 5% on checkout-api',
        description: 'Error ratio is 7.3% over the last 5 minutes on checkout-7f9c:8080.',
        runbook_url: 'https://runbooks.example.com/HighErrorRate',
      },
      links: [
        {
          title: 'Source',
          url: 'http://prometheus.example.com:9090/graph?g0.expr=job%3Ahttp_5xx%3Aratio5m+%3E+0.05',
        },
        { title: 'Runbook', url: 'https://runbooks.example.com/HighErrorRate' },
        {
          title: 'Silence',
          url:
            'http://alertmanager.example.com:9093/#/silences/new?filter=' +
            encodeURIComponent(
              '{alertname="HighErrorRate",env="production",instance="checkout-7f9c:8080",' +
                'service="checkout-api",severity="critical",team="payments"}',
            ),
        },
      ],
      startsAt: new Date('2026-11-20T09:14:03.123Z'),
      endsAt: null,
      notes: [],
    });
    expect(second!.instance).toBe('checkout-2b1d:8080');
    expect(second!.startsAt).toEqual(new Date('2026-11-20T09:14:33.456Z'));
  });

  it('reads the resolved fixture as resolved alerts with their end time', () => {
    const { alerts } = parseAlertmanagerPayload(fixture('alertmanager-resolved.json'), BY_ALERT);
    expect(alerts.map((a) => [a.dedupKey, a.status, a.endsAt?.toISOString()])).toEqual([
      ['a3f9c2e41b7d5e60', 'RESOLVED', '2026-11-20T09:41:10.000Z'],
      ['5c0e8d17f2a94b33', 'RESOLVED', '2026-11-20T09:41:10.000Z'],
    ]);
    expect(alerts[0]!.startsAt).toEqual(new Date('2026-11-20T09:14:03.123Z'));
  });

  it('dedups the whole group on its groupKey with dedupBy GROUP, keeping each fingerprint', () => {
    const { alerts } = parseAlertmanagerPayload(fixture('alertmanager-firing.json'), BY_GROUP);
    expect(alerts.map((a) => [a.dedupKey, a.fingerprint])).toEqual([
      [GROUP_KEY, 'a3f9c2e41b7d5e60'],
      [GROUP_KEY, '5c0e8d17f2a94b33'],
    ]);
    expect(alerts[0]!.notes).toEqual([]);
  });
});

describe('parseAlertmanagerPayload: behaviour', () => {
  it('parses a grouped storm of 1000 alerts, each with its own key', () => {
    const items = Array.from({ length: 1000 }, (_, i) =>
      alertItem({ alertname: 'PodCrashLooping', pod: `api-${i}` }, { fingerprint: `fp-${i}` }),
    );
    const { alerts } = parseAlertmanagerPayload(payload(items), BY_ALERT);
    expect(alerts).toHaveLength(1000);
    expect(new Set(alerts.map((a) => a.dedupKey)).size).toBe(1000);
    expect(alerts[999]!.labels.pod).toBe('api-999');
  });

  it('puts one card key on a whole storm with dedupBy GROUP', () => {
    const items = Array.from({ length: 50 }, (_, i) =>
      alertItem({ alertname: 'PodCrashLooping', pod: `api-${i}` }),
    );
    const { alerts } = parseAlertmanagerPayload(payload(items, { groupKey: 'storm' }), BY_GROUP);
    expect(new Set(alerts.map((a) => a.dedupKey))).toEqual(new Set(['storm']));
    expect(new Set(alerts.map((a) => a.fingerprint)).size).toBe(50);
  });

  it('accepts an empty alerts array as zero alerts', () => {
    expect(parseAlertmanagerPayload(payload([]), BY_ALERT)).toEqual({
      kind: 'ALERTMANAGER',
      alerts: [],
    });
  });

  it('notes truncated alerts on every alert of the delivery', () => {
    const items = [alertItem({ alertname: 'A' }), alertItem({ alertname: 'B' })];
    const { alerts } = parseAlertmanagerPayload(payload(items, { truncatedAlerts: 3 }), BY_ALERT);
    expect(alerts.map((a) => a.notes)).toEqual([
      ['Alertmanager truncated 3 alerts of this group'],
      ['Alertmanager truncated 3 alerts of this group'],
    ]);
  });

  it('says "1 alert" for a single truncated alert', () => {
    const body = payload([alertItem({ alertname: 'A' })], { truncatedAlerts: 1 });
    expect(parseAlertmanagerPayload(body, BY_ALERT).alerts[0]!.notes).toEqual([
      'Alertmanager truncated 1 alert of this group',
    ]);
  });

  it('computes a stable fingerprint from sorted labels when the alert has none', () => {
    const a = parseOne(alertItem({ alertname: 'X', zone: 'eu', env: 'prod' }));
    const b = parseOne(alertItem({ env: 'prod', zone: 'eu', alertname: 'X' }));
    const c = parseOne(alertItem({ env: 'prod', zone: 'us', alertname: 'X' }));
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(a.dedupKey).toBe(a.fingerprint);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(c.fingerprint).not.toBe(a.fingerprint);
  });

  it('falls back to the fingerprint with a note when GROUP dedup has no groupKey', () => {
    const body = { version: '4', alerts: [alertItem({ alertname: 'A' }, { fingerprint: 'f1' })] };
    const [alert] = parseAlertmanagerPayload(body, BY_GROUP).alerts;
    expect(alert!.groupKey).toBeNull();
    expect(alert!.dedupKey).toBe('f1');
    expect(alert!.notes).toEqual([
      'Alertmanager sent no groupKey: this alert is deduplicated on its own',
    ]);
  });

  it('fills defaults when optional fields are missing', () => {
    const body = { version: '4', alerts: [{ status: 'firing', labels: { alertname: 'Bare' } }] };
    const [alert] = parseAlertmanagerPayload(body, BY_ALERT).alerts;
    expect(alert).toMatchObject({
      groupKey: null,
      severity: 'UNKNOWN',
      name: 'Bare',
      title: 'Bare',
      description: null,
      environment: null,
      component: null,
      instance: null,
      annotations: {},
      links: [],
      startsAt: null,
      endsAt: null,
      notes: [],
    });
  });

  it('names an alert without alertname "Unnamed alert"', () => {
    expect(parseOne(alertItem({ job: 'node' })).name).toBe('Unnamed alert');
  });

  it('titles from the title annotation without summary and reads message as description', () => {
    const alert = parseOne(
      alertItem({ alertname: 'A' }, { annotations: { title: 'T', message: 'M' } }),
    );
    expect([alert.title, alert.description]).toEqual(['T', 'M']);
  });

  it('uses environment, then component and job, in order', () => {
    const alert = parseOne(alertItem({ alertname: 'A', environment: 'qa', job: 'node' }));
    expect([alert.environment, alert.component]).toEqual(['qa', 'node']);
    const both = parseOne(alertItem({ alertname: 'A', component: 'db', job: 'node' }));
    expect(both.component).toBe('db');
  });

  it('nulls the provisional end time Alertmanager sends with a firing alert', () => {
    const alert = parseOne(alertItem({ alertname: 'A' }, { endsAt: '2026-11-20T09:20:00Z' }));
    expect(alert.endsAt).toBeNull();
  });

  it('adds dashboard annotations and drops non-http links, each URL once', () => {
    const alert = parseOne(
      alertItem(
        { alertname: 'A' },
        {
          generatorURL: 'javascript:alert(1)',
          annotations: {
            runbook_url: 'runbooks/A.md',
            dashboard_url: 'https://grafana/d/1',
            dashboardURL: 'https://grafana/d/1',
          },
        },
      ),
    );
    expect(alert.links.map((l) => [l.title, l.url.slice(0, 22)])).toEqual([
      ['Dashboard', 'https://grafana/d/1'],
      ['Silence', 'http://am:9093/#/silen'],
    ]);
  });

  it('escapes quotes and backslashes in the silence matchers', () => {
    const alert = parseOne(alertItem({ alertname: 'A', path: 'C:\\x "y"' }));
    const silence = alert.links.find((l) => l.title === 'Silence')!;
    const filter = decodeURIComponent(silence.url.split('filter=')[1]!);
    expect(filter).toBe('{alertname="A",path="C:\\\\x \\"y\\""}');
  });

  it('makes no silence link without an externalURL', () => {
    const body = { version: '4', alerts: [alertItem({ alertname: 'A' })] };
    expect(parseAlertmanagerPayload(body, BY_ALERT).alerts[0]!.links).toEqual([]);
  });

  it('passes unicode through intact and truncates long summaries on code points', () => {
    const summary = `${'🔥'.repeat(600)}`;
    const alert = parseOne(
      alertItem(
        { alertname: 'Überlast', service: '支付服务', env: 'prod' },
        { annotations: { summary, description: 'Ошибка 💥 on «node-7»' } },
      ),
    );
    expect(alert.name).toBe('Überlast');
    expect(alert.component).toBe('支付服务');
    expect(alert.description).toBe('Ошибка 💥 on «node-7»');
    expect(Array.from(alert.title)).toHaveLength(500);
    expect(alert.title).toBe(`${'🔥'.repeat(499)}…`);
  });

  it('keeps a "__proto__" label as an ordinary label', () => {
    const body = JSON.parse(
      '{"version":"4","alerts":[{"status":"firing","labels":{"alertname":"A","__proto__":"x"}}]}',
    ) as unknown;
    const [alert] = parseAlertmanagerPayload(body, BY_ALERT).alerts;
    expect(Object.keys(alert!.labels)).toEqual(['alertname', '__proto__']);
    expect(Object.getPrototypeOf(alert!.labels)).toBe(Object.prototype);
  });

  it('ignores unknown extra fields', () => {
    const body = payload([alertItem({ alertname: 'A' }, { extra: { nested: [1] } })], {
      receiver: 7,
      somethingNew: null,
    });
    expect(parseAlertmanagerPayload(body, BY_ALERT).alerts[0]!.name).toBe('A');
  });
});
