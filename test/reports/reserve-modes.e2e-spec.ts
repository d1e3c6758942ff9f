import {
  addMember,
  createSprint,
  createTask,
  createTeam,
  planSprint,
  startSprint,
} from '../helpers/factories';
import { expectBadInput, expectCode } from '../helpers/graphql-errors';
import {
  setAvailability,
  addMembers,
  setReservePolicy,
  setSprintReserve,
  updateSprint,
} from '../helpers/planning-mutations';
import { sprintReserve } from '../helpers/report-views';
import { startTestApp, TestApp } from '../helpers/test-app';

// 2030-01-07 is a Monday, 2030-01-18 a Friday: 10 working days Monday to Friday.
const TWO_WEEKS = { startDate: '2030-01-07', endDate: '2030-01-18' };

async function removeMember(t: TestApp, id: string): Promise<void> {
  await t.ok(`mutation ($id: ID!) { removeMember(id: $id) { id } }`, { id });
}

/** A team of two (2 and 3 points a day) and a PLANNED two-week sprint: capacity 50. */
async function plannedSprint(t: TestApp): Promise<{
  teamId: string;
  sprintId: string;
  members: { id: string }[];
}> {
  const team = await createTeam(t);
  const members = await addMembers(t, team.id, [2, 3]);
  const sprint = await createSprint(t, team.id, TWO_WEEKS);
  return { teamId: team.id, sprintId: sprint.id, members };
}

