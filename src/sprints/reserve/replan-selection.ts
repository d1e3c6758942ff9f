import { roundPoints } from '../capacity';

/** A planned, unstarted task of the sprint that could move out. */
export interface ReplanCandidate {
  taskId: string;
  key: string;
  title: string;
  priority: 'URGENT' | 'HIGH' | 'MEDIUM' | 'LOW' | 'NONE';
  /** Its rank in its column (higher = further down). */
  rank: string;
  points: number;
}

export interface ReplanSelection {
  tasks: ReplanCandidate[];
  points: number;
  /** points − target when the tasks cover it, else 0. */
  excessPoints: number;
  /** target − points when even every candidate falls short, else 0. */
  shortfallPoints: number;
}

const PRIORITY_ORDER: Record<ReplanCandidate['priority'], number> = {
  NONE: 0,
  LOW: 1,
  MEDIUM: 2,
  HIGH: 3,
  URGENT: 4,
};

/** Points are compared in hundredths, so 0.1 + 0.2 covers 0.3. */
const cents = (points: number): number => Math.round(points * 100);

/** The order tasks are given up in: lowest priority first, then the bottom of the column first. */
export function byGivingUpOrder(a: ReplanCandidate, b: ReplanCandidate): number {
  return (
    PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] ||
    (a.rank < b.rank ? 1 : a.rank > b.rank ? -1 : 0) ||
    b.key.localeCompare(a.key, 'en', { numeric: true })
  );
}

/**
 * The tasks to move out of a sprint so that `target` points of overflow are covered: drawn from
 * the lowest priorities first (a higher priority is touched only when all lower ones together
 * fall short), the subset of that pool whose points cover the target exactly or by the smallest
 * excess; among equals the fewest tasks, then those furthest down the giving-up order.
 * Tasks without points cannot cover anything and are never proposed.
 */
export function selectReplan(candidates: ReplanCandidate[], target: number): ReplanSelection {
  const ordered = candidates.filter((c) => cents(c.points) > 0).sort(byGivingUpOrder);
  const goal = cents(target);
  if (goal <= 0 || ordered.length === 0)
    return { tasks: [], points: 0, excessPoints: 0, shortfallPoints: Math.max(0, target) };

  // The pool: whole priority levels, lowest first, until together they cover the target.
  const pool: ReplanCandidate[] = [];
  let poolCents = 0;
  for (let i = 0; i < ordered.length && poolCents < goal;) {
    const level = (ordered[i] as ReplanCandidate).priority;
    while (i < ordered.length && (ordered[i] as ReplanCandidate).priority === level) {
      const c = ordered[i] as ReplanCandidate;
      pool.push(c);
      poolCents += cents(c.points);
      i++;
    }
  }
  if (poolCents < goal) return result(pool, target);

  // Subset sums over the pool (in hundredths), keeping the preferred subset for each sum.
  // A sum already at or past the goal is not extended: more tasks only add excess.
  const best = new Map<number, number[]>([[0, []]]);
  pool.forEach((candidate, index) => {
    const p = cents(candidate.points);
    for (const [sum, subset] of [...best.entries()]) {
      if (sum >= goal) continue;
      const next = sum + p;
      const proposal = [...subset, index];
      const current = best.get(next);
      if (!current || prefer(proposal, current)) best.set(next, proposal);
    }
  });
  const covering = [...best.keys()].filter((sum) => sum >= goal).sort((a, b) => a - b);
  const chosen = best.get(covering[0] as number) as number[];
  return result(
    chosen.map((i) => pool[i] as ReplanCandidate),
    target,
  );
}

/** Fewer tasks first; then the subset that gives up tasks earlier in the order. */
function prefer(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return a.length < b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number);
  return false;
}

function result(tasks: ReplanCandidate[], target: number): ReplanSelection {
  const points = roundPoints(tasks.reduce((sum, t) => sum + t.points, 0));
  return {
    tasks,
    points,
    excessPoints: roundPoints(Math.max(0, points - target)),
    shortfallPoints: roundPoints(Math.max(0, target - points)),
  };
}
