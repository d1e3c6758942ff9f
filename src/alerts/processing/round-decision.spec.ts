import {
  deliveryOf,
  integrationOf,
  knownAlert,
  minutesAgo,
  NOW,
  parsedAlert,
} from '../../../test/helpers/processing-builders';
import { alertSettingsOf } from '../alert-settings';
import { type AlertRules, CompiledRules } from '../integrations/alert-rules';
import type { LockedAlert } from './alerts.repository';
import { planRounds, type RoundUnit } from './delivery-rounds';
import type { DeliveryJob } from './delivery.types';
import {
  decideRound,
  type LockedState,
  orderRound,
  recordRound,
  type RoundContext,
  roundTime,
} from './round-decision';

const SETTINGS = alertSettingsOf({ alertPriorities: null, alertEstimates: null });

function context(jobs: DeliveryJob[], rules: AlertRules = {}): RoundContext {
  return {
    integration: integrationOf(),
    team: { id: 'team-1', key: 'OPS' },
    entryColumnId: 'col-triage',
    columnIds: new Set(['col-triage', 'col-db']),
    rules: new CompiledRules(rules),
    settings: SETTINGS,
    jobs,
  };
}

/** The batch's rounds, as AlertProcessor gets them. */
function roundsOf(jobs: DeliveryJob[], rules: AlertRules = {}): RoundUnit[][] {
  return planRounds(jobs, new CompiledRules(rules), SETTINGS).rounds.map(orderRound);
}

const newAlerts = (...keys: string[]): LockedState => ({
  inserted: new Set(keys),
  existing: new Map(),
});

const known = (...alerts: LockedAlert[]): LockedState => ({
  inserted: new Set(),
  existing: new Map(alerts.map((a) => [a.dedupKey, a])),
});

/** Decides the first round of one delivery of `alert`. */
function decideOne(alert = parsedAlert('a'), locked: LockedState = newAlerts('a'), rules = {}) {
  const jobs = [deliveryOf([alert])];
  const [round] = roundsOf(jobs, rules);
  return { unit: round![0]!, decision: decideRound(round!, locked, context(jobs, rules)) };
}

describe('decideRound: a new alert', () => {
  it('opens a card in the entry column, starts an episode and counts a creation', () => {
    const { unit, decision } = decideOne();
    expect(decision.cards.creates).toEqual([
      expect.objectContaining({
        alertId: unit.id,
        columnId: 'col-triage',
        relatedTaskId: null,
        note: 'opened by Prod Alertmanager',
        fields: expect.objectContaining({ title: 'Disk full (a)', priority: 'MEDIUM' }),
      }),
    ]);
    expect(decision.episodes).toEqual({
      starts: [{ alertId: unit.id, teamId: 'team-1', startedAt: minutesAgo(30) }],
      ends: [],
    });
    expect(decision.tallies).toEqual([{ job: 0, unit, outcome: 'created' }]);
    expect(decision.movers).toEqual(new Set([0]));
    expect(decision.writes).toEqual([
      {
        unit,
        write: expect.objectContaining({
          id: unit.id,
          status: 'FIRING',
          occurrencesDelta: 0,
          taskId: null,
          deliveryId: 'delivery-1',
        }),
      },
    ]);
  });

  it('records a first resolve with its finished episode, and no card', () => {
    const endsAt = minutesAgo(5);
    const { unit, decision } = decideOne(parsedAlert('a', { status: 'RESOLVED', endsAt }));
    expect(decision.cards).toEqual({ creates: [], reopens: [], touches: [], resolves: [] });
    expect(decision.episodes.starts).toEqual([
      { alertId: unit.id, teamId: 'team-1', startedAt: minutesAgo(30), endedAt: endsAt },
    ]);
    expect(decision.tallies).toEqual([{ job: 0, unit, outcome: 'resolved' }]);
    expect(decision.movers.size).toBe(0);
  });

  it('starts no episode for a first resolve that says nothing of its start', () => {
    const alert = parsedAlert('a', { status: 'RESOLVED', startsAt: null });
    expect(decideOne(alert).decision.episodes).toEqual({ starts: [], ends: [] });
  });

  it('dates an episode without a start time at receipt', () => {
    const { decision } = decideOne(parsedAlert('a', { startsAt: null }));
    expect(decision.episodes.starts[0]?.startedAt).toEqual(NOW);
  });

  it('routes by rule to a column of the team, with the rule’s priority', () => {
    const rules: AlertRules = {
      routes: [{ matchers: [{ label: 'team', op: 'EQ', value: 'db' }], columnId: 'col-db' }],
      priorityOverrides: [
        { matchers: [{ label: 'team', op: 'EQ', value: 'db' }], priority: 'URGENT' },
      ],
    };
    const alert = parsedAlert('a', { labels: { team: 'db' } });
    const [card] = decideOne(alert, newAlerts('a'), rules).decision.cards.creates;
    expect(card?.columnId).toBe('col-db');
    expect(card?.fields.priority).toBe('URGENT');
  });

  it('falls back to the entry column when the routed column is not the team’s', () => {
    const rules: AlertRules = {
      routes: [{ matchers: [{ label: 'team', op: 'EQ', value: 'db' }], columnId: 'col-gone' }],
    };
    const alert = parsedAlert('a', { labels: { team: 'db' } });
    const [card] = decideOne(alert, newAlerts('a'), rules).decision.cards.creates;
    expect(card?.columnId).toBe('col-triage');
  });

  it('skips a key neither inserted nor found (deleted concurrently)', () => {
    const { decision } = decideOne(parsedAlert('a'), newAlerts());
    expect(decision.writes).toEqual([]);
    expect(decision.tallies).toEqual([]);
    expect(decision.cards.creates).toEqual([]);
    expect(decision.episodes).toEqual({ starts: [], ends: [] });
  });
});