describe('the production-change reserve: modes, following capacity, freezing, overrides', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('defaults to 20% of capacity and shows how it was sized', async () => {
    const { teamId, sprintId } = await plannedSprint(t);
    const team = await t.ok(`query ($id: ID!) { team(id: $id) { reservePolicy { mode value } } }`, {
      id: teamId,
    });
    expect(team.team.reservePolicy).toEqual({ mode: 'PERCENT_OF_CAPACITY', value: 20 });

    const sprint = await sprintReserve(t, sprintId);
    expect(sprint).toMatchObject({
      state: 'PLANNED',
      workingDays: 10,
      capacityPoints: 50,
      reservedPoints: 10,
      plannablePoints: 40,
      reserveOverride: false,
      reserveEvents: [],
    });
    expect(sprint.reserveBasis).toEqual({
      mode: 'PERCENT_OF_CAPACITY',
      value: 20,
      capacityPoints: 50,
      workingDays: 10,
      percentile: null,
      lookbackSprints: null,
      perDay: null,
      rawPoints: 10,
      clamped: null,
      fallback: false,
      override: false,
      samples: [],
    });
  });

  it('PERCENT_OF_CAPACITY and FIXED_POINTS from updateTeam', async () => {
    const { teamId, sprintId } = await plannedSprint(t);
    expect(await setReservePolicy(t, teamId, { mode: 'PERCENT_OF_CAPACITY', value: 15 })).toEqual(
      expect.objectContaining({ mode: 'PERCENT_OF_CAPACITY', value: 15 }),
    );
    // 15% of 50.
    expect(await sprintReserve(t, sprintId)).toMatchObject({
      reservedPoints: 7.5,
      plannablePoints: 42.5,
      reserveBasis: { mode: 'PERCENT_OF_CAPACITY', value: 15, capacityPoints: 50, rawPoints: 7.5 },
    });

    await setReservePolicy(t, teamId, { mode: 'PERCENT_OF_CAPACITY' });
    expect((await sprintReserve(t, sprintId)).reservedPoints).toBe(10);

    await setReservePolicy(t, teamId, { mode: 'FIXED_POINTS', value: 7 });
    expect(await sprintReserve(t, sprintId)).toMatchObject({
      reservedPoints: 7,
      plannablePoints: 43,
      reserveBasis: { mode: 'FIXED_POINTS', value: 7, rawPoints: 7, override: false },
    });
  });

  it('refuses policies that make no sense', async () => {
    const { teamId } = await plannedSprint(t);
    const update = (reservePolicy: Record<string, unknown>) =>
      t.gql(
        `mutation ($id: ID!, $input: UpdateTeamInput!) { updateTeam(id: $id, input: $input) { id } }`,
        { id: teamId, input: { reservePolicy } },
      );
    expectBadInput(
      await update({ mode: 'PERCENT_OF_CAPACITY', value: 120 }),
      'input.reservePolicy.value',
    );
    expectBadInput(
      await update({ mode: 'HISTORICAL', minPercent: 40, maxPercent: 10 }),
      'input.reservePolicy.minPercent',
    );
    const negative = await update({ mode: 'FIXED_POINTS', value: -1 });
    expect(negative.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('follows capacity while PLANNED: days off, capacity overrides, focus factor, members', async () => {
    const { teamId, sprintId, members } = await plannedSprint(t);
    const [slow, fast] = members as [{ id: string }, { id: string }];

    // 2 × 7.5 + 3 × 10 = 45 → 9.
    await setAvailability(t, { sprintId, memberId: slow.id, daysOff: 2.5 });
    expect(await sprintReserve(t, sprintId)).toMatchObject({
      capacityPoints: 45,
      reservedPoints: 9,
      plannablePoints: 36,
      reserveBasis: { capacityPoints: 45, rawPoints: 9 },
    });

    // × 0.8 = 36 → 7.2.
    await updateSprint(t, sprintId, { focusFactor: 0.8 });
    expect(await sprintReserve(t, sprintId)).toMatchObject({
      capacityPoints: 36,
      reservedPoints: 7.2,
      plannablePoints: 28.8,
    });

    // A third member (1 a day): (45 + 10) × 0.8 = 44 → 8.8.
    const third = await addMember(t, teamId, { capacityPerDay: 1 });
    expect(await sprintReserve(t, sprintId)).toMatchObject({
      capacityPoints: 44,
      reservedPoints: 8.8,
      plannablePoints: 35.2,
    });
    await removeMember(t, third.id);
    expect((await sprintReserve(t, sprintId)).reservedPoints).toBe(7.2);

    // The fast member at 4 a day in this sprint: (15 + 40) × 0.8 = 44 → 8.8.
    await setAvailability(t, { sprintId, memberId: fast.id, daysOff: 0, capacityPerDay: 4 });
    expect(await sprintReserve(t, sprintId)).toMatchObject({
      capacityPoints: 44,
      reservedPoints: 8.8,
    });

    // Shorter sprint (one week): (2 × 2.5 + 4 × 5) × 0.8 = 20 → 4.
    await updateSprint(t, sprintId, { endDate: '2030-01-11' });
    expect(await sprintReserve(t, sprintId)).toMatchObject({
      workingDays: 5,
      capacityPoints: 20,
      reservedPoints: 4,
      reserveBasis: { workingDays: 5, capacityPoints: 20 },
    });
  });

  it('plans up to capacity − reserve; more is CAPACITY_EXCEEDED unless forced', async () => {
    const { teamId, sprintId } = await plannedSprint(t);
    await setReservePolicy(t, teamId, { mode: 'FIXED_POINTS', value: 7 });
    const big = await createTask(t, teamId, { estimate: 20 });
    const fits = await createTask(t, teamId, { estimate: 23 });
    const one = await createTask(t, teamId, { estimate: 1 });
    await planSprint(t, sprintId, [big.id, fits.id]);
    expect(await sprintReserve(t, sprintId)).toMatchObject({
      plannablePoints: 43,
      committedPoints: 43,
    });

    const refused = await t.gql(
      `mutation ($input: PlanSprintInput!) { planSprint(input: $input) { id } }`,
      { input: { sprintId, taskIds: [one.id] } },
    );
    const error = expectCode(refused, 'CAPACITY_EXCEEDED');
    expect(error.extensions).toMatchObject({ planned: 44, plannable: 43, excess: 1 });

    // A bigger reserve shrinks what may be planned: 20% of 50 leaves 40 < 43 already planned.
    await setReservePolicy(t, teamId, { mode: 'PERCENT_OF_CAPACITY', value: 20 });
    const again = expectCode(
      await t.gql(`mutation ($input: PlanSprintInput!) { planSprint(input: $input) { id } }`, {
        input: { sprintId, taskIds: [one.id] },
      }),
      'CAPACITY_EXCEEDED',
    );
    expect(again.extensions).toMatchObject({ planned: 44, plannable: 40, excess: 4 });
    // createTask into the sprint is held to the same rule.
    expectCode(
      await t.gql(`mutation ($input: CreateTaskInput!) { createTask(input: $input) { id } }`, {
        input: { teamId, sprintId, title: 'One more', estimate: 0.5 },
      }),
      'CAPACITY_EXCEEDED',
    );

    await planSprint(t, sprintId, [one.id], true);
    expect((await sprintReserve(t, sprintId)).committedPoints).toBe(44);
  });

  it('is frozen at start: later capacity and policy changes do not move it', async () => {
    const { teamId, sprintId, members } = await plannedSprint(t);
    await startSprint(t, sprintId);
    const started = await sprintReserve(t, sprintId);
    expect(started).toMatchObject({ state: 'ACTIVE', capacityPoints: 50, reservedPoints: 10 });
    expect(started.reserveBasis).toMatchObject({
      mode: 'PERCENT_OF_CAPACITY',
      value: 20,
      capacityPoints: 50,
      override: false,
    });
    const stored = await t.prisma.sprint.findUniqueOrThrow({ where: { id: sprintId } });
    expect(stored).toMatchObject({ reservedPoints: 10, reserveOverride: false });

    await setAvailability(t, { sprintId, memberId: (members[1] as { id: string }).id, daysOff: 5 });
    await setReservePolicy(t, teamId, { mode: 'FIXED_POINTS', value: 3 });
    await addMember(t, teamId, { capacityPerDay: 5 });
    // Capacity is live (2 × 10 + 3 × 5 + 5 × 10 = 85); the reserve and its basis are not.
    expect(await sprintReserve(t, sprintId)).toMatchObject({
      capacityPoints: 85,
      reservedPoints: 10,
      plannablePoints: 75,
      reserveBasis: { mode: 'PERCENT_OF_CAPACITY', value: 20, capacityPoints: 50 },
    });
  });

  it('setSprintReserve overrides the policy, is recorded as an override and survives the start', async () => {
    const { teamId, sprintId, members } = await plannedSprint(t);
    await setSprintReserve(t, sprintId, 12.5);
    const overridden = await sprintReserve(t, sprintId);
    expect(overridden).toMatchObject({
      reservedPoints: 12.5,
      plannablePoints: 37.5,
      reserveOverride: true,
      reserveBasis: {
        mode: 'FIXED_POINTS',
        value: 12.5,
        rawPoints: 12.5,
        override: true,
        capacityPoints: 50,
        workingDays: 10,
        samples: [],
      },
    });

    // Neither capacity nor policy changes move a number a person chose.
    await setAvailability(t, { sprintId, memberId: (members[0] as { id: string }).id, daysOff: 5 });
    await setReservePolicy(t, teamId, { mode: 'FIXED_POINTS', value: 1 });
    expect(await sprintReserve(t, sprintId)).toMatchObject({
      capacityPoints: 40,
      reservedPoints: 12.5,
      plannablePoints: 27.5,
    });

    await startSprint(t, sprintId);
    expect(await sprintReserve(t, sprintId)).toMatchObject({
      state: 'ACTIVE',
      reservedPoints: 12.5,
      reserveOverride: true,
      reserveBasis: { override: true },
    });

    // An ACTIVE sprint's reserve may still be set by hand.
    await setSprintReserve(t, sprintId, 4);
    expect(await sprintReserve(t, sprintId)).toMatchObject({
      reservedPoints: 4,
      reserveOverride: true,
    });

    const bad = await t.gql(
      `mutation ($id: ID!, $points: Float!) { setSprintReserve(sprintId: $id, points: $points) { id } }`,
      { id: sprintId, points: -1 },
    );
    expectBadInput(bad, 'points');
    const closed = await t.gql(`mutation ($id: ID!) { closeSprint(id: $id) { id } }`, {
      id: sprintId,
    });
    expect(closed.errors).toBeUndefined();
    expectCode(
      await t.gql(
        `mutation ($id: ID!, $points: Float!) { setSprintReserve(sprintId: $id, points: $points) { id } }`,
        { id: sprintId, points: 3 },
      ),
      'SPRINT_STATE',
    );
    expectCode(
      await t.gql(
        `mutation ($id: ID!, $points: Float!) { setSprintReserve(sprintId: $id, points: $points) { id } }`,
        { id: '00000000-0000-4000-8000-000000000000', points: 3 },
      ),
      'NOT_FOUND',
    );
  });
});
