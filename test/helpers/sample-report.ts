import type { CapacityReportData } from '../../src/reports/capacity-report.types';

/**
 * A capacity report as the service builds it, for the file renderers' unit specs: a two-week
 * sprint (10 working days) with 10 points committed, half of it elapsed.
 */
export function sampleReport(overrides: Partial<CapacityReportData> = {}): CapacityReportData {
  const workingDates = [
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
    '2026-10-08',
    '2026-10-09',
    '2026-10-12',
    '2026-10-13',
    '2026-10-14',
    '2026-10-15',
    '2026-10-16',
  ];
  return {
    sprintId: '11111111-1111-4111-8111-111111111111',
    sprintName: 'Sprint 42',
    teamId: '22222222-2222-4222-8222-222222222222',
    state: 'ACTIVE',
    generatedAt: '2026-10-09T18:00:00.000Z',
    snapshot: false,
    startDate: '2026-10-05',
    endDate: '2026-10-16',
    workingDays: 10,
    workingDates,
    focusFactor: 0.9,
    capacityPoints: 18,
    members: [
      {
        memberId: '33333333-3333-4333-8333-333333333333',
        name: 'Ana',
        capacityPerDay: 2,
        daysOff: 1,
        availableDays: 9,
        capacityPoints: 16.2,
        assignedPoints: 8,
        completedPoints: 5,
      },
    ],
    reservedPoints: 3.6,
    reserveBasis: {
      mode: 'PERCENT_OF_CAPACITY',
      value: 20,
      capacityPoints: 18,
      workingDays: 10,
      percentile: null,
      lookbackSprints: null,
      samples: [],
      perDay: null,
      rawPoints: 3.6,
      clamped: null,
      fallback: false,
      override: false,
    },
    plannablePoints: 14.4,
    committedPoints: 10,
    scopePoints: 14,
    addedScopeCount: 0,
    addedScopePoints: 0,
    completedCount: 2,
    completedPoints: 9,
    unplannedProduction: {
      count: 1,
      points: 4,
      bySeverity: [{ severity: 'CRITICAL', count: 1, points: 4 }],
      bySource: [
        {
          integrationId: '44444444-4444-4444-8444-444444444444',
          integrationName: 'Prometheus',
          kind: 'ALERTMANAGER',
          count: 1,
          points: 4,
        },
      ],
    },
    reserveUsedPoints: 4,
    reserveRemainingPoints: 0,
    reserveOverflowPoints: 0.4,
    reserveUsedPercent: 111.11,
    reserveEvents: [
      {
        threshold: 80,
        at: '2026-10-07T10:00:00.000Z',
        taskId: '55555555-5555-4555-8555-555555555555',
        usedPoints: 4,
        reservedPoints: 3.6,
      },
      {
        threshold: 100,
        at: '2026-10-07T10:00:00.000Z',
        taskId: '55555555-5555-4555-8555-555555555555',
        usedPoints: 4,
        reservedPoints: 3.6,
      },
    ],
    burndown: [
      { date: '2026-10-05', remainingPoints: 10, idealPoints: 9, unplannedAddedPoints: 0 },
      { date: '2026-10-06', remainingPoints: 5, idealPoints: 8, unplannedAddedPoints: 0 },
      { date: '2026-10-07', remainingPoints: 9, idealPoints: 7, unplannedAddedPoints: 4 },
      { date: '2026-10-08', remainingPoints: 9, idealPoints: 6, unplannedAddedPoints: 0 },
      { date: '2026-10-09', remainingPoints: 5, idealPoints: 5, unplannedAddedPoints: 0 },
    ],
    flags: ['RESERVE_EXHAUSTED'],
    ...overrides,
  };
}
