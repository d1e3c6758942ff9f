import { randomUUID } from 'node:crypto';
import type { TaskPriority } from '../../generated/prisma/client';
import type { AlertSettings } from '../alert-settings';
import type { CompiledRules } from '../integrations/alert-rules';
import type { NormalizedAlert } from '../parsers';
import { mergeGroup } from './alert-card';
import type { DeliveryItem, DeliveryJob, DeliverySummary, ProcessResult } from './delivery.types';

/**
 * How the deliveries of one batch are split into rounds (AlertProcessor.processBatch runs one
 * set-based pass per round): an alert's observation goes one round after the previous
 * observation of the same alert, so a later delivery's news of it always applies after an
 * earlier one's; an observation identical in everything a transition reads (status,
 * acknowledgement, severity, priority) to the one before it changes nothing but the counters, so
 * it rides along as a repeat of that one. Alerts of different keys never wait for each other.
 */

/** The alerts of one delivery that share a dedup key (a group, or one alert posted twice). */
export interface Unit {
  id: string;
  alert: NormalizedAlert;
  members: NormalizedAlert[];
}

/** One delivery's view of one alert. */
export interface Observation {
  job: number;
  unit: Unit;
  priority: TaskPriority;
  /** What decides the alert's transition: equal signatures in a row are pure repeats. */
  signature: string;
}

/**
 * One alert within a round: the observation whose transition applies, and later observations
 * of it (from other deliveries of the batch) that only count as repeats.
 */
export interface RoundUnit {
  /** The alert's id: a new alert's own, a known alert's once locked. */
  id: string;
  first: Observation;
  repeats: Observation[];
  /** The card the alert feeds after the round. */
  taskId: string | null;
}

/** What one delivery of the batch did so far. */
export interface JobState {
  summary: DeliverySummary;
  items: { unit: RoundUnit; outcome: DeliveryItem['outcome'] }[];
  overfull: Map<string, ProcessResult['overfullColumns'][number]>;
}

export function planRounds(
  jobs: DeliveryJob[],
  rules: CompiledRules,
  settings: AlertSettings,
): { states: JobState[]; rounds: RoundUnit[][] } {
  const states: JobState[] = jobs.map((job) => ({
    summary: {
      received: job.alerts.length,
      created: 0,
      updated: 0,
      resolved: 0,
      reopened: 0,
      ignored: job.ignoredEvents ?? 0,
    },
    items: [],
    overfull: new Map(),
  }));
  const rounds: RoundUnit[][] = [];
  const latest = new Map<string, { round: number; unit: RoundUnit }>();
  jobs.forEach((job, j) => {
    const state = states[j] as JobState;
    const kept = job.alerts.filter((alert) => {
      const ignored = rules.ignoredBecause(alert) !== null;
      if (ignored) state.summary.ignored++;
      return !ignored;
    });
    for (const unit of unitsOf(kept)) {
      const priority = rules.priorityFor(unit.alert) ?? settings.priorities[unit.alert.severity];
      const observation: Observation = {
        job: j,
        unit,
        priority,
        signature: `${unit.alert.status}|${unit.alert.acknowledged}|${unit.alert.severity}|${priority}`,
      };
      const prev = latest.get(unit.alert.dedupKey);
      if (prev && prev.unit.first.signature === observation.signature) {
        prev.unit.repeats.push(observation);
        continue;
      }
      const round = prev ? prev.round + 1 : 0;
      const entry: RoundUnit = { id: unit.id, first: observation, repeats: [], taskId: null };
      (rounds[round] ??= []).push(entry);
      latest.set(unit.alert.dedupKey, { round, unit: entry });
    }
  });
  return { states, rounds };
}

/** Alerts sharing a dedup key (a group, or one alert repeated in a post) feed one card. */
function unitsOf(alerts: NormalizedAlert[]): Unit[] {
  const byKey = new Map<string, NormalizedAlert[]>();
  for (const alert of alerts) {
    const list = byKey.get(alert.dedupKey);
    if (list) list.push(alert);
    else byKey.set(alert.dedupKey, [alert]);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, members]) => ({
      id: randomUUID(),
      alert: members.length > 1 ? mergeGroup(members) : (members[0] as NormalizedAlert),
      members,
    }));
}

/** A delivery's items in dedup-key order, whichever rounds they were processed in. */
export function itemsOf(state: JobState): DeliveryItem[] {
  const items = state.items.map(({ unit, outcome }) => ({
    alertId: unit.id,
    dedupKey: unit.first.unit.alert.dedupKey,
    taskId: unit.taskId,
    outcome,
  }));
  return items.sort((a, b) => (a.dedupKey < b.dedupKey ? -1 : a.dedupKey > b.dedupKey ? 1 : 0));
}
