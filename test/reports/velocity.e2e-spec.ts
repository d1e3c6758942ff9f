import { createSprint } from '../helpers/factories';
import { expectBadInput, expectCode } from '../helpers/graphql-errors';
import { teamWithBoard } from '../helpers/planning-factories';
import { addMembers, setReservePolicy } from '../helpers/planning-mutations';
import { BASIS_FIELDS } from '../helpers/report-views';
import { pastSprint } from '../helpers/backdating';
import { startTestApp, TestApp } from '../helpers/test-app';

const VELOCITY = `query ($teamId: ID!, $last: Int) {
  velocityReport(teamId: $teamId, lastSprints: $last) {
    teamId
    sprints { sprintId name startDate endDate capacityPoints committedPoints completedPoints
      unplannedProductionPoints reservedPoints reserveUsedShare carriedOverPoints }
    averages { committedPoints completedPoints unplannedProductionPoints reservedPoints reserveUsedShare completionRate }
    forecast { sprintId capacityPoints reservedPoints plannablePoints expectedCompletedPoints reserveBasis { ${BASIS_FIELDS} } }
  }
}`;

/**
 * One member at 2/day, reserve 20% of capacity. Closed sprints:
 *   S1 09-07..09-18 (10 days, cap 20, reserve 4): planned 5 ✓ 3 ✓ 2; INCIDENT 2 ✓ added
 *      → committed 10, completed 10, unplanned 2, share 0.5, carried 2
 *   S2 09-21..10-02 (10 days, cap 20, reserve 4): planned 8 ✓ 4; PRODUCTION_CHANGE 3 and INCIDENT 3
 *      → committed 12, completed 8, unplanned 6, share 1.5, carried 10
 *   S3 10-05..10-09 (5 days, cap 10, reserve 2): planned 6 ✓; INCIDENT 1
 *      → committed 6, completed 6, unplanned 1, share 0.5, carried 1
 */
