import { addMember, createSprint, createTeam, startSprint } from '../helpers/factories';
import { closeSprint, fixedReserve, setAvailability } from '../helpers/planning-mutations';
import { expectBadInput, expectCode } from '../helpers/graphql-errors';
import { sprintFigures } from '../helpers/planning-factories';
import { startTestApp, TestApp } from '../helpers/test-app';

// 2030-01-05 is a Saturday, 2030-01-07 a Monday, 2030-01-18 a Friday, 2030-01-20 a Sunday.
const TWO_WEEKS = { startDate: '2030-01-07', endDate: '2030-01-18' };

async function removeMember(t: TestApp, id: string): Promise<void> {
  await t.ok(`mutation ($id: ID!) { removeMember(id: $id) { id } }`, { id });
}

describe('sprints and their capacity', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('creates, reads, lists and updates sprints', async () => {
    const team = await createTeam(t);
    const created = await t.ok(
      `mutation ($input: CreateSprintInput!) {
        createSprint(input: $input) {
          id name goal state startDate endDate focusFactor reservedPoints committedPoints startedAt closedAt team { id } tasks { id }
        }
      }`,
      { input: { teamId: team.id, name: 'Sprint 1', goal: 'Ship alerts', ...TWO_WEEKS } },
    );
    expect(created.createSprint).toMatchObject({
      name: 'Sprint 1',
      goal: 'Ship alerts',
      state: 'PLANNED',
      startDate: '2030-01-07',
      endDate: '2030-01-18',
      focusFactor: 1,
      reservedPoints: 0,
      committedPoints: 0,
      startedAt: null,
      closedAt: null,
      team: { id: team.id },
      tasks: [],
    });
    const s1 = created.createSprint.id as string;
    const s2 = (await createSprint(t, team.id, { startDate: '2030-01-21', endDate: '2030-02-01' }))
      .id;

    expect(
      (await t.ok(`query ($id: ID!) { sprint(id: $id) { id name } }`, { id: s1 })).sprint,
    ).toEqual({
      id: s1,
      name: 'Sprint 1',
    });
    const all = await t.ok(`query ($teamId: ID!) { sprints(teamId: $teamId) { id } }`, {
      teamId: team.id,
    });
    expect(all.sprints).toEqual([{ id: s2 }, { id: s1 }]);

    const updated = await t.ok(
      `mutation ($id: ID!, $input: UpdateSprintInput!) {
        updateSprint(id: $id, input: $input) { name goal startDate endDate focusFactor }
      }`,
      {
        id: s1,
        input: {
          name: 'Sprint one',
          goal: null,
          startDate: '2030-01-08',
          endDate: '2030-01-17',
          focusFactor: 0.5,
        },
      },
    );
    expect(updated.updateSprint).toEqual({
      name: 'Sprint one',
      goal: null,
      startDate: '2030-01-08',
      endDate: '2030-01-17',
      focusFactor: 0.5,
    });
    // Omitted fields stay.
    const renamed = await t.ok(
      `mutation ($id: ID!) { updateSprint(id: $id, input: { name: "S1" }) { name startDate endDate focusFactor } }`,
      { id: s1 },
    );
    expect(renamed.updateSprint).toEqual({
      name: 'S1',
      startDate: '2030-01-08',
      endDate: '2030-01-17',
      focusFactor: 0.5,
    });

    await startSprint(t, s1);
    const planned = await t.ok(
      `query ($teamId: ID!) { sprints(teamId: $teamId, state: PLANNED) { id } }`,
      { teamId: team.id },
    );
    expect(planned.sprints).toEqual([{ id: s2 }]);
    const active = await t.ok(
      `query ($teamId: ID!) { sprints(teamId: $teamId, state: ACTIVE) { id state } }`,
      {
        teamId: team.id,
      },
    );
    expect(active.sprints).toEqual([{ id: s1, state: 'ACTIVE' }]);

    // An active sprint may end later, but its start is history.
    const extended = await t.ok(
      `mutation ($id: ID!) { updateSprint(id: $id, input: { endDate: "2030-01-24" }) { endDate } }`,
      {
        id: s1,
      },
    );
    expect(extended.updateSprint.endDate).toBe('2030-01-24');
    expectBadInput(
      await t.gql(
        `mutation ($id: ID!) { updateSprint(id: $id, input: { startDate: "2030-01-09" }) { id } }`,
        { id: s1 },
      ),
      'input.startDate',
    );
    expect((await closeSprint(t, s1)).errors).toBeUndefined();
    expectCode(
      await t.gql(`mutation ($id: ID!) { updateSprint(id: $id, input: { name: "late" }) { id } }`, {
        id: s1,
      }),
      'SPRINT_STATE',
    );
    expect(
      (
        await t.ok(`query ($teamId: ID!) { sprints(teamId: $teamId, state: CLOSED) { id } }`, {
          teamId: team.id,
        })
      ).sprints,
    ).toEqual([{ id: s1 }]);
    expectCode(
      await t.gql(`query { sprints(teamId: "0b7e3c39-7d7e-4b0c-9d7e-6b3f1d5c2a10") { id } }`),
      'NOT_FOUND',
    );
    expectCode(
      await t.gql(`query { sprint(id: "0b7e3c39-7d7e-4b0c-9d7e-6b3f1d5c2a10") { id } }`),
      'NOT_FOUND',
    );
  });

  it('requires the end after the start, on create and on update', async () => {
    const team = await createTeam(t);
    const create = (startDate: string, endDate: string): Promise<unknown> =>
      t.gql(`mutation ($input: CreateSprintInput!) { createSprint(input: $input) { id } }`, {
        input: { teamId: team.id, name: 'Backwards', startDate, endDate },
      });
    expectBadInput((await create('2030-01-18', '2030-01-07')) as never, 'input.endDate');
    expectBadInput((await create('2030-01-07', '2030-01-07')) as never, 'input.endDate');
    const sprint = await createSprint(t, team.id, TWO_WEEKS);
    expectBadInput(
      await t.gql(
        `mutation ($id: ID!) { updateSprint(id: $id, input: { endDate: "2030-01-06" }) { id } }`,
        { id: sprint.id },
      ),
      'input.endDate',
    );
    expectBadInput(
      await t.gql(
        `mutation ($id: ID!) { updateSprint(id: $id, input: { startDate: "2030-01-19" }) { id } }`,
        { id: sprint.id },
      ),
      'input.endDate',
    );
    expect(await t.prisma.sprint.count({ where: { teamId: team.id } })).toBe(1);
  });

  it('counts only team working days: a sprint from Saturday to Sunday two weeks later has 10', async () => {
    const team = await createTeam(t);
    await addMember(t, team.id, { capacityPerDay: 2 });
    await addMember(t, team.id, { capacityPerDay: 1 });
    const sprint = await createSprint(t, team.id, {
      startDate: '2030-01-05',
      endDate: '2030-01-20',
    });
    // (2 + 1) × 10 × 1; the default reserve keeps 20% of it for production work.
    expect(await sprintFigures(t, sprint.id)).toEqual({
      state: 'PLANNED',
      workingDays: 10,
      capacityPoints: 30,
      reservedPoints: 6,
      plannablePoints: 24,
      committedPoints: 0,
    });
    // With no reserve, everything is plannable.
    await fixedReserve(t, team.id, 0);
    expect(await sprintFigures(t, sprint.id)).toMatchObject({
      reservedPoints: 0,
      plannablePoints: 30,
    });
  });

  it('uses the team’s own working days, and follows a change to them', async () => {
    const team = await createTeam(t, { workingDays: ['SUN', 'MON', 'TUE', 'WED'] });
    await addMember(t, team.id, { capacityPerDay: 1.5 });
    const sprint = await createSprint(t, team.id, {
      startDate: '2030-01-05',
      endDate: '2030-01-20',
      focusFactor: 0.8,
    });
    // Sundays 6, 13, 20; Mondays 7, 14; Tuesdays 8, 15; Wednesdays 9, 16 → 9 days. 1.5 × 9 × 0.8
    const figures = await sprintFigures(t, sprint.id);
    expect(figures).toMatchObject({ workingDays: 9, capacityPoints: 10.8 });
    expect(figures.plannablePoints).toBeCloseTo(10.8 - figures.reservedPoints, 2);

    await t.ok(
      `mutation ($id: ID!) { updateTeam(id: $id, input: { workingDays: [SAT] }) { id } }`,
      { id: team.id },
    );
    // Saturdays 5, 12, 19 → 1.5 × 3 × 0.8
    expect(await sprintFigures(t, sprint.id)).toMatchObject({
      workingDays: 3,
      capacityPoints: 3.6,
    });
  });

  it('subtracts days off, applies capacity overrides and the focus factor, and leaves out removed members', async () => {
    const team = await createTeam(t);
    const ana = await addMember(t, team.id, { capacityPerDay: 2 });
    const ben = await addMember(t, team.id, { capacityPerDay: 1 });
    const cat = await addMember(t, team.id, { capacityPerDay: 4 });
    const dan = await addMember(t, team.id, { capacityPerDay: 5 });
    const sprint = await createSprint(t, team.id, { ...TWO_WEEKS, focusFactor: 0.9 });
    // Everyone: (2 + 1 + 4 + 5) × 10 × 0.9
    expect((await sprintFigures(t, sprint.id)).capacityPoints).toBe(108);

    await setAvailability(t, { sprintId: sprint.id, memberId: ana.id, daysOff: 2.5 });
    await setAvailability(t, {
      sprintId: sprint.id,
      memberId: ben.id,
      daysOff: 0,
      capacityPerDay: 3,
    });
    // More days off than working days: nothing, never negative.
    await setAvailability(t, { sprintId: sprint.id, memberId: dan.id, daysOff: 12 });
    // Cat leaves the team before the sprint starts.
    await removeMember(t, cat.id);
    // Ana 2 × 7.5 = 15, Ben 3 × 10 = 30, Dan 5 × 0 = 0 → 45 × 0.9
    const figures = await sprintFigures(t, sprint.id);
    expect(figures).toMatchObject({ workingDays: 10, capacityPoints: 40.5 });
    expect(figures.plannablePoints).toBeCloseTo(40.5 - figures.reservedPoints, 2);

    const detail = await t.ok(
      `query ($id: ID!) { sprint(id: $id) { memberCapacity { member { id } capacityPerDay daysOff availableDays points } } }`,
      { id: sprint.id },
    );
    expect(detail.sprint.memberCapacity).toEqual([
      { member: { id: ana.id }, capacityPerDay: 2, daysOff: 2.5, availableDays: 7.5, points: 15 },
      { member: { id: ben.id }, capacityPerDay: 3, daysOff: 0, availableDays: 10, points: 30 },
      { member: { id: dan.id }, capacityPerDay: 5, daysOff: 12, availableDays: 0, points: 0 },
    ]);

    // Changing days off keeps an override given before; null clears it.
    await setAvailability(t, { sprintId: sprint.id, memberId: ben.id, daysOff: 1 });
    // Ana 15, Ben 3 × 9 = 27 → 42 × 0.9
    expect((await sprintFigures(t, sprint.id)).capacityPoints).toBe(37.8);
    await setAvailability(t, {
      sprintId: sprint.id,
      memberId: ben.id,
      daysOff: 1,
      capacityPerDay: null,
    });
    // Ana 15, Ben 1 × 9 = 9 → 24 × 0.9
    expect((await sprintFigures(t, sprint.id)).capacityPoints).toBe(21.6);
    // A new focus factor applies at once.
    await t.ok(
      `mutation ($id: ID!) { updateSprint(id: $id, input: { focusFactor: 0.5 }) { id } }`,
      { id: sprint.id },
    );
    expect((await sprintFigures(t, sprint.id)).capacityPoints).toBe(12);
  });

  it('keeps counting a member who left after the sprint started', async () => {
    const team = await createTeam(t);
    const ana = await addMember(t, team.id, { capacityPerDay: 2 });
    await addMember(t, team.id, { capacityPerDay: 1 });
    // Monday 2 March 2020 to Friday 13 March 2020: 10 working days, long before the removal.
    const past = await createSprint(t, team.id, { startDate: '2020-03-02', endDate: '2020-03-13' });
    const future = await createSprint(t, team.id, TWO_WEEKS);
    await removeMember(t, ana.id);
    expect((await sprintFigures(t, past.id)).capacityPoints).toBe(30);
    expect((await sprintFigures(t, future.id)).capacityPoints).toBe(10);
  });

  it('refuses availability for a member of another team, a removed member, or a closed sprint', async () => {
    const team = await createTeam(t);
    const other = await createTeam(t);
    const outsider = await addMember(t, other.id);
    const gone = await addMember(t, team.id);
    await removeMember(t, gone.id);
    const member = await addMember(t, team.id);
    const sprint = await createSprint(t, team.id, TWO_WEEKS);
    expectBadInput(
      await t.gql(
        `mutation ($input: SetMemberAvailabilityInput!) { setMemberAvailability(input: $input) { id } }`,
        {
          input: { sprintId: sprint.id, memberId: outsider.id, daysOff: 1 },
        },
      ),
      'input.memberId',
    );
    expectCode(
      await t.gql(
        `mutation ($input: SetMemberAvailabilityInput!) { setMemberAvailability(input: $input) { id } }`,
        {
          input: { sprintId: sprint.id, memberId: gone.id, daysOff: 1 },
        },
      ),
      'NOT_FOUND',
    );
    await startSprint(t, sprint.id);
    expect((await closeSprint(t, sprint.id)).errors).toBeUndefined();
    expectCode(
      await t.gql(
        `mutation ($input: SetMemberAvailabilityInput!) { setMemberAvailability(input: $input) { id } }`,
        {
          input: { sprintId: sprint.id, memberId: member.id, daysOff: 1 },
        },
      ),
      'SPRINT_STATE',
    );
    expect(await t.prisma.sprintMember.count({ where: { sprintId: sprint.id } })).toBe(0);
  });
});
