import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

import {
  PayloadError,
  parseAlertPayload,
  type AlertKind,
  type NormalizedAlert,
  type ParsedDelivery,
} from './index';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/alerts');
const NOW = new Date('2026-11-25T12:00:00Z');
const KINDS: readonly AlertKind[] = [
  'ALERTMANAGER',
  'GRAFANA',
  'KAPACITOR',
  'PAGERDUTY',
  'GENERIC',
];
const KIND_BY_PREFIX: Readonly<Record<string, AlertKind>> = {
  alertmanager: 'ALERTMANAGER',
  grafana: 'GRAFANA',
  kapacitor: 'KAPACITOR',
  pagerduty: 'PAGERDUTY',
  generic: 'GENERIC',
};

function fixtures(): { file: string; kind: AlertKind; body: unknown }[] {
  return readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      kind: KIND_BY_PREFIX[file.split('-')[0]!]!,
      body: JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as unknown,
    }));
}

describe('parseAlertPayload', () => {
  it('finds a fixture for every kind', () => {
    expect(new Set(fixtures().map((f) => f.kind))).toEqual(new Set(KINDS));
  });

  it.each(fixtures().map((f) => [f.file, f.kind, f.body] as const))(
    'dispatches %s to the %s parser',
    (file, kind, body) => {
      const delivery = parseAlertPayload(kind, body, { dedupBy: 'ALERT', now: NOW });
      expect(delivery.kind).toBe(kind);
      const expectedCount = file.startsWith('alertmanager') ? 2 : 1;
      expect(delivery.alerts).toHaveLength(expectedCount);
      const resolved = /resolved|-ok/.test(file);
      expect(delivery.alerts.map((a) => a.status)).toEqual(
        Array<string>(expectedCount).fill(resolved ? 'RESOLVED' : 'FIRING'),
      );
    },
  );

  it('keeps the firing and resolved fixtures of each source on the same dedup keys', () => {
    const keys = (file: string, kind: AlertKind) =>
      parseAlertPayload(kind, fixtures().find((f) => f.file === file)!.body, {
        dedupBy: 'ALERT',
      }).alerts.map((a) => a.dedupKey);
    const pairs: [string, string, AlertKind][] = [
      ['alertmanager-firing.json', 'alertmanager-resolved.json', 'ALERTMANAGER'],
      ['kapacitor-critical.json', 'kapacitor-ok.json', 'KAPACITOR'],
      ['pagerduty-incident-triggered.json', 'pagerduty-incident-resolved.json', 'PAGERDUTY'],
      ['generic-firing.json', 'generic-resolved.json', 'GENERIC'],
    ];
    for (const [firing, resolved, kind] of pairs) {
      expect(keys(resolved, kind)).toEqual(keys(firing, kind));
    }
  });

  it('rejects a body of another kind with a PayloadError', () => {
    const body = fixtures().find((f) => f.file === 'generic-firing.json')!.body;
    expect(() => parseAlertPayload('KAPACITOR', body, { dedupBy: 'ALERT' })).toThrow(
      new PayloadError('id', 'id is required'),
    );
  });
});

// A seeded generator, so a failure reproduces.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'version',
  'alerts',
  'status',
  'labels',
  'annotations',
  'startsAt',
  'endsAt',
  'fingerprint',
  'groupKey',
  'truncatedAlerts',
  'externalURL',
  'values',
  'valueString',
  'silenceURL',
  'id',
  'level',
  'time',
  'duration',
  'data',
  'series',
  'tags',
  'columns',
  'event',
  'event_type',
  'occurred_at',
  'incident_key',
  'title',
  'priority',
  'summary',
  'service',
  'teams',
  'hosts',
  'links',
  'url',
  'start_time',
  'end_time',
  'severity',
  '__proto__',
  'constructor',
  'toString',
];
const STRINGS = [
  '',
  ' ',
  '4',
  '1',
  'firing',
  'resolved',
  'OK',
  'CRITICAL',
  'incident.triggered',
  'incident.priority_updated',
  'incident',
  'triggered',
  'acknowledged',
  '2026-11-20T09:14:03Z',
  '0001-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  'http://x.example/a',
  'javascript:x',
  'P1',
  '🔥💥',
  '\u0000',
  'a:b',
  '&#34;',
];

