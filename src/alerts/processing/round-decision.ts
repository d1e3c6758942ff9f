import type { AlertIntegration } from '../../generated/prisma/client';
import type { AlertSettings } from '../alert-settings';
import type { CompiledRules } from '../integrations/alert-rules';
import type { NormalizedAlert } from '../parsers';
import { cardFor } from './alert-card';
import type { CardChanges, NewAlertCard } from './alert-card-plan';
import {
  type CardAction,
  type Outcome,
  type Transition,
  transitionExisting,
  transitionNew,
} from './alert-transitions';
import type { AlertWrite, LockedAlert } from './alerts.repository';
import type { JobState, Observation, RoundUnit } from './delivery-rounds';
import type { DeliveryJob, ProcessResult } from './delivery.types';

/**
 * What one round of a batch does, decided without the database (AlertProcessor reads the locked
 * state before and writes the decision after): each alert's transition, the alert rows to write
 * back, the card changes, the episodes started and ended, and what each delivery is told.
 */

/** What stays the same for every round of a batch. */
export interface RoundContext {
  integration: AlertIntegration;
  team: { id: string; key: string };
  entryColumnId: string | null;
  columnIds: ReadonlySet<string>;
  rules: CompiledRules;
  settings: AlertSettings;
  jobs: readonly DeliveryJob[];
}

/** The round's alerts as the database holds them once claimed. */
export interface LockedState {
  /** Keys the round inserted (alerts seen for the first time). */
  inserted: ReadonlySet<string>;
  /** Known alerts, locked, by key. */
  existing: ReadonlyMap<string, LockedAlert>;
}

export interface EpisodeStart {
  alertId: string;
  teamId: string;
  startedAt: Date;
  endedAt?: Date | null;
}

export interface EpisodeEnd {
  alertId: string;
  endedAt: Date;
}

/** One delivery's outcome for one alert. */
export interface Tally {
  job: number;
  unit: RoundUnit;
  outcome: Outcome;
}

export interface RoundDecision {
  /** The alert rows to write back, with the unit each came from (the alert's id is `write.id`). */
  writes: { unit: RoundUnit; write: AlertWrite }[];
  cards: CardChanges;
  episodes: { starts: EpisodeStart[]; ends: EpisodeEnd[] };
  tallies: Tally[];
  /** Deliveries that moved cards into columns: they are told of columns left overfull. */
  movers: Set<number>;
}

const receivedAt = (jobs: readonly DeliveryJob[], o: Observation): Date =>
  (jobs[o.job] as DeliveryJob).delivery.receivedAt;

const lastOf = (u: RoundUnit): Observation => u.repeats[u.repeats.length - 1] ?? u.first;

/** One delivery's cards are numbered together, in key order; deliveries in arrival order. */
export function orderRound(units: readonly RoundUnit[]): RoundUnit[] {
  return [...units].sort(
    (a, b) =>
      a.first.job - b.first.job ||
      (a.first.unit.alert.dedupKey < b.first.unit.alert.dedupKey ? -1 : 1),
  );
}

/** The round's time: when the latest of its observations arrived. */
export function roundTime(units: readonly RoundUnit[], jobs: readonly DeliveryJob[]): Date {
  return new Date(Math.max(...units.map((u) => receivedAt(jobs, lastOf(u)).getTime())));
}

/** The delivery that last reported the unit's alert. */
export function lastDeliveryId(unit: RoundUnit, jobs: readonly DeliveryJob[]): string {
  return (jobs[lastOf(unit).job] as DeliveryJob).delivery.id;
}

/** Decides the round's units (in `orderRound` order) against their locked state. */
export function decideRound(
  units: readonly RoundUnit[],
  locked: LockedState,
  ctx: RoundContext,
): RoundDecision {
  const decision: RoundDecision = {
    writes: [],
    cards: { creates: [], reopens: [], touches: [], resolves: [] },
    episodes: { starts: [], ends: [] },
    tallies: [],
    movers: new Set(),
  };
  for (const entry of units) {
    const key = entry.first.unit.alert.dedupKey;
    const known = locked.existing.get(key) ?? null;
    // A key neither inserted nor found was deleted concurrently (integration removed): skip it.
    if (!known && !locked.inserted.has(key)) continue;
    decideUnit(decision, entry, known, ctx);
  }
  return decision;
}

function decideUnit(
  decision: RoundDecision,
  entry: RoundUnit,
  known: LockedAlert | null,
  ctx: RoundContext,
): void {
  const { unit, priority } = entry.first;
  const at = receivedAt(ctx.jobs, entry.first);
  const alertId = known?.id ?? entry.id;
  const transitionCtx = {
    now: at,
    reopenWindowMinutes: ctx.integration.reopenWindowMinutes,
    priority,
  };
  const transition = known
    ? transitionExisting(known, unit.alert, transitionCtx)
    : transitionNew(unit.alert, transitionCtx);
  decision.tallies.push({ job: entry.first.job, unit: entry, outcome: transition.outcome });
  for (const repeat of entry.repeats)
    decision.tallies.push({ job: repeat.job, unit: entry, outcome: 'updated' });
  addEpisodes(decision.episodes, { alertId, teamId: ctx.team.id, known, transition, at, entry });
  if (addCardChange(decision.cards, transition.card, { entry, alertId, transition, at, ctx }))
    decision.movers.add(entry.first.job);
  decision.writes.push({ unit: entry, write: alertWrite(entry, alertId, known, transition, ctx) });
}

