import { roundPoints } from '../sprints/capacity';

export type ToilTrend = 'RISING' | 'STEADY' | 'FALLING';

/** A change of the production share under 2 points of percent a sprint is noise. */
const STEADY_SLOPE = 0.02;

/**
 * The least-squares slope of the production share over consecutive sprints (oldest first;
 * sprints without a share are skipped) and its direction; null with fewer than two shares.
 */
export function toilTrend(
  shares: (number | null)[],
): { direction: ToilTrend; slopePerSprint: number } | null {
  const points = shares
    .map((share, i) => ({ x: i, y: share }))
    .filter((p): p is { x: number; y: number } => p.y !== null);
  if (points.length < 2) return null;
  const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
  const mx = mean(points.map((p) => p.x));
  const my = mean(points.map((p) => p.y));
  const sxx = points.reduce((sum, p) => sum + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((sum, p) => sum + (p.x - mx) * (p.y - my), 0);
  const slope = sxy / sxx;
  const direction = slope > STEADY_SLOPE ? 'RISING' : slope < -STEADY_SLOPE ? 'FALLING' : 'STEADY';
  return { direction, slopePerSprint: roundPoints(slope) };
}