function randomJson(next: () => number, depth: number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const roll = next();
  if (depth <= 0 || roll < 0.45) {
    return pick<unknown>([
      null,
      true,
      false,
      0,
      -1,
      1.5,
      1e308,
      3,
      pick(STRINGS),
      pick(STRINGS),
      pick(STRINGS),
    ]);
  }
  const size = Math.floor(next() * 4);
  if (roll < 0.65) return Array.from({ length: size }, () => randomJson(next, depth - 1));
  const entries = Array.from({ length: size + 1 }, () => [pick(KEYS), randomJson(next, depth - 1)]);
  return JSON.parse(JSON.stringify(Object.fromEntries(entries))) as unknown;
}

/** Replaces one value somewhere inside `body` (a JSON clone) with random JSON. */
function mutate(body: unknown, next: () => number): unknown {
  const copy = JSON.parse(JSON.stringify(body)) as unknown;
  let node = copy;
  for (let steps = Math.floor(next() * 5); steps >= 0; steps--) {
    if (typeof node !== 'object' || node === null) break;
    const container = node as Record<string, unknown>;
    const keys = Object.keys(container);
    if (keys.length === 0) break;
    const key = keys[Math.floor(next() * keys.length)]!;
    if (steps === 0 || next() < 0.3) {
      container[key] = randomJson(next, 2);
      break;
    }
    node = container[key];
  }
  return copy;
}

/** What no parsed alert may ever look like, as readable complaints. */
function violations(alert: NormalizedAlert): string[] {
  const problems: string[] = [];
  if (Array.from(alert.title).length > 500) problems.push('title over 500');
  if (Array.from(alert.description ?? '').length > 10_000) problems.push('description over 10k');
  if (alert.dedupKey === '') problems.push('empty dedupKey');
  if (alert.links.some((link) => !/^https?:\/\//.test(link.url))) problems.push('non-http link');
  for (const date of [alert.startsAt, alert.endsAt]) {
    if (date !== null && Number.isNaN(date.getTime())) problems.push('invalid date');
  }
  if (alert.status === 'FIRING' && alert.endsAt !== null) problems.push('firing with endsAt');
  if (Object.values(alert.labels).some((v) => typeof v !== 'string')) problems.push('bad label');
  return problems;
}

function outcome(kind: AlertKind, body: unknown): 'parsed' | 'rejected' {
  let delivery: ParsedDelivery;
  try {
    delivery = parseAlertPayload(kind, body, { dedupBy: 'GROUP', now: NOW });
  } catch (error) {
    if (error instanceof PayloadError) return 'rejected';
    throw new Error(`${kind} threw ${String(error)} for ${JSON.stringify(body)}`, {
      cause: error,
    });
  }
  const problems = delivery.alerts.flatMap(violations);
  if (problems.length > 0) {
    throw new Error(`${kind} produced ${problems.join(', ')} for ${JSON.stringify(body)}`);
  }
  return 'parsed';
}

describe('parseAlertPayload fuzzing', () => {
  it.each(KINDS)('only ever returns or throws PayloadError on random JSON for %s', (kind) => {
    const next = random(KINDS.indexOf(kind) + 1);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(outcome(kind, randomJson(next, 4)));
    expect(seen.has('rejected')).toBe(true);
  });

  it.each(KINDS)('only ever returns or throws PayloadError on mutated fixtures for %s', (kind) => {
    const next = random(100 + KINDS.indexOf(kind));
    const bodies = fixtures().filter((f) => f.kind === kind);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      seen.add(outcome(kind, mutate(bodies[i % bodies.length]!.body, next)));
    }
    // The mutations must exercise both paths to be worth anything.
    expect([...seen].sort()).toEqual(['parsed', 'rejected']);
  });
});
