import { DeliveryMetrics, percentile, weeksOf, type MetricsDeployment } from './delivery-metrics';

const at = (text: string): Date => new Date(`2026-${text}:00Z`);

function dep(
  id: string,
  version: string,
  status: MetricsDeployment['status'],
  started: string,
  finished: string | null,
  firstCommit: string | null = null,
): MetricsDeployment {
  return {
    id,
    externalId: id,
    service: 'api',
    environment: 'production',
    version,
    status,
    startedAt: at(started),
    finishedAt: finished === null ? null : at(finished),
    rollbackOfRef: null,
    firstCommitAt: firstCommit === null ? null : at(firstCommit),
  };
}

// Two weeks, Monday 2 March to Sunday 15 March 2026 (see each figure's arithmetic below).
const history = [
  dep('d0', 'v0', 'SUCCESS', '02-20T10:00', '02-20T10:10'),
  dep('d1', 'v1', 'SUCCESS', '03-02T10:00', '03-02T10:10', '03-01T10:10'), // lead 1440
  dep('d2', 'v2', 'SUCCESS', '03-03T10:00', '03-03T10:10', '03-03T08:10'), // lead 120, incident
  dep('d3', 'v3', 'SUCCESS', '03-04T10:00', '03-04T10:10', '03-02T10:10'), // lead 2880, suspected
  dep('d4', 'v4', 'FAILURE', '03-05T10:00', '03-05T10:20', '03-05T09:00'), // failed
  dep('d5', 'v5', 'SUCCESS', '03-05T12:00', '03-05T12:20', '03-05T11:20'), // lead 60, rolled back
  dep('d6', 'v2', 'SUCCESS', '03-10T09:00', '03-10T09:30'), // rollback of d5 (v2 ran before)
  dep('d7', 'v7', 'CANCELED', '03-11T09:00', '03-11T09:05'),
];
const incidents = [
  {
    deploymentId: 'd2',
    confirmed: true,
    startedAt: at('03-03T10:30'),
    resolvedAt: at('03-03T11:30'),
  },
  { deploymentId: 'd3', confirmed: false, startedAt: at('03-04T10:20'), resolvedAt: null },
];

describe('DeliveryMetrics', () => {
  const metrics = new DeliveryMetrics(history, incidents);

  it('computes the four keys of a period by hand-checked arithmetic', () => {
    expect(metrics.figures(at('03-02T00:00'), at('03-16T00:00'))).toEqual({
      // d1–d6 finished in the period (d7 was canceled, d0 is earlier); d4 failed.
      deployments: 6,
      successfulDeployments: 5,
      // 5 successes / 14 days = 0.357…, × 7 = 2.5: at least weekly, not daily.
      deploymentsPerDay: 0.36,
      deploymentsPerWeek: 2.5,
      deploymentFrequencyBand: 'HIGH',
      // Successes with commit times: 60, 120, 1440, 2880 minutes. p50 = (120 + 1440) / 2 = 780;
      // p85 at rank 2.55 = 1440 + 0.55 × 1440 = 2232.
      leadTime: { count: 4, p50Minutes: 780, p85Minutes: 2232, band: 'ELITE' },
      // d2 (confirmed incident), d4 (failed), d5 (rolled back by d6); d3 only suspected.
      failedChanges: 3,
      suspectedFailedChanges: 1,
      changeFailurePercent: 50,
      changeFailureBand: 'LOW',
      // d2: incident 10:30 → done 11:30 = 60; d4: 10:20 → d5 done 12:20 = 120; d5: 5 Mar 12:20 →
      // rollback done 10 Mar 09:30 = 4 days 21 h 10 min = 7030. p50 = 120; p85 at rank 1.7 =
      // 120 + 0.7 × 6910 = 4957.
      recovery: { count: 3, unrecovered: 0, p50Minutes: 120, p85Minutes: 4957, band: 'HIGH' },
    });
  });

  it('computes each week on its own', () => {
    const second = metrics.figures(at('03-09T00:00'), at('03-16T00:00'));
    expect(second).toMatchObject({
      deployments: 1,
      successfulDeployments: 1,
      deploymentsPerDay: 0.14,
      deploymentsPerWeek: 1,
      failedChanges: 0,
      changeFailurePercent: 0,
      changeFailureBand: 'ELITE',
      recovery: { count: 0, p50Minutes: null, band: null },
      leadTime: { count: 0, p50Minutes: null, band: null },
    });
    expect(metrics.figures(at('03-02T00:00'), at('03-09T00:00'))).toMatchObject({
      deployments: 5,
      successfulDeployments: 4,
      deploymentsPerWeek: 4,
      failedChanges: 3,
      changeFailurePercent: 60,
    });
  });

  it('counts a failure not yet fixed as unrecovered', () => {
    const open = new DeliveryMetrics(
      [
        dep('x1', 'v1', 'SUCCESS', '03-02T10:00', '03-02T10:10'),
        dep('x2', 'v2', 'FAILURE', '03-03T10:00', '03-03T10:05'),
      ],
      [],
    );
    expect(open.figures(at('03-02T00:00'), at('03-09T00:00')).recovery).toEqual({
      count: 0,
      unrecovered: 1,
      p50Minutes: null,
      p85Minutes: null,
      band: null,
    });
  });

  it('has no change failure rate without deployments', () => {
    expect(new DeliveryMetrics([], []).figures(at('03-02T00:00'), at('03-09T00:00'))).toMatchObject(
      {
        deployments: 0,
        deploymentsPerDay: 0,
        deploymentFrequencyBand: 'LOW',
        changeFailurePercent: null,
        changeFailureBand: null,
      },
    );
  });
});

describe('percentile', () => {
  it('interpolates between ranks like percentile_cont', () => {
    expect(percentile([10], 0.85)).toBe(10);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([], 0.5)).toBeNull();
  });
});

describe('weeksOf', () => {
  it('cuts a period into Monday weeks, clipped at both ends', () => {
    expect(weeksOf(at('03-04T00:00'), at('03-17T00:00'))).toEqual([
      { weekStart: '2026-03-02', from: at('03-04T00:00'), to: at('03-09T00:00') },
      { weekStart: '2026-03-09', from: at('03-09T00:00'), to: at('03-16T00:00') },
      { weekStart: '2026-03-16', from: at('03-16T00:00'), to: at('03-17T00:00') },
    ]);
  });
});