describe('decideRound: a known alert', () => {
  it('counts a repeat on its open card without touching the card', () => {
    const { unit, decision } = decideOne(parsedAlert('a'), known(knownAlert('a')));
    expect(decision.cards.touches).toEqual([]);
    expect(decision.tallies).toEqual([{ job: 0, unit, outcome: 'updated' }]);
    expect(decision.writes[0]?.write).toEqual(
      expect.objectContaining({ id: 'alert-a', occurrencesDelta: 1, taskId: 'task-a' }),
    );
    expect(decision.episodes).toEqual({ starts: [], ends: [] });
  });

  it('raises its card’s priority when the severity rose', () => {
    const alert = parsedAlert('a', { severity: 'CRITICAL' });
    const { decision } = decideOne(alert, known(knownAlert('a')));
    expect(decision.cards.touches).toEqual([
      expect.objectContaining({ taskId: 'task-a', raisePriority: 'URGENT' }),
    ]);
    expect(decision.movers.size).toBe(0);
  });

  it('resolves its open card, ends the episode at the source’s end, keeps the severity', () => {
    const endsAt = minutesAgo(2);
    const alert = parsedAlert('a', { status: 'RESOLVED', endsAt, severity: 'INFO' });
    const { unit, decision } = decideOne(alert, known(knownAlert('a', { severity: 'HIGH' })));
    expect(decision.cards.resolves).toEqual([{ taskId: 'task-a', moveIfUnstarted: true, endsAt }]);
    expect(decision.episodes.ends).toEqual([{ alertId: 'alert-a', endedAt: endsAt }]);
    expect(decision.tallies).toEqual([{ job: 0, unit, outcome: 'resolved' }]);
    expect(decision.writes[0]?.write.alert.severity).toBe('HIGH');
  });

  it('reopens a card done within the reopen window', () => {
    const locked = knownAlert('a', { status: 'RESOLVED' }, { completedAt: minutesAgo(60) });
    const { unit, decision } = decideOne(parsedAlert('a'), known(locked));
    expect(decision.cards.reopens).toEqual([{ taskId: 'task-a', alertTitle: 'Disk full (a)' }]);
    expect(decision.tallies).toEqual([{ job: 0, unit, outcome: 'reopened' }]);
    expect(decision.movers).toEqual(new Set([0]));
    expect(decision.episodes.starts).toEqual([
      { alertId: 'alert-a', teamId: 'team-1', startedAt: minutesAgo(30) },
    ]);
  });

  it('opens a linked card when the old one was done before the window', () => {
    const locked = knownAlert('a', { status: 'RESOLVED' }, { completedAt: minutesAgo(3000) });
    const [card] = decideOne(parsedAlert('a'), known(locked)).decision.cards.creates;
    expect(card).toEqual(
      expect.objectContaining({
        alertId: 'alert-a',
        relatedTaskId: 'task-a',
        note: 'opened by an alert that fired again after its card was done',
      }),
    );
  });
});

