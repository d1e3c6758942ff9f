/**
 * One wrapper for each planning mutation the specs make through the GraphQL API (teams, sprints,
 * tasks, columns, reserves): the ones that must succeed throw on any error; `try*` and
 * `closeSprint` hand back the whole response for specs that check refusals.
 */
import { addMember } from './factories';
import type { GraphqlResponse, TestApp } from './test-app';

const MOVE = `mutation ($input: MoveTaskInput!) { moveTask(input: $input) { id key rank column { id } } }`;

export function tryMove(
  t: TestApp,
  input: Record<string, unknown>,
): Promise<GraphqlResponse<{ moveTask: { id: string; rank: string } }>> {
  return t.gql(MOVE, { input });
}

export async function updateColumn(
  t: TestApp,
  id: string,
  input: Record<string, unknown>,
): Promise<{ id: string; name: string; category: string; wipLimit: number | null }> {
  const data = await t.ok<{
    updateColumn: { id: string; name: string; category: string; wipLimit: number | null };
  }>(
    `mutation ($id: ID!, $input: UpdateColumnInput!) {
      updateColumn(id: $id, input: $input) { id name category wipLimit }
    }`,
    { id, input },
  );
  return data.updateColumn;
}

export async function setAvailability(
  t: TestApp,
  input: {
    sprintId: string;
    memberId: string;
    daysOff?: number;
    daysOffDates?: { date: string; fraction?: number }[];
    capacityPerDay?: number | null;
  },
): Promise<void> {
  await t.ok(
    `mutation ($input: SetMemberAvailabilityInput!) { setMemberAvailability(input: $input) { id } }`,
    { input },
  );
}

/** Members with these points per day, in order. */
export async function addMembers(
  t: TestApp,
  teamId: string,
  capacities: number[],
): Promise<{ id: string }[]> {
  const members: { id: string }[] = [];
  for (const capacityPerDay of capacities)
    members.push(await addMember(t, teamId, { capacityPerDay }));
  return members;
}

export interface ReservePolicyInput {
  mode: 'FIXED_POINTS' | 'PERCENT_OF_CAPACITY' | 'HISTORICAL';
  value?: number | null;
  lookbackSprints?: number | null;
  percentile?: number | null;
  minPercent?: number | null;
  maxPercent?: number | null;
  fallbackPercent?: number | null;
}

export async function setReservePolicy(
  t: TestApp,
  teamId: string,
  reservePolicy: ReservePolicyInput,
): Promise<Record<string, unknown>> {
  const data = await t.ok<{ updateTeam: { reservePolicy: Record<string, unknown> } }>(
    `mutation ($id: ID!, $input: UpdateTeamInput!) {
      updateTeam(id: $id, input: $input) {
        reservePolicy { mode value lookbackSprints percentile minPercent maxPercent fallbackPercent }
      }
    }`,
    { id: teamId, input: { reservePolicy } },
  );
  return data.updateTeam.reservePolicy;
}

/** Sets the team's production-change reserve to a fixed number of points (0: none). */
export async function fixedReserve(t: TestApp, teamId: string, points: number): Promise<void> {
  await setReservePolicy(t, teamId, { mode: 'FIXED_POINTS', value: points });
}

/** Default points of alert cards by severity (`{ CRITICAL: 5 }`); returns every severity's points. */
export async function setAlertEstimates(
  t: TestApp,
  teamId: string,
  estimates: Record<string, number>,
): Promise<Record<string, number>> {
  const data = await t.ok<{
    updateAlertSettings: { alertSettings: { estimates: { severity: string; points: number }[] } };
  }>(
    `mutation ($input: UpdateAlertSettingsInput!) {
      updateAlertSettings(input: $input) { alertSettings { estimates { severity points } } }
    }`,
    {
      input: {
        teamId,
        estimates: Object.entries(estimates).map(([severity, points]) => ({ severity, points })),
      },
    },
  );
  return Object.fromEntries(
    data.updateAlertSettings.alertSettings.estimates.map((e) => [e.severity, e.points]),
  );
}

export async function setSprintReserve(
  t: TestApp,
  sprintId: string,
  points: number,
): Promise<void> {
  await t.ok(
    `mutation ($id: ID!, $points: Float!) { setSprintReserve(sprintId: $id, points: $points) { id } }`,
    {
      id: sprintId,
      points,
    },
  );
}

export async function updateTask(
  t: TestApp,
  id: string,
  input: Record<string, unknown>,
): Promise<void> {
  await t.ok(
    `mutation ($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { id } }`,
    {
      id,
      input,
    },
  );
}

export async function deleteTask(t: TestApp, id: string): Promise<void> {
  await t.ok(`mutation ($id: ID!) { deleteTask(id: $id) }`, { id });
}

export async function unplanTasks(t: TestApp, sprintId: string, taskIds: string[]): Promise<void> {
  await t.ok(`mutation ($input: UnplanTasksInput!) { unplanTasks(input: $input) { id } }`, {
    input: { sprintId, taskIds },
  });
}

export async function updateSprint(
  t: TestApp,
  id: string,
  input: Record<string, unknown>,
): Promise<void> {
  await t.ok(
    `mutation ($id: ID!, $input: UpdateSprintInput!) { updateSprint(id: $id, input: $input) { id } }`,
    {
      id,
      input,
    },
  );
}

export function closeSprint(
  t: TestApp,
  id: string,
  carryOverToSprintId?: string,
): Promise<GraphqlResponse<{ closeSprint: Record<string, unknown> }>> {
  return t.gql(
    `mutation ($id: ID!, $to: ID) {
      closeSprint(id: $id, carryOverToSprintId: $to) {
        id state closedAt carriedOverCount carriedOverPoints carriedOverTo { id }
      }
    }`,
    { id, to: carryOverToSprintId ?? null },
  );
}

/** Closes and fails the test on any error. */
export async function closeSprintOk(
  t: TestApp,
  id: string,
  carryOverToSprintId?: string,
): Promise<void> {
  const res = await closeSprint(t, id, carryOverToSprintId);
  if (res.errors?.length) throw new Error(`closeSprint failed: ${JSON.stringify(res.errors)}`);
}
