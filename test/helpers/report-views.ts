/**
 * The capacity report and a sprint's reserve as the API shows them: the field lists the report
 * specs ask for, their typed views, and the two queries.
 */
import type { SprintFigures } from './planning-factories';
import type { TestApp } from './test-app';

export const BASIS_FIELDS = `
  mode value capacityPoints workingDays percentile lookbackSprints perDay rawPoints clamped fallback override
  samples { sprintId name unplannedProductionPoints workingDays perDay }
`;

export const REPORT_FIELDS = `
  sprintId sprintName teamId state generatedAt snapshot startDate endDate workingDays focusFactor capacityPoints
  members {
    memberId name capacityPerDay daysOff availableDays capacityPoints assignedPoints completedPoints
    productionCompletedPoints productionShare overProductionShareCap
  }
  reservedPoints reserveBasis { ${BASIS_FIELDS} } plannablePoints committedPoints scopePoints
  addedScopeCount addedScopePoints completedCount completedPoints
  unplannedProduction {
    count points
    bySeverity { severity count points }
    bySource { integrationId integrationName kind count points }
  }
  reserveUsedPoints reserveRemainingPoints reserveOverflowPoints reserveUsedPercent
  reserveEvents { threshold at taskId usedPoints reservedPoints }
  sla { breaches atRiskCards atRiskReservePoints }
  productionCompletedPoints productionShare productionShareCap reserveOverflowPolicy
  replanProposals {
    id sprintId sequence status createdAt decidedAt decidedBy reason triggeredByTaskId
    usedPoints reservedPoints overflowPoints coveredPoints targetPoints proposedPoints
    excessPoints shortfallPoints tasks { taskId key title priority points }
  }
  delivery {
    environment deployments successfulDeployments failedChanges suspectedFailedChanges changeFailurePercent
    confirmedPoints suspectedPoints confirmedReserveShare
  }
  burndown { date remainingPoints idealPoints unplannedAddedPoints }
  flags
`;

export interface ReserveBasisView {
  mode: string;
  value: number | null;
  capacityPoints: number;
  workingDays: number;
  percentile: number | null;
  lookbackSprints: number | null;
  perDay: number | null;
  rawPoints: number;
  clamped: string | null;
  fallback: boolean;
  override: boolean;
  samples: {
    sprintId: string;
    name: string;
    unplannedProductionPoints: number;
    workingDays: number;
    perDay: number;
  }[];
}

export interface MemberLoadView {
  memberId: string;
  name: string;
  capacityPerDay: number;
  daysOff: number;
  availableDays: number;
  capacityPoints: number;
  assignedPoints: number;
  completedPoints: number;
}

export interface BurndownView {
  date: string;
  remainingPoints: number;
  idealPoints: number;
  unplannedAddedPoints: number;
}

export interface ReserveEventView {
  threshold: number;
  at: string;
  taskId: string | null;
  usedPoints: number;
  reservedPoints: number;
}

export interface CapacityReportView {
  sprintId: string;
  sprintName: string;
  teamId: string;
  state: string;
  generatedAt: string;
  snapshot: boolean;
  startDate: string;
  endDate: string;
  workingDays: number;
  focusFactor: number;
  capacityPoints: number;
  members: MemberLoadView[];
  reservedPoints: number;
  reserveBasis: ReserveBasisView;
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
  reserveUsedPercent: number | null;
  reserveEvents: ReserveEventView[];
  burndown: BurndownView[];
  flags: string[];
}

export async function capacityReport(t: TestApp, sprintId: string): Promise<CapacityReportView> {
  const data = await t.ok<{ sprintCapacityReport: CapacityReportView }>(
    `query ($id: ID!) { sprintCapacityReport(sprintId: $id) { ${REPORT_FIELDS} } }`,
    { id: sprintId },
  );
  return data.sprintCapacityReport;
}

/** A sprint's figures (as planning reads them), with how its reserve was sized and used. */
export interface SprintReserveView extends SprintFigures {
  reserveOverride: boolean;
  reserveBasis: ReserveBasisView;
  reserveEvents: ReserveEventView[];
}

/** A sprint's capacity, reserve, how it was sized and its crossing events, as the API shows them. */
export async function sprintReserve(t: TestApp, sprintId: string): Promise<SprintReserveView> {
  const data = await t.ok<{ sprint: SprintReserveView }>(
    `query ($id: ID!) {
      sprint(id: $id) {
        state workingDays capacityPoints reservedPoints plannablePoints committedPoints reserveOverride
        reserveBasis { ${BASIS_FIELDS} }
        reserveEvents { threshold at taskId usedPoints reservedPoints }
      }
    }`,
    { id: sprintId },
  );
  return data.sprint;
}
