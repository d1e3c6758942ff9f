// GraphQL documents shared by several scenarios.

/** Scenario 2's board read: the whole board, 100 cards per column, with assignees and labels. */
export const BOARD_QUERY = `query Board($id: ID!) {
  board(id: $id) {
    columns {
      id
      name
      tasks(first: 100) {
        totalCount
        edges { node { id key title labels assignee { name } } }
      }
    }
  }
}`;

/** Scenario 6's sprintCapacityReport, every field. */
export const REPORT_QUERY = `query Report($id: ID!) {
  sprintCapacityReport(sprintId: $id) {
    sprintId sprintName teamId state snapshot generatedAt startDate endDate workingDays focusFactor
    capacityPoints reservedPoints plannablePoints committedPoints scopePoints
    addedScopeCount addedScopePoints completedCount completedPoints
    reserveUsedPoints reserveRemainingPoints reserveOverflowPoints reserveUsedPercent flags
    members { memberId name capacityPerDay daysOff availableDays capacityPoints assignedPoints completedPoints }
    reserveBasis { mode value capacityPoints rawPoints clamped fallback override workingDays }
    unplannedProduction {
      count points
      bySeverity { severity count points }
      bySource { integrationId integrationName kind count points }
    }
    reserveEvents { threshold at taskId usedPoints reservedPoints }
    burndown { date remainingPoints idealPoints unplannedAddedPoints }
  }
}`;
