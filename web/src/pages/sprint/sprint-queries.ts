import { graphql } from '../../gql';

export const TeamSprints = graphql(`
  query TeamSprints($teamId: ID!) {
    sprints(teamId: $teamId) {
      id
      name
      state
      startDate
      endDate
    }
  }
`);

/** What the page draws, all from the capacity report (the figures are the report's own). */
export const SprintReportFields = graphql(`
  fragment SprintReportFigures on SprintCapacityReport {
    sprintId
    sprintName
    state
    startDate
    endDate
    workingDays
    focusFactor
    capacityPoints
    reservedPoints
    plannablePoints
    committedPoints
    scopePoints
    completedPoints
    completedCount
    addedScopePoints
    addedScopeCount
    reserveUsedPoints
    reserveUsedPercent
    reserveRemainingPoints
    reserveOverflowPoints
    flags
    snapshot
    generatedAt
    reserveEvents {
      threshold
      at
      taskId
      usedPoints
      reservedPoints
    }
    unplannedProduction {
      count
      points
    }
    members {
      memberId
      name
      capacityPerDay
      daysOff
      availableDays
      capacityPoints
      assignedPoints
      completedPoints
    }
    burndown {
      date
      idealPoints
      remainingPoints
      unplannedAddedPoints
    }
  }
`);

/** The sprint itself: goal, carry-over, and its tasks (to name the card that tipped the reserve). */
export const SprintDetailFields = graphql(`
  fragment SprintDetail on Sprint {
    id
    name
    state
    goal
    startDate
    endDate
    carriedOverCount
    carriedOverPoints
    carriedOverTo {
      id
      name
    }
    tasks {
      id
      key
      title
      estimate
      planned
      source
      completedAt
    }
  }
`);

export const SprintPageData = graphql(`
  query SprintPageData($sprintId: ID!) {
    sprint(id: $sprintId) {
      ...SprintDetail
    }
    sprintCapacityReport(sprintId: $sprintId) {
      ...SprintReportFigures
    }
  }
`);

export const SprintChanges = graphql(`
  subscription SprintChanges($sprintId: ID!) {
    sprintChanged(sprintId: $sprintId) {
      sprintId
      sprint {
        ...SprintDetail
      }
      report {
        ...SprintReportFigures
      }
    }
  }
`);

export const BacklogTasks = graphql(`
  query BacklogTasks($teamId: ID!, $after: String) {
    tasks(teamId: $teamId, filter: { inBacklog: true }, first: 100, after: $after) {
      edges {
        node {
          id
          key
          title
          estimate
          priority
          type
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const PlanSprint = graphql(`
  mutation PlanSprint($input: PlanSprintInput!) {
    planSprint(input: $input) {
      ...SprintDetail
    }
  }
`);

export const StartSprint = graphql(`
  mutation StartSprint($id: ID!) {
    startSprint(id: $id) {
      ...SprintDetail
    }
  }
`);

export const CloseSprint = graphql(`
  mutation CloseSprint($id: ID!, $carryOverToSprintId: ID) {
    closeSprint(id: $id, carryOverToSprintId: $carryOverToSprintId) {
      ...SprintDetail
    }
  }
`);
