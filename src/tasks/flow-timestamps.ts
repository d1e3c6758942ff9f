import type { ColumnCategory } from '../common/graphql/enums';

export interface FlowTimestamps {
  startedAt: Date | null;
  completedAt: Date | null;
}

/**
 * Timestamps after a card enters a column of `to` category: the first entry into IN_PROGRESS
 * starts it; entering DONE completes it; leaving DONE un-completes it.
 */
export function flowTimestampsAfterMove(
  current: FlowTimestamps,
  to: ColumnCategory | null,
  now: Date,
): FlowTimestamps {
  return {
    startedAt: current.startedAt ?? (to === 'IN_PROGRESS' ? now : null),
    completedAt: to === 'DONE' ? (current.completedAt ?? now) : null,
  };
}
