import { graphql } from '../../gql';

export const VelocityReportQuery = graphql(`
  query VelocityReportPage($teamId: ID!, $lastSprints: Int!) {
    velocityReport(teamId: $teamId, lastSprints: $lastSprints) {
      sprints {
        sprintId
        name
        startDate
        endDate
        capacityPoints
        committedPoints
        completedPoints
        reservedPoints
        unplannedProductionPoints
        reserveUsedShare
        carriedOverPoints
      }
      averages {
        committedPoints
        completedPoints
        completionRate
        reservedPoints
        unplannedProductionPoints
        reserveUsedShare
      }
      forecast {
        sprintId
        capacityPoints
        plannablePoints
        reservedPoints
        expectedCompletedPoints
      }
    }
  }
`);

export const FlowReportQuery = graphql(`
  query FlowReportPage($teamId: ID!, $from: Date!, $to: Date!) {
    flowReport(teamId: $teamId, from: $from, to: $to) {
      from
      to
      throughput {
        weekStart
        completed
        completedPoints
      }
      cycleTime {
        count
        p50Hours
        p85Hours
      }
      leadTime {
        count
        p50Hours
        p85Hours
      }
      alertCards {
        severity
        timeToStart {
          count
          p50Hours
          p85Hours
        }
        timeToDone {
          count
          p50Hours
          p85Hours
        }
      }
      cumulativeFlow {
        date
        categories {
          category
          cards
        }
      }
      wip {
        columnId
        board
        column
        category
        cards
        wipLimit
        overLimit
      }
    }
  }
`);

export const AlertNoiseQuery = graphql(`
  query AlertNoisePage($teamId: ID!, $from: Date!, $to: Date!) {
    alertNoiseReport(teamId: $teamId, from: $from, to: $to, limit: 20) {
      alerts {
        alertId
        name
        title
        severity
        status
        integration
        firings
        occurrences
        flaps
        cardsCreated
        medianFiringMinutes
        wontFixShare
      }
    }
  }
`);
