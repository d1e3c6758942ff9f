import { alertSettingsOf } from '../alert-settings';
import { CompiledRules } from '../integrations/alert-rules';
import type { NormalizedAlert } from '../parsers';
import type { DeliveryJob } from './delivery.types';
import { itemsOf, planRounds, type RoundUnit } from './delivery-rounds';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const SETTINGS = alertSettingsOf({ alertPriorities: null, alertEstimates: null });

function alert(key: string, overrides: Partial<NormalizedAlert> = {}): NormalizedAlert {
  return {
    dedupKey: key,
    fingerprint: key,
    groupKey: null,
    status: 'FIRING',
    acknowledged: false,
    severity: 'WARNING',
    sourcePriority: null,
    name: key,
    title: `Alert ${key}`,
    description: null,
    environment: null,
    component: null,
    instance: null,
    value: null,
    labels: { alertname: key },
    annotations: {},
    links: [],
    startsAt: NOW,
    endsAt: null,
    notes: [],
    ...overrides,
  };
}

function job(...alerts: NormalizedAlert[]): DeliveryJob {
  return {
    alerts,
    delivery: {
      id: `d-${Math.random()}`,
      receivedAt: NOW,
      requestId: null,
      contentType: 'application/json',
      headers: {},
      body: '{}',
      replayOfId: null,
    },
  };
}

/** Each round as "key:first delivery+repeating deliveries". */
const shape = (rounds: RoundUnit[][]): string[][] =>
  rounds.map((round) =>
    round.map(
      (u) =>
        `${u.first.unit.alert.dedupKey}:${u.first.job}` +
        u.repeats.map((r) => `+${r.job}`).join(''),
    ),
  );

describe('planRounds', () => {
  const rules = new CompiledRules({});

  it('puts different alerts in one round and identical repeats with the first', () => {
    const { rounds } = planRounds(
      [job(alert('a')), job(alert('a')), job(alert('b'))],
      rules,
      SETTINGS,
    );
    expect(shape(rounds)).toEqual([['a:0+1', 'b:2']]);
  });

  it('moves news that changes an alert one round after the news before it', () => {
    const resolved = { status: 'RESOLVED' as const };
    const { rounds } = planRounds(
      [
        job(alert('a'), alert('b')),
        job(alert('a', resolved)),
        job(alert('a', resolved), alert('c')),
        job(alert('a')),
        job(alert('b', { severity: 'CRITICAL' })),
        job(alert('b', { acknowledged: true, severity: 'CRITICAL' })),
      ],
      rules,
      SETTINGS,
    );
    expect(shape(rounds)).toEqual([
      ['a:0', 'b:0', 'c:2'],
      ['a:1+2', 'b:4'],
      ['a:3', 'b:5'],
    ]);
  });

  it('counts what the rules ignore and merges one delivery’s alerts of one key', () => {
    const ignoring = new CompiledRules({
      ignore: [{ matchers: [{ label: 'alertname', op: 'EQ', value: 'noise' }] }],
    });
    const { rounds, states } = planRounds(
      [job(alert('noise'), alert('a'), alert('a')), job(alert('a'))],
      ignoring,
      SETTINGS,
    );
    expect(shape(rounds)).toEqual([['a:0+1']]);
    expect(states.map((s) => [s.summary.received, s.summary.ignored])).toEqual([
      [3, 1],
      [1, 0],
    ]);
    expect(rounds[0]![0]!.first.unit.members).toHaveLength(2);
  });

  it('lists a delivery’s items in key order whatever round they came from', () => {
    const { rounds, states } = planRounds(
      [job(alert('b'), alert('a')), job(alert('b', { status: 'RESOLVED' }), alert('a'))],
      rules,
      SETTINGS,
    );
    for (const round of rounds)
      for (const unit of round) {
        states[unit.first.job]!.items.push({ unit, outcome: 'created' });
        for (const r of unit.repeats) states[r.job]!.items.push({ unit, outcome: 'updated' });
      }
    expect(itemsOf(states[1]!).map((i) => `${i.dedupKey}:${i.outcome}`)).toEqual([
      'a:updated',
      'b:created',
    ]);
  });
});