describe('velocity report', () => {
  let t: TestApp;
  let teamId: string;
  let ids: string[];

  beforeAll(async () => {
    t = await startTestApp();
    const { team, board } = await teamWithBoard(t);
    teamId = team.id;
    await addMembers(t, team.id, [2]);
    const ctx = { id: team.id, board };
    const s1 = await pastSprint(t, ctx, {
      name: 'S1',
      startDate: '2026-09-07',
      endDate: '2026-09-18',
      planned: [
        { estimate: 5, doneOn: '2026-09-08' },
        { estimate: 3, doneOn: '2026-09-10' },
        { estimate: 2 },
      ],
      unplanned: [{ estimate: 2, type: 'INCIDENT', addedOn: '2026-09-09', doneOn: '2026-09-09' }],
    });
    const s2 = await pastSprint(t, ctx, {
      name: 'S2',
      startDate: '2026-09-21',
      endDate: '2026-10-02',
      planned: [{ estimate: 8, doneOn: '2026-09-25' }, { estimate: 4 }],
      unplanned: [
        { estimate: 3, type: 'PRODUCTION_CHANGE', addedOn: '2026-09-22' },
        { estimate: 3, type: 'INCIDENT', addedOn: '2026-09-23' },
      ],
    });
    const s3 = await pastSprint(t, ctx, {
      name: 'S3',
      startDate: '2026-10-05',
      endDate: '2026-10-09',
      planned: [{ estimate: 6, doneOn: '2026-10-08' }],
      unplanned: [{ estimate: 1, type: 'INCIDENT', addedOn: '2026-10-06' }],
    });
    ids = [s1.id, s2.id, s3.id];
  });

  afterAll(async () => {
    await t.close();
  });

  it('shows the last sprints side by side, oldest first, with averages and a forecast', async () => {
    const { velocityReport: report } = await t.ok(VELOCITY, { teamId });
    expect(report.sprints).toEqual([
      {
        sprintId: ids[0],
        name: 'S1',
        startDate: '2026-09-07',
        endDate: '2026-09-18',
        capacityPoints: 20,
        committedPoints: 10,
        completedPoints: 10,
        unplannedProductionPoints: 2,
        reservedPoints: 4,
        reserveUsedShare: 0.5,
        carriedOverPoints: 2,
      },
      {
        sprintId: ids[1],
        name: 'S2',
        startDate: '2026-09-21',
        endDate: '2026-10-02',
        capacityPoints: 20,
        committedPoints: 12,
        completedPoints: 8,
        unplannedProductionPoints: 6,
        reservedPoints: 4,
        reserveUsedShare: 1.5,
        carriedOverPoints: 10,
      },
      {
        sprintId: ids[2],
        name: 'S3',
        startDate: '2026-10-05',
        endDate: '2026-10-09',
        capacityPoints: 10,
        committedPoints: 6,
        completedPoints: 6,
        unplannedProductionPoints: 1,
        reservedPoints: 2,
        reserveUsedShare: 0.5,
        carriedOverPoints: 1,
      },
    ]);
    expect(report.averages).toEqual({
      committedPoints: 9.33, // 28 / 3
      completedPoints: 8, // 24 / 3
      unplannedProductionPoints: 3, // 9 / 3
      reservedPoints: 3.33, // 10 / 3
      reserveUsedShare: 0.83, // 2.5 / 3
      completionRate: 0.89, // (1 + 8/12 + 1) / 3
    });
    // No PLANNED sprint: an average sprint of the window (16.67 points, 8 days) at 20%.
    expect(report.forecast).toMatchObject({
      sprintId: null,
      capacityPoints: 16.67,
      reservedPoints: 3.33,
      plannablePoints: 13.34,
      expectedCompletedPoints: 11.86, // 13.34 × 0.8889
      reserveBasis: { mode: 'PERCENT_OF_CAPACITY', value: 20, workingDays: 8 },
    });
  });

  it('lastSprints narrows the window', async () => {
    const { velocityReport: report } = await t.ok(VELOCITY, { teamId, last: 2 });
    expect(report.sprints.map((s: { name: string }) => s.name)).toEqual(['S2', 'S3']);
    expect(report.averages).toEqual({
      committedPoints: 9,
      completedPoints: 7,
      unplannedProductionPoints: 3.5,
      reservedPoints: 3,
      reserveUsedShare: 1,
      completionRate: 0.83,
    });
    // (20 + 10) / 2 = 15 points over round(7.5) = 8 days; 12 plannable × 5/6.
    expect(report.forecast).toMatchObject({
      capacityPoints: 15,
      reservedPoints: 3,
      plannablePoints: 12,
      expectedCompletedPoints: 10,
    });
  });

  it('a HISTORICAL forecast reads the whole history, whatever the window', async () => {
    await setReservePolicy(t, teamId, { mode: 'HISTORICAL' });
    // Per day: S3 0.2, S2 0.6, S1 0.2 → p80 0.44; × 8 days of an average sprint = 3.52.
    for (const last of [1, 3]) {
      const { velocityReport: report } = await t.ok(VELOCITY, { teamId, last });
      expect(report.forecast.reserveBasis).toMatchObject({
        mode: 'HISTORICAL',
        fallback: false,
        perDay: 0.44,
      });
      expect(report.forecast.reserveBasis.samples.map((s: { name: string }) => s.name)).toEqual([
        'S3',
        'S2',
        'S1',
      ]);
    }

    // With a PLANNED sprint next (2030-01-07..01-18, 10 days, capacity 20): its own reserve.
    const next = await createSprint(t, teamId, { startDate: '2030-01-07', endDate: '2030-01-18' });
    const { velocityReport: report } = await t.ok(VELOCITY, { teamId });
    expect(report.forecast).toMatchObject({
      sprintId: next.id,
      capacityPoints: 20,
      reservedPoints: 4.4,
      plannablePoints: 15.6,
      expectedCompletedPoints: 13.87, // 15.6 × 0.8889
      reserveBasis: { mode: 'HISTORICAL', perDay: 0.44, workingDays: 10 },
    });
    const sprint = await t.ok(
      `query ($id: ID!) { sprint(id: $id) { reservedPoints plannablePoints } }`,
      {
        id: next.id,
      },
    );
    expect(sprint.sprint).toEqual({ reservedPoints: 4.4, plannablePoints: 15.6 });
    await setReservePolicy(t, teamId, { mode: 'PERCENT_OF_CAPACITY' });
  });

  it('a team with no closed sprint forecasts from nothing; bad arguments are refused', async () => {
    const { team } = await teamWithBoard(t);
    const { velocityReport: report } = await t.ok(VELOCITY, { teamId: team.id });
    expect(report).toMatchObject({
      sprints: [],
      averages: {
        committedPoints: 0,
        completedPoints: 0,
        reserveUsedShare: null,
        completionRate: null,
      },
      forecast: {
        sprintId: null,
        capacityPoints: 0,
        reservedPoints: 0,
        expectedCompletedPoints: 0,
      },
    });
    expectBadInput(await t.gql(VELOCITY, { teamId, last: 0 }), 'lastSprints');
    expectBadInput(await t.gql(VELOCITY, { teamId, last: 27 }), 'lastSprints');
    expectCode(
      await t.gql(VELOCITY, { teamId: '00000000-0000-4000-8000-000000000000' }),
      'NOT_FOUND',
    );
  });
});
