import { addMember, createSprint, startSprint } from '../helpers/factories';
import { pastSprint } from '../helpers/backdating';
import { expectBadInput } from '../helpers/graphql-errors';
import { teamWithBoard } from '../helpers/planning-factories';
import { setAvailability } from '../helpers/planning-mutations';
import { capacityReport } from '../helpers/report-views';
import type { GraphqlResponse, TestApp } from '../helpers/test-app';
import { startTestApp } from '../helpers/test-app';

interface CalendarSprint {
  state: string;
  workingDays: number;
  capacityPoints: number;
  reservedPoints: number;
  plannablePoints: number;
  capacityByDay: { date: string; points: number }[];
  memberCapacity: {
    member: { name: string };
    capacityPerDay: number;
    daysOff: number;
    daysOffDates: { date: string; fraction: number }[];
    availableDays: number;
    points: number;
  }[];
}

async function calendarSprint(t: TestApp, id: string): Promise<CalendarSprint> {
  const data = await t.ok<{ sprint: CalendarSprint }>(
    `query ($id: ID!) { sprint(id: $id) {
      state workingDays capacityPoints reservedPoints plannablePoints capacityByDay { date points }
      memberCapacity { member { name } capacityPerDay daysOff daysOffDates { date fraction } availableDays points }
    } }`,
    { id },
  );
  return data.sprint;
}

const ADD = `mutation ($teamId: ID!, $dates: [Date!]!, $name: String!) {
  addTeamHolidays(teamId: $teamId, dates: $dates, name: $name) { id holidays { date name } }
}`;
const REMOVE = `mutation ($teamId: ID!, $dates: [Date!]!) {
  removeTeamHolidays(teamId: $teamId, dates: $dates) { id holidays { date name } }
}`;
const SET = `mutation ($input: SetMemberAvailabilityInput!) { setMemberAvailability(input: $input) { id } }`;

function addHolidays(
  t: TestApp,
  teamId: string,
  dates: string[],
  name: string,
): Promise<GraphqlResponse<{ addTeamHolidays: { holidays: { date: string; name: string }[] } }>> {
  return t.gql(ADD, { teamId, dates, name });
}

const sum = (days: { points: number }[]): number =>
  Math.round(days.reduce((total, d) => total + d.points, 0) * 100) / 100;

/**
 * The team calendar: working days, holidays, and members' days off as dates with half days.
 * 2030-01-07 is a Monday; the sprint runs to Sunday 2030-01-20 (10 weekdays).
 */
