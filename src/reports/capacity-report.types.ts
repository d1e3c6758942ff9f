import type { ReplanProposalView } from '../sprints/reserve/replan-proposal-view';
import type { ReserveBasis } from '../sprints/reserve/reserve-policy';
import type { SprintDeliveryData } from './delivery-report.service';

export const REPORT_FLAGS = [
  'OVERCOMMITTED',
  'RESERVE_AT_RISK',
  'RESERVE_EXHAUSTED',
  'PRODUCTION_SHARE_OVER_CAP',
] as const;
export type ReportFlag = (typeof REPORT_FLAGS)[number];

/** The capacity report as plain JSON: served over GraphQL and files, and frozen at close. */
export interface CapacityReportData {
  sprintId: string;
  sprintName: string;
  teamId: string;
  state: string;
  /** ISO timestamp. */
  generatedAt: string;
  /** True when read from the snapshot taken as the sprint closed. */
  snapshot: boolean;
  startDate: string;
  endDate: string;
  workingDays: number;
  /** Every working date of the sprint (the burndown's x axis). */
  workingDates: string[];
  focusFactor: number;
  capacityPoints: number;
  members: {
    memberId: string;
    name: string;
    capacityPerDay: number;
    daysOff: number;
    availableDays: number;
    capacityPoints: number;
    assignedPoints: number;
    completedPoints: number;
    /** Of completedPoints, unplanned production work; absent in snapshots taken before toil. */
    productionCompletedPoints?: number;
    /** productionCompletedPoints ÷ completedPoints (0–1); null when nothing was completed. */
    productionShare?: number | null;
    overProductionShareCap?: boolean;
  }[];
  reservedPoints: number;
  reserveBasis: ReserveBasis;
  plannablePoints: number;
  committedPoints: number;
  scopePoints: number;
  addedScopeCount: number;
  addedScopePoints: number;
  completedCount: number;
  completedPoints: number;
  unplannedProduction: {
    count: number;
    points: number;
    bySeverity: { severity: string | null; count: number; points: number }[];
    bySource: {
      integrationId: string | null;
      integrationName: string | null;
      kind: string | null;
      count: number;
      points: number;
    }[];
  };
  reserveUsedPoints: number;
  reserveRemainingPoints: number;
  reserveOverflowPoints: number;
  /** Used ÷ reserved × 100; null without a reserve. */
  reserveUsedPercent: number | null;
  reserveEvents: {
    threshold: number;
    at: string;
    taskId: string | null;
    usedPoints: number;
    reservedPoints: number;
  }[];
  /** SLA clocks of the sprint's alert cards (absent from snapshots taken before SLA clocks). */
  sla?: {
    breaches: number;
    atRiskCards: string[];
    atRiskReservePoints: number;
  };
  burndown: {
    date: string;
    remainingPoints: number;
    idealPoints: number;
    unplannedAddedPoints: number;
  }[];
  /** The team's toil budget (0–1) when the report was computed. */
  productionShareCap?: number;
  /** Of completedPoints, unplanned production work. */
  productionCompletedPoints?: number;
  /** productionCompletedPoints ÷ completedPoints (0–1); null when nothing was completed. */
  productionShare?: number | null;
  reserveOverflowPolicy?: string;
  replanProposals?: ReplanProposalView[];
  /** Deployments to production during the sprint (absent from snapshots taken before them). */
  delivery?: SprintDeliveryData;
  flags: ReportFlag[];
}