function addEpisodes(
  episodes: RoundDecision['episodes'],
  of: {
    alertId: string;
    teamId: string;
    known: LockedAlert | null;
    transition: Transition;
    at: Date;
    entry: RoundUnit;
  },
): void {
  const { alertId, teamId, transition, at } = of;
  const alert = of.entry.first.unit.alert;
  if (transition.episode === 'start')
    episodes.starts.push({ alertId, teamId, startedAt: alert.startsAt ?? at });
  // An episode ends when the source says it did (endsAt), not when the news arrived.
  if (transition.episode === 'end')
    episodes.ends.push({ alertId, endedAt: transition.endsAt ?? at });
  // An alert first seen resolved had an episode that is already over.
  if (!of.known && alert.status === 'RESOLVED' && alert.startsAt)
    episodes.starts.push({
      alertId,
      teamId,
      startedAt: alert.startsAt,
      endedAt: transition.endsAt,
    });
}

/** Adds the card change of one alert; true when it moves a card into a column. */
function addCardChange(
  cards: CardChanges,
  card: CardAction,
  of: { entry: RoundUnit; alertId: string; transition: Transition; at: Date; ctx: RoundContext },
): boolean {
  switch (card.kind) {
    case 'create':
      cards.creates.push(newCard(of.entry, of.alertId, card.relatedTaskId, of.ctx, of.at));
      return true;
    case 'reopen':
      cards.reopens.push({ taskId: card.taskId, alertTitle: of.entry.first.unit.alert.title });
      return true;
    case 'touch':
      if (card.raisePriority || card.refired || card.acknowledged) cards.touches.push(card);
      return false;
    case 'resolve':
      cards.resolves.push({
        taskId: card.taskId,
        moveIfUnstarted: card.moveIfUnstarted,
        endsAt: of.transition.endsAt ?? of.at,
      });
      return false;
    case 'none':
      return false;
  }
}

function newCard(
  entry: RoundUnit,
  alertId: string,
  relatedTaskId: string | null,
  ctx: RoundContext,
  at: Date,
): NewAlertCard {
  const { alert, members } = entry.first.unit;
  const { integration, rules } = ctx;
  const routed = rules.columnFor(alert);
  return {
    alertId,
    fields: cardFor(alert, integration.kind, ctx.settings, rules.priorityFor(alert), members),
    columnId: routed && ctx.columnIds.has(routed) ? routed : ctx.entryColumnId,
    relatedTaskId,
    note: relatedTaskId
      ? 'opened by an alert that fired again after its card was done'
      : `opened by ${integration.name}`,
    suspect: alert.component
      ? { service: alert.component, environment: alert.environment, at: alert.startsAt ?? at }
      : null,
  };
}

/** The alert's fields as its latest observation has them; repeats change nothing else. */
function alertWrite(
  entry: RoundUnit,
  alertId: string,
  known: LockedAlert | null,
  transition: Transition,
  ctx: RoundContext,
): AlertWrite {
  const latest = lastOf(entry);
  const latestAlert = latest.unit.alert;
  const endsAt =
    transition.status === 'RESOLVED' && entry.repeats.length > 0
      ? (latestAlert.endsAt ?? receivedAt(ctx.jobs, latest))
      : transition.endsAt;
  return {
    id: alertId,
    // A recovery says nothing about how bad the alert was (Kapacitor's OK reads as INFO):
    // a known alert keeps the severity it fired with.
    alert:
      known && transition.status === 'RESOLVED'
        ? { ...latestAlert, severity: known.severity as NormalizedAlert['severity'] }
        : latestAlert,
    status: transition.status,
    endsAt,
    occurrencesDelta: (known ? 1 : 0) + entry.repeats.length,
    firingsDelta: transition.firingsDelta,
    flapsDelta: transition.flapsDelta,
    acknowledged: transition.acknowledged,
    taskId: known?.taskId ?? null,
    deliveryId: lastDeliveryId(entry, ctx.jobs),
  };
}

/**
 * Tells each delivery what the round did for it: its outcomes, and the columns left over their
 * WIP limit when it moved cards in.
 */
export function recordRound(
  states: JobState[],
  decision: Pick<RoundDecision, 'tallies' | 'movers'>,
  overfullColumns: readonly ProcessResult['overfullColumns'][number][],
): void {
  for (const { job, unit, outcome } of decision.tallies) {
    const state = states[job] as JobState;
    state.summary[outcome]++;
    state.items.push({ unit, outcome });
  }
  for (const j of decision.movers)
    for (const column of overfullColumns)
      (states[j] as JobState).overfull.set(column.columnId, column);
}
