import { teamWithBoard } from '../helpers/planning-factories';
import { addMembers, closeSprintOk } from '../helpers/planning-mutations';
import { capacityReport } from '../helpers/report-views';
import { pastSprint } from '../helpers/backdating';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * Scenario: the burndown of a finished sprint, day by day. 2026-10-05 (Mon)..10-16 (Fri), one
 * member at 2/day (capacity 20, reserve 4). Planned A 5 (done Tue 10-06), B 3 (done Mon 10-12),
 * C 2 (never); on Wed 10-07 an INCIDENT of 4 (done Thu 10-08) and a FEATURE of 2 (done Sat 10-10)
 * were added.
 *
 *   day     10-05 10-06 10-07 10-08 10-09 10-12 10-13 10-14 10-15 10-16
 *   left       10     5    11     7     7     2     2     2     2     2
 *   added       0     0     6     0     0     0     0     0     0     0
 *   ideal       9     8     7     6     5     4     3     2     1     0   (10 × (10 − n) / 10)
 */
const EXPECTED = [
  { date: '2026-10-05', remainingPoints: 10, idealPoints: 9, unplannedAddedPoints: 0 },
  { date: '2026-10-06', remainingPoints: 5, idealPoints: 8, unplannedAddedPoints: 0 },
  { date: '2026-10-07', remainingPoints: 11, idealPoints: 7, unplannedAddedPoints: 6 },
  { date: '2026-10-08', remainingPoints: 7, idealPoints: 6, unplannedAddedPoints: 0 },
  { date: '2026-10-09', remainingPoints: 7, idealPoints: 5, unplannedAddedPoints: 0 },
  { date: '2026-10-12', remainingPoints: 2, idealPoints: 4, unplannedAddedPoints: 0 },
  { date: '2026-10-13', remainingPoints: 2, idealPoints: 3, unplannedAddedPoints: 0 },
  { date: '2026-10-14', remainingPoints: 2, idealPoints: 2, unplannedAddedPoints: 0 },
  { date: '2026-10-15', remainingPoints: 2, idealPoints: 1, unplannedAddedPoints: 0 },
  { date: '2026-10-16', remainingPoints: 2, idealPoints: 0, unplannedAddedPoints: 0 },
];

describe('capacity report: burndown', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('one point per working day with remaining, ideal and unplanned points, live and at close', async () => {
    const { team, board } = await teamWithBoard(t);
    await addMembers(t, team.id, [2]);
    const sprint = await pastSprint(
      t,
      { id: team.id, board },
      {
        startDate: '2026-10-05',
        endDate: '2026-10-16',
        planned: [
          { estimate: 5, doneOn: '2026-10-06' },
          { estimate: 3, doneOn: '2026-10-12' },
          { estimate: 2 },
        ],
        unplanned: [
          { estimate: 4, type: 'INCIDENT', addedOn: '2026-10-07', doneOn: '2026-10-08' },
          { estimate: 2, type: 'FEATURE', addedOn: '2026-10-07', doneOn: '2026-10-10' },
        ],
        close: false,
      },
    );
    const summary = {
      committedPoints: 10,
      scopePoints: 16,
      completedPoints: 14,
      completedCount: 4,
      addedScopeCount: 1,
      addedScopePoints: 2,
      unplannedProduction: { count: 1, points: 4 },
      reserveUsedPoints: 4,
      flags: ['RESERVE_EXHAUSTED'],
    };
    const live = await capacityReport(t, sprint.id);
    expect(live).toMatchObject({ state: 'ACTIVE', snapshot: false, ...summary });
    expect(live.burndown).toEqual(EXPECTED);

    await closeSprintOk(t, sprint.id);
    const closed = await capacityReport(t, sprint.id);
    expect(closed).toMatchObject({ state: 'CLOSED', snapshot: true, ...summary });
    expect(closed.burndown).toEqual(EXPECTED);
  });
});