describe('team calendar and capacity day by day', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  /**
   * Ana 2/day, Bo 1/day, focus 0.8, Wednesday 2030-01-09 a team holiday (and New Year's Day,
   * outside the sprint). Ana is off Monday 01-14 and half of Tuesday 01-15.
   *   a full day: (2 + 1) × 0.8 = 2.4;  01-14: (0 + 1) × 0.8 = 0.8;  01-15: (1 + 1) × 0.8 = 1.6
   *   9 counted days: 7 × 2.4 + 0.8 + 1.6 = 19.2 = (2 × 7.5 + 1 × 9) × 0.8
   *   reserve 20% = 3.84, plannable 15.36
   */
  it('counts working days less holidays, and whole and half days off on their dates', async () => {
    const { team } = await teamWithBoard(t);
    const ana = await addMember(t, team.id, { name: 'Ana', capacityPerDay: 2 });
    await addMember(t, team.id, { name: 'Bo', capacityPerDay: 1 });
    const sprint = await createSprint(t, team.id, {
      startDate: '2030-01-07',
      endDate: '2030-01-20',
      focusFactor: 0.8,
    });
    const added = await addHolidays(t, team.id, ['2030-01-09', '2030-01-01'], 'Founders day');
    expect(added.errors).toBeUndefined();
    expect(added.data?.addTeamHolidays.holidays).toEqual([
      { date: '2030-01-01', name: 'Founders day' },
      { date: '2030-01-09', name: 'Founders day' },
    ]);
    await setAvailability(t, {
      sprintId: sprint.id,
      memberId: ana.id,
      daysOffDates: [{ date: '2030-01-14' }, { date: '2030-01-15', fraction: 0.5 }],
    });

    const figures = await calendarSprint(t, sprint.id);
    expect(figures).toMatchObject({
      state: 'PLANNED',
      workingDays: 9,
      capacityPoints: 19.2,
      reservedPoints: 3.84,
      plannablePoints: 15.36,
    });
    expect(figures.capacityByDay).toEqual([
      { date: '2030-01-07', points: 2.4 },
      { date: '2030-01-08', points: 2.4 },
      { date: '2030-01-10', points: 2.4 },
      { date: '2030-01-11', points: 2.4 },
      { date: '2030-01-14', points: 0.8 },
      { date: '2030-01-15', points: 1.6 },
      { date: '2030-01-16', points: 2.4 },
      { date: '2030-01-17', points: 2.4 },
      { date: '2030-01-18', points: 2.4 },
    ]);
    expect(sum(figures.capacityByDay)).toBe(figures.capacityPoints);
    expect(figures.memberCapacity).toEqual([
      {
        member: { name: 'Ana' },
        capacityPerDay: 2,
        daysOff: 1.5,
        daysOffDates: [
          { date: '2030-01-14', fraction: 1 },
          { date: '2030-01-15', fraction: 0.5 },
        ],
        availableDays: 7.5,
        points: 15,
      },
      {
        member: { name: 'Bo' },
        capacityPerDay: 1,
        daysOff: 0,
        daysOffDates: [],
        availableDays: 9,
        points: 9,
      },
    ]);
    const report = await capacityReport(t, sprint.id);
    expect(report).toMatchObject({ workingDays: 9, capacityPoints: 19.2, reservedPoints: 3.84 });
    expect(
      report.members.map((m) => [m.name, m.daysOff, m.availableDays, m.capacityPoints]),
    ).toEqual([
      ['Ana', 1.5, 7.5, 12],
      ['Bo', 0, 9, 7.2],
    ]);

    // A holiday on Ana's day off: the day counts for nobody, so her day off no longer does.
    //   8 days: Ana 2 × (8 − 0.5) + Bo 1 × 8 = 23 × 0.8 = 18.4; reserve 3.68
    await addHolidays(t, team.id, ['2030-01-14'], 'Offsite');
    const offsite = await calendarSprint(t, sprint.id);
    expect(offsite).toMatchObject({ workingDays: 8, capacityPoints: 18.4, reservedPoints: 3.68 });
    expect(offsite.memberCapacity[0]).toMatchObject({
      daysOff: 0.5,
      daysOffDates: [{ date: '2030-01-15', fraction: 0.5 }],
      availableDays: 7.5,
    });
    expect(offsite.capacityByDay.map((d) => d.date)).not.toContain('2030-01-14');

    // Adding a date again keeps one entry per date and renames it; removing gives the day back.
    const renamed = await addHolidays(t, team.id, ['2030-01-14', '2030-01-09'], 'Team day');
    expect(renamed.data?.addTeamHolidays.holidays).toEqual([
      { date: '2030-01-01', name: 'Founders day' },
      { date: '2030-01-09', name: 'Team day' },
      { date: '2030-01-14', name: 'Team day' },
    ]);
    expect(
      await t.prisma.teamHoliday.count({
        where: { teamId: team.id, date: new Date('2030-01-14') },
      }),
    ).toBe(1);
    const removed = await t.ok<{ removeTeamHolidays: { holidays: { date: string }[] } }>(REMOVE, {
      teamId: team.id,
      dates: ['2030-01-14', '2030-01-09', '2030-01-22'],
    });
    expect(removed.removeTeamHolidays.holidays.map((h) => h.date)).toEqual(['2030-01-01']);
    // 10 days: Ana 2 × 8.5 + Bo 10 = 27 × 0.8 = 21.6 (her day off on the 14th counts again).
    expect(await calendarSprint(t, sprint.id)).toMatchObject({
      workingDays: 10,
      capacityPoints: 21.6,
      reservedPoints: 4.32,
    });
  });

  it('an ACTIVE sprint’s capacity follows a new holiday; its reserve stays frozen', async () => {
    const { team } = await teamWithBoard(t);
    await addMember(t, team.id, { capacityPerDay: 1 });
    const sprint = await createSprint(t, team.id, {
      startDate: '2030-02-04',
      endDate: '2030-02-15',
    });
    await startSprint(t, sprint.id);
    expect(await calendarSprint(t, sprint.id)).toMatchObject({
      workingDays: 10,
      capacityPoints: 10,
      reservedPoints: 2,
    });
    await addHolidays(t, team.id, ['2030-02-08'], 'Winter break');
    expect(await calendarSprint(t, sprint.id)).toMatchObject({
      state: 'ACTIVE',
      workingDays: 9,
      capacityPoints: 9,
      reservedPoints: 2,
      plannablePoints: 7,
    });
  });

  /**
   * 2026-10-05 (Mon) .. 10-16 (Fri), Wednesday 10-07 a holiday: 9 working days. Planned A 6
   * (done Mon 10-12) and B 3 (done on the holiday: the next working day shows it).
   *   day    10-05 10-06 10-08 10-09 10-12 10-13 10-14 10-15 10-16
   *   left       9     9     6     6     0     0     0     0     0
   *   ideal      8     7     6     5     4     3     2     1     0   (9 × (9 − n) / 9)
   * The ideal line burns one day's worth from Tuesday to Thursday: none on the holiday.
   */
  it('the ideal burndown line burns only on working days: flat across a holiday', async () => {
    const { team, board } = await teamWithBoard(t);
    await addMember(t, team.id, { capacityPerDay: 2 });
    await addHolidays(t, team.id, ['2026-10-07'], 'Company day');
    const sprint = await pastSprint(
      t,
      { id: team.id, board },
      {
        startDate: '2026-10-05',
        endDate: '2026-10-16',
        planned: [
          { estimate: 6, doneOn: '2026-10-12' },
          { estimate: 3, doneOn: '2026-10-07' },
        ],
        close: false,
      },
    );
    const expected = [
      ['2026-10-05', 9, 8],
      ['2026-10-06', 9, 7],
      ['2026-10-08', 6, 6],
      ['2026-10-09', 6, 5],
      ['2026-10-12', 0, 4],
      ['2026-10-13', 0, 3],
      ['2026-10-14', 0, 2],
      ['2026-10-15', 0, 1],
      ['2026-10-16', 0, 0],
    ];
    const live = await capacityReport(t, sprint.id);
    expect(live).toMatchObject({ workingDays: 9, capacityPoints: 18, committedPoints: 9 });
    expect(live.burndown.map((p) => [p.date, p.remainingPoints, p.idealPoints])).toEqual(expected);
    const json = await t.http.get(`/reports/sprints/${sprint.id}/capacity.json`).expect(200);
    expect((json.body as { workingDates: string[] }).workingDates).not.toContain('2026-10-07');

    await t.ok(`mutation ($id: ID!) { closeSprint(id: $id) { id } }`, { id: sprint.id });
    const closed = await capacityReport(t, sprint.id);
    expect(closed.snapshot).toBe(true);
    expect(closed.burndown.map((p) => [p.date, p.remainingPoints, p.idealPoints])).toEqual(
      expected,
    );
  });

  /**
   * The deprecated number still works and is converted: 2 days off in 10 lower each working day
   * by a fifth (2 × 0.8 = 1.6 a day, 16 in all, as before). Dates then replace the number and the
   * number the dates; both at once are refused.
   */
  it('keeps the numeric daysOff working, converted, and never mixes it with dates', async () => {
    const { team } = await teamWithBoard(t);
    const ana = await addMember(t, team.id, { name: 'Ana', capacityPerDay: 2 });
    const sprint = await createSprint(t, team.id, {
      startDate: '2030-01-07',
      endDate: '2030-01-18',
    });
    await setAvailability(t, { sprintId: sprint.id, memberId: ana.id, daysOff: 2 });
    const numeric = await calendarSprint(t, sprint.id);
    expect(numeric).toMatchObject({ workingDays: 10, capacityPoints: 16 });
    expect(numeric.capacityByDay.every((d) => d.points === 1.6)).toBe(true);
    expect(numeric.memberCapacity[0]).toMatchObject({
      daysOff: 2,
      daysOffDates: [],
      availableDays: 8,
    });

    await setAvailability(t, {
      sprintId: sprint.id,
      memberId: ana.id,
      daysOffDates: [{ date: '2030-01-10', fraction: 0.5 }],
    });
    const dated = await calendarSprint(t, sprint.id);
    // 2 × 9.5 = 19: the number is gone, the half day is on Thursday.
    expect(dated).toMatchObject({ capacityPoints: 19 });
    expect(dated.capacityByDay.find((d) => d.date === '2030-01-10')).toEqual({
      date: '2030-01-10',
      points: 1,
    });
    expect(dated.memberCapacity[0]).toMatchObject({ daysOff: 0.5, availableDays: 9.5 });
    expect(
      await t.prisma.sprintMember.findUnique({
        where: { sprintId_memberId: { sprintId: sprint.id, memberId: ana.id } },
      }),
    ).toMatchObject({ daysOff: 0 });

    // Neither given: only the capacity override changes; the dates stay.
    await setAvailability(t, { sprintId: sprint.id, memberId: ana.id, capacityPerDay: 1 });
    expect(await calendarSprint(t, sprint.id)).toMatchObject({
      capacityPoints: 9.5,
      memberCapacity: [{ capacityPerDay: 1, daysOff: 0.5 }],
    });

    const both = await t.gql(SET, {
      input: {
        sprintId: sprint.id,
        memberId: ana.id,
        daysOff: 1,
        daysOffDates: [{ date: '2030-01-08' }],
      },
    });
    expect(expectBadInput(both, 'input.daysOff').message).toContain('not both');

    await setAvailability(t, { sprintId: sprint.id, memberId: ana.id, daysOff: 1 });
    expect(await calendarSprint(t, sprint.id)).toMatchObject({
      capacityPoints: 9,
      memberCapacity: [{ daysOff: 1, daysOffDates: [] }],
    });
    expect(await t.prisma.sprintMemberDayOff.count({ where: { sprintId: sprint.id } })).toBe(0);

    const field = await t.ok<{
      __type: { inputFields: { name: string; isDeprecated: boolean; deprecationReason: string }[] };
    }>(
      `{ __type(name: "SetMemberAvailabilityInput") { inputFields(includeDeprecated: true) { name isDeprecated deprecationReason } } }`,
    );
    const daysOff = field.__type.inputFields.find((f) => f.name === 'daysOff');
    expect(daysOff?.isDeprecated).toBe(true);
    expect(daysOff?.deprecationReason).toContain('daysOffDates');
  });

  it('refuses days off outside the sprint, on weekends, on holidays, twice, or not a half or whole day', async () => {
    const { team } = await teamWithBoard(t);
    const ana = await addMember(t, team.id, { capacityPerDay: 2 });
    const sprint = await createSprint(t, team.id, {
      startDate: '2030-01-07',
      endDate: '2030-01-18',
    });
    await addHolidays(t, team.id, ['2030-01-09'], 'Founders day');
    await setAvailability(t, {
      sprintId: sprint.id,
      memberId: ana.id,
      daysOffDates: [{ date: '2030-01-08' }],
    });
    const cases: [string, { date: string; fraction?: number }, string][] = [
      ['2030-01-21', { date: '2030-01-21' }, 'outside the sprint'],
      ['2030-01-06', { date: '2030-01-06' }, 'outside the sprint'],
      ['2030-01-12', { date: '2030-01-12' }, 'not a working day'],
      ['2030-01-09', { date: '2030-01-09', fraction: 0.5 }, 'team holiday (Founders day)'],
    ];
    for (const [date, entry, why] of cases) {
      const res = await t.gql(SET, {
        input: {
          sprintId: sprint.id,
          memberId: ana.id,
          daysOffDates: [{ date: '2030-01-10' }, entry],
        },
      });
      const error = expectBadInput(res, 'input.daysOffDates[1].date');
      expect([date, error.message]).toEqual([date, expect.stringContaining(`${date} is`)]);
      expect(error.message).toContain(why);
    }
    const twice = await t.gql(SET, {
      input: {
        sprintId: sprint.id,
        memberId: ana.id,
        daysOffDates: [{ date: '2030-01-10' }, { date: '2030-01-10', fraction: 0.5 }],
      },
    });
    expect(expectBadInput(twice, 'input.daysOffDates[1].date').message).toContain(
      '2030-01-10 is given more than once',
    );
    const quarter = await t.gql(SET, {
      input: {
        sprintId: sprint.id,
        memberId: ana.id,
        daysOffDates: [{ date: '2030-01-10', fraction: 0.25 }],
      },
    });
    expectBadInput(quarter, 'input.daysOffDates[0].fraction');
    // Nothing refused was written: the day off on the 8th is still the only one.
    expect((await calendarSprint(t, sprint.id)).memberCapacity[0]?.daysOffDates).toEqual([
      { date: '2030-01-08', fraction: 1 },
    ]);

    expectBadInput(await addHolidays(t, team.id, [], 'Nothing'), 'dates');
    expectBadInput(await addHolidays(t, team.id, ['2030-01-10'], '  '), 'name');
    expect((await calendarSprint(t, sprint.id)).workingDays).toBe(9);
  });
});
