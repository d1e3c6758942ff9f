import type { ReserveMode, ReservePolicy } from '../../teams/reserve-policy';
import { roundPoints } from '../capacity';

export const DEFAULTS = {
  percent: 20,
  lookbackSprints: 6,
  percentile: 80,
  fallbackPercent: 20,
} as const;

/** One closed sprint as the HISTORICAL mode sees it. */
export interface HistorySample {
  sprintId: string;
  name: string;
  unplannedProductionPoints: number;
  workingDays: number;
}

export interface ReserveBasis {
  mode: ReserveMode;
  /** The policy's value (points or percent) for the simple modes. */
  value: number | null;
  capacityPoints: number;
  workingDays: number;
  percentile: number | null;
  lookbackSprints: number | null;
  samples: (HistorySample & { perDay: number })[];
  /** HISTORICAL: the percentile of points per working day. */
  perDay: number | null;
  /** Before clamping. */
  rawPoints: number;
  clamped: 'MIN' | 'MAX' | null;
  /** HISTORICAL with fewer than 2 closed sprints: fallbackPercent of capacity was used. */
  fallback: boolean;
  /** Set by setSprintReserve: a person chose the number. */
  override: boolean;
}

export interface Reserve {
  points: number;
  basis: ReserveBasis;
}

/**
 * Whether `used` points reach `percent`% of `reserved`, counting points to the hundredth as the
 * reports show them: float noise (4.4 × 0.8 = 3.5200000000000005, 0.7 + 0.1 = 0.7999999999999999)
 * must not hide a crossing.
 */
export function reserveReached(used: number, reserved: number, percent: number): boolean {
  return Math.round(used * 100) >= reserved * percent - 1e-6;
}

/** Linear interpolation between closest ranks (the common definition, as numpy's default). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (position - lower);
}

/**
 * The reserve a sprint keeps for unplanned production work, and how it was sized:
 * FIXED_POINTS → value; PERCENT_OF_CAPACITY → value% of capacity; HISTORICAL → the percentile of
 * the last closed sprints' unplanned production points per working day × this sprint's working
 * days, clamped to [minPercent, maxPercent] of capacity (fallbackPercent with < 2 samples).
 */
export function computeReserve(
  policy: ReservePolicy,
  sprint: { capacityPoints: number; workingDays: number },
  history: readonly HistorySample[],
): Reserve {
  const base: ReserveBasis = {
    mode: policy.mode,
    value: null,
    capacityPoints: sprint.capacityPoints,
    workingDays: sprint.workingDays,
    percentile: null,
    lookbackSprints: null,
    samples: [],
    perDay: null,
    rawPoints: 0,
    clamped: null,
    fallback: false,
    override: false,
  };
  const ofCapacity = (percent: number): number => (sprint.capacityPoints * percent) / 100;
  switch (policy.mode) {
    case 'FIXED_POINTS': {
      const value = policy.value ?? 0;
      return {
        points: roundPoints(value),
        basis: { ...base, value, rawPoints: roundPoints(value) },
      };
    }
    case 'PERCENT_OF_CAPACITY': {
      const value = policy.value ?? DEFAULTS.percent;
      const points = roundPoints(ofCapacity(value));
      return { points, basis: { ...base, value, rawPoints: points } };
    }
    case 'HISTORICAL': {
      const lookback = policy.lookbackSprints ?? DEFAULTS.lookbackSprints;
      const p = policy.percentile ?? DEFAULTS.percentile;
      const samples = history.slice(0, lookback).map((s) => ({
        ...s,
        perDay: s.workingDays > 0 ? s.unplannedProductionPoints / s.workingDays : 0,
      }));
      const basis = { ...base, percentile: p, lookbackSprints: lookback, samples };
      if (samples.length < 2) {
        const fallback = policy.fallbackPercent ?? DEFAULTS.fallbackPercent;
        const points = roundPoints(ofCapacity(fallback));
        return { points, basis: { ...basis, value: fallback, rawPoints: points, fallback: true } };
      }
      const perDay = percentile(
        samples.map((s) => s.perDay),
        p,
      );
      const raw = perDay * sprint.workingDays;
      let points = raw;
      let clamped: ReserveBasis['clamped'] = null;
      if (policy.minPercent != null && points < ofCapacity(policy.minPercent)) {
        points = ofCapacity(policy.minPercent);
        clamped = 'MIN';
      }
      if (policy.maxPercent != null && points > ofCapacity(policy.maxPercent)) {
        points = ofCapacity(policy.maxPercent);
        clamped = 'MAX';
      }
      return {
        points: roundPoints(points),
        basis: { ...basis, perDay: roundPoints(perDay), rawPoints: roundPoints(raw), clamped },
      };
    }
  }
}
