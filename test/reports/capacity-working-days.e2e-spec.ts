import { createSprint, startSprint } from '../helpers/factories';
import { teamWithBoard } from '../helpers/planning-factories';
import { addMembers } from '../helpers/planning-mutations';
import { at, backdateSprintStart, pastSprint } from '../helpers/backdating';
import { capacityReport } from '../helpers/report-views';
import { startTestApp, TestApp } from '../helpers/test-app';

const DAY_MS = 24 * 3600 * 1000;
const day = (offset: number): string =>
  new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

/** Scenario: weekends and team working days decide capacity and the burndown's days. */
describe('capacity report: weekends and team working days', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('Monday to Friday: weekends hold no capacity and no burndown point; weekend work shows on Monday', async () => {
    const { team, board } = await teamWithBoard(t);
    await addMembers(t, team.id, [2]);
    // 2026-10-05 is a Monday, 2026-10-18 a Sunday: 10 working days.
    const sprint = await pastSprint(
      t,
      { id: team.id, board },
      {
        startDate: '2026-10-05',
        endDate: '2026-10-18',
        planned: [{ estimate: 8, doneOn: '2026-10-11' }],
        close: false,
      },
    );
    const report = await capacityReport(t, sprint.id);
    expect(report).toMatchObject({
      state: 'ACTIVE',
      workingDays: 10,
      capacityPoints: 20,
      reservedPoints: 4,
      plannablePoints: 16,
      committedPoints: 8,
      completedPoints: 8,
      flags: [],
    });
    expect(report.burndown.map((p) => [p.date, p.remainingPoints])).toEqual([
      ['2026-10-05', 8],
      ['2026-10-06', 8],
      ['2026-10-07', 8],
      ['2026-10-08', 8],
      ['2026-10-09', 8],
      // Done on Sunday 2026-10-11: the next working day shows it.
      ['2026-10-12', 0],
      ['2026-10-13', 0],
      ['2026-10-14', 0],
      ['2026-10-15', 0],
      ['2026-10-16', 0],
    ]);
    // 8 × (10 − n) / 10 at the end of the n-th working day.
    expect(report.burndown.map((p) => p.idealPoints)).toEqual([
      7.2, 6.4, 5.6, 4.8, 4, 3.2, 2.4, 1.6, 0.8, 0,
    ]);
  });

  it('Sunday to Thursday: Friday and Saturday are the weekend', async () => {
    const { team, board } = await teamWithBoard(t, {
      workingDays: ['SUN', 'MON', 'TUE', 'WED', 'THU'],
    });
    await addMembers(t, team.id, [1.5]);
    // 2026-10-04 is a Sunday, 2026-10-17 a Saturday.
    const sprint = await pastSprint(
      t,
      { id: team.id, board },
      {
        startDate: '2026-10-04',
        endDate: '2026-10-17',
        planned: [
          { estimate: 6, doneOn: '2026-10-09' },
          { estimate: 4, doneOn: '2026-10-15' },
        ],
      },
    );
    const report = await capacityReport(t, sprint.id);
    expect(report).toMatchObject({
      state: 'CLOSED',
      snapshot: true,
      workingDays: 10,
      capacityPoints: 15,
      reservedPoints: 3,
      plannablePoints: 12,
      committedPoints: 10,
      completedPoints: 10,
      completedCount: 2,
    });
    expect(report.burndown.map((p) => [p.date, p.remainingPoints, p.idealPoints])).toEqual([
      ['2026-10-04', 10, 9],
      ['2026-10-05', 10, 8],
      ['2026-10-06', 10, 7],
      ['2026-10-07', 10, 6],
      ['2026-10-08', 10, 5],
      // Done on Friday 2026-10-09 (a weekend day for this team): Sunday shows it.
      ['2026-10-11', 4, 4],
      ['2026-10-12', 4, 3],
      ['2026-10-13', 4, 2],
      ['2026-10-14', 4, 1],
      ['2026-10-15', 0, 0],
    ]);
  });

  it('changing the team’s working days moves a PLANNED sprint’s capacity and reserve', async () => {
    const { team } = await teamWithBoard(t);
    await addMembers(t, team.id, [2]);
    const sprint = await createSprint(t, team.id, {
      startDate: '2030-01-07',
      endDate: '2030-01-18',
    });
    expect(await capacityReport(t, sprint.id)).toMatchObject({
      state: 'PLANNED',
      workingDays: 10,
      capacityPoints: 20,
      reservedPoints: 4,
      burndown: [],
    });
    await t.ok(
      `mutation ($id: ID!, $input: UpdateTeamInput!) { updateTeam(id: $id, input: $input) { id } }`,
      { id: team.id, input: { workingDays: ['MON', 'TUE', 'WED', 'THU'] } },
    );
    expect(await capacityReport(t, sprint.id)).toMatchObject({
      workingDays: 8,
      capacityPoints: 16,
      reservedPoints: 3.2,
      plannablePoints: 12.8,
      reserveBasis: { workingDays: 8, capacityPoints: 16 },
    });
  });

  it('a sprint under way has one point per working day up to today', async () => {
    const { team } = await teamWithBoard(t);
    await addMembers(t, team.id, [1]);
    const start = day(-9);
    const sprint = await createSprint(t, team.id, { startDate: start, endDate: day(4) });
    await startSprint(t, sprint.id);
    await backdateSprintStart(t, sprint.id, at(start, '08:00'));
    const expected: string[] = [];
    for (let offset = -9; offset <= 0; offset++) {
      const weekday = new Date(`${day(offset)}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6) expected.push(day(offset));
    }
    const report = await capacityReport(t, sprint.id);
    expect(report.burndown.map((p) => p.date)).toEqual(expected);
    expect(report.burndown.every((p) => p.remainingPoints === 0)).toBe(true);
  });
});
