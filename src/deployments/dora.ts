/**
 * DORA's performance bands for the four keys, in one table.
 *
 * Source: DORA (Google Cloud), *Accelerate State of DevOps Report 2023*, "Software delivery
 * performance" — the four clusters' values (elite, high, medium, low):
 * - deployment frequency: on demand (several a day) · once a day to once a week · once a week to
 *   once a month · once a week to once a month (the low cluster deploys as often as the medium one);
 * - lead time for changes: under a day · one day to one week · one week to one month · one week to
 *   one month;
 * - change failure rate: 5% · 10% · 15% · 64%;
 * - failed deployment recovery time: under an hour · under a day · one day to one week · one month
 *   to six months.
 * The clusters are described by typical values, not cut-offs; the bounds below are their upper
 * (or, for frequency, lower) edges: a team is in the best band whose bound it meets, else low.
 */
export type DoraBand = 'ELITE' | 'HIGH' | 'MEDIUM' | 'LOW';

const HOUR = 60;
const DAY = 24 * HOUR;

/** A band's edge: values on its good side (the edge itself when inclusive) are in the band. */
export interface BandEdge {
  value: number;
  inclusive: boolean;
}

export interface BandBounds {
  elite: BandEdge;
  high: BandEdge;
  medium: BandEdge;
  /** Whether a larger value is better (deployment frequency) or worse (the others). */
  higherIsBetter: boolean;
  unit: string;
}

const atLeast = (value: number): BandEdge => ({ value, inclusive: true });
const atMost = (value: number): BandEdge => ({ value, inclusive: true });
const under = (value: number): BandEdge => ({ value, inclusive: false });

export const DORA_BANDS = {
  /** Successful production deployments per day: daily or more, weekly or more, monthly or more. */
  deploymentFrequency: {
    elite: atLeast(1),
    high: atLeast(1 / 7),
    medium: atLeast(1 / 30),
    higherIsBetter: true,
    unit: 'deployments per day',
  },
  /** Median minutes from first commit to deployed: under a day, a week at most, a month at most. */
  leadTime: {
    elite: under(DAY),
    high: atMost(7 * DAY),
    medium: atMost(30 * DAY),
    higherIsBetter: false,
    unit: 'minutes',
  },
  /** Failed changes per deployment, in percent: 5, 10, 15 at most. */
  changeFailureRate: {
    elite: atMost(5),
    high: atMost(10),
    medium: atMost(15),
    higherIsBetter: false,
    unit: 'percent',
  },
  /** Median minutes from a failure to its fix: under an hour, under a day, a week at most. */
  recoveryTime: {
    elite: under(HOUR),
    high: under(DAY),
    medium: atMost(7 * DAY),
    higherIsBetter: false,
    unit: 'minutes',
  },
} as const satisfies Record<string, BandBounds>;

export const DORA_BAND_SOURCE =
  'DORA, Accelerate State of DevOps Report 2023, "Software delivery performance" clusters';

/** The band of a value (null when there is nothing to measure). */
export function bandOf(bounds: BandBounds, value: number | null): DoraBand | null {
  if (value === null) return null;
  const meets = (edge: BandEdge): boolean => {
    if (value === edge.value) return edge.inclusive;
    return bounds.higherIsBetter ? value > edge.value : value < edge.value;
  };
  if (meets(bounds.elite)) return 'ELITE';
  if (meets(bounds.high)) return 'HIGH';
  if (meets(bounds.medium)) return 'MEDIUM';
  return 'LOW';
}