describe('decideRound: observations folded within a round', () => {
  const later = new Date(NOW.getTime() + 60_000);
  const jobs = [
    deliveryOf([parsedAlert('a')], { id: 'd-1' }),
    deliveryOf([parsedAlert('a', { title: 'Disk still full' })], { id: 'd-2', receivedAt: later }),
  ];

  it('counts a later identical observation as a repeat, written as it last read', () => {
    const [round] = roundsOf(jobs);
    const unit = round![0]!;
    const decision = decideRound(round!, known(knownAlert('a')), context(jobs));
    expect(decision.tallies).toEqual([
      { job: 0, unit, outcome: 'updated' },
      { job: 1, unit, outcome: 'updated' },
    ]);
    expect(decision.writes[0]?.write).toEqual(
      expect.objectContaining({ occurrencesDelta: 2, deliveryId: 'd-2' }),
    );
    expect(decision.writes[0]?.write.alert.title).toBe('Disk still full');
  });

  it('ends a repeated resolve when its latest observation arrived', () => {
    const resolved = (id: string, receivedAt: Date): DeliveryJob =>
      deliveryOf([parsedAlert('a', { status: 'RESOLVED' })], { id, receivedAt });
    const twice = [resolved('d-1', NOW), resolved('d-2', later)];
    const [round] = roundsOf(twice);
    const decision = decideRound(round!, known(knownAlert('a')), context(twice));
    expect(decision.writes[0]?.write.endsAt).toEqual(later);
    expect(decision.episodes.ends).toEqual([{ alertId: 'alert-a', endedAt: NOW }]);
  });
});

describe('orderRound and roundTime', () => {
  it('orders by delivery, then by key, and dates the round at its latest arrival', () => {
    const later = new Date(NOW.getTime() + 60_000);
    const jobs = [
      deliveryOf([parsedAlert('b'), parsedAlert('c')]),
      deliveryOf([parsedAlert('a'), parsedAlert('c')], { receivedAt: later }),
    ];
    const units = planRounds(jobs, new CompiledRules({}), SETTINGS).rounds[0]!;
    const ordered = orderRound([...units].reverse());
    expect(ordered.map((u) => `${u.first.job}:${u.first.unit.alert.dedupKey}`)).toEqual([
      '0:b',
      '0:c',
      '1:a',
    ]);
    expect(roundTime(ordered, jobs)).toEqual(later);
  });
});

describe('recordRound', () => {
  it('tells each delivery its outcomes, and overfull columns only to those that moved cards', () => {
    const jobs = [deliveryOf([parsedAlert('a')]), deliveryOf([parsedAlert('b')])];
    const { states, rounds } = planRounds(jobs, new CompiledRules({}), SETTINGS);
    const round = orderRound(rounds[0]!);
    const locked: LockedState = {
      inserted: new Set(['a']),
      existing: new Map([['b', knownAlert('b')]]),
    };
    const column = { columnId: 'col-triage', name: 'Triage', wipLimit: 1, cards: 2 };
    recordRound(states, decideRound(round, locked, context(jobs)), [column]);
    expect(states.map((s) => [s.summary.created, s.summary.updated])).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(states.map((s) => s.items.map((i) => i.outcome))).toEqual([['created'], ['updated']]);
    expect(states.map((s) => [...s.overfull.values()])).toEqual([[column], []]);
  });
});
