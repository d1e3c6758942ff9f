/**
 * The team's setting for the production-change reserve of its sprints (stored as JSON on the
 * team); sprints/reserve computes each sprint's reserve from it.
 */
export const RESERVE_MODES = ['FIXED_POINTS', 'PERCENT_OF_CAPACITY', 'HISTORICAL'] as const;
export type ReserveMode = (typeof RESERVE_MODES)[number];

/** A team's policy for the production-change reserve of its sprints (stored as JSON). */
export interface ReservePolicy {
  mode: ReserveMode;
  /** FIXED_POINTS: points. PERCENT_OF_CAPACITY: percent (default 20). */
  value?: number | null;
  /** HISTORICAL: closed sprints to look back on (default 6). */
  lookbackSprints?: number | null;
  /** HISTORICAL: percentile of unplanned production points per working day (default 80). */
  percentile?: number | null;
  /** HISTORICAL: bounds, as percent of the sprint's capacity. */
  minPercent?: number | null;
  maxPercent?: number | null;
  /** HISTORICAL: percent of capacity while fewer than 2 closed sprints exist (default 20). */
  fallbackPercent?: number | null;
}

export const DEFAULT_RESERVE_POLICY: ReservePolicy = { mode: 'PERCENT_OF_CAPACITY', value: 20 };
