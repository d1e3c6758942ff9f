import { createSprint, startSprint } from '../helpers/factories';
import { teamWithBoard } from '../helpers/planning-factories';
import { addMembers, setReservePolicy } from '../helpers/planning-mutations';
import { capacityReport, sprintReserve } from '../helpers/report-views';
import { pastSprint } from '../helpers/backdating';
import { startTestApp, TestApp } from '../helpers/test-app';

/*
 * One member at 2 points a day. History (all Monday to Friday):
 *   S1 2026-09-07..09-18, 10 days: unplanned production 3 + 1 (+ an unestimated INCIDENT = 0) = 4 → 0.4/day
 *        (a planned INCIDENT of 2 and an unplanned FEATURE of 5 do not count)
 *   S2 2026-09-21..10-02, 10 days: unplanned 6 + 4 = 10 → 1.0/day
 *   S3 2026-10-05..10-09,  5 days: unplanned 3 → 0.6/day
 * The sprint being sized: 2030-01-07..01-18, 10 days, capacity 20.
 */
describe('HISTORICAL reserve: sized from the team’s closed sprints', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('falls back, then takes the percentile of points per working day, with lookback and clamps', async () => {
    const { team, board } = await teamWithBoard(t);
    const ctx = { id: team.id, board };
    await addMembers(t, team.id, [2]);
    const next = await createSprint(t, team.id, {
      name: 'Next',
      startDate: '2030-01-07',
      endDate: '2030-01-18',
    });
    await setReservePolicy(t, team.id, { mode: 'HISTORICAL', fallbackPercent: 25 });

    // No closed sprint: 25% of 20.
    expect(await sprintReserve(t, next.id)).toMatchObject({
      capacityPoints: 20,
      reservedPoints: 5,
      plannablePoints: 15,
      reserveBasis: {
        mode: 'HISTORICAL',
        value: 25,
        fallback: true,
        percentile: 80,
        lookbackSprints: 6,
        samples: [],
        rawPoints: 5,
        clamped: null,
      },
    });

    const s1 = await pastSprint(t, ctx, {
      name: 'S1',
      startDate: '2026-09-07',
      endDate: '2026-09-18',
      planned: [
        { estimate: 2, type: 'INCIDENT' },
        { estimate: 3, type: 'FEATURE' },
      ],
      unplanned: [
        { estimate: 3, type: 'PRODUCTION_CHANGE', addedOn: '2026-09-09' },
        { estimate: 1, type: 'INCIDENT', addedOn: '2026-09-10', doneOn: '2026-09-11' },
        { estimate: 5, type: 'FEATURE', addedOn: '2026-09-11' },
        { estimate: null, type: 'INCIDENT', addedOn: '2026-09-14' },
      ],
    });
    const s1Report = await capacityReport(t, s1.id);
    expect(s1Report).toMatchObject({
      state: 'CLOSED',
      snapshot: true,
      workingDays: 10,
      unplannedProduction: { count: 3, points: 4 },
      addedScopeCount: 1,
      addedScopePoints: 5,
    });

    // One closed sprint is not a history yet: still the fallback, showing the sample it has.
    const one = await sprintReserve(t, next.id);
    expect(one.reservedPoints).toBe(5);
    expect(one.reserveBasis).toMatchObject({
      fallback: true,
      samples: [
        { sprintId: s1.id, name: 'S1', unplannedProductionPoints: 4, workingDays: 10, perDay: 0.4 },
      ],
    });

    const s2 = await pastSprint(t, ctx, {
      name: 'S2',
      startDate: '2026-09-21',
      endDate: '2026-10-02',
      planned: [{ estimate: 8 }],
      unplanned: [
        { estimate: 6, type: 'PRODUCTION_CHANGE', addedOn: '2026-09-22' },
        { estimate: 4, type: 'INCIDENT', addedOn: '2026-09-29' },
      ],
    });
    // p80 of [0.4, 1.0] = 0.4 + 0.8 × 0.6 = 0.88 a day × 10 days.
    expect(await sprintReserve(t, next.id)).toMatchObject({
      reservedPoints: 8.8,
      plannablePoints: 11.2,
      reserveBasis: {
        mode: 'HISTORICAL',
        fallback: false,
        perDay: 0.88,
        rawPoints: 8.8,
        clamped: null,
        workingDays: 10,
        capacityPoints: 20,
        samples: [
          { sprintId: s2.id, unplannedProductionPoints: 10, workingDays: 10, perDay: 1 },
          { sprintId: s1.id, unplannedProductionPoints: 4, workingDays: 10, perDay: 0.4 },
        ],
      },
    });

    // A sprint still PLANNED from before S3 ends sees only what had closed by its start.
    const overlapping = await createSprint(t, team.id, {
      startDate: '2026-10-05',
      endDate: '2026-10-16',
    });
    const s3 = await pastSprint(t, ctx, {
      name: 'S3',
      startDate: '2026-10-05',
      endDate: '2026-10-09',
      unplanned: [{ estimate: 3, type: 'INCIDENT', addedOn: '2026-10-06' }],
    });
    expect(
      (await sprintReserve(t, overlapping.id)).reserveBasis.samples.map((s) => s.sprintId),
    ).toEqual([s2.id, s1.id]);

    // Another team's history never counts.
    const other = await teamWithBoard(t);
    await addMembers(t, other.team.id, [1]);
    await pastSprint(
      t,
      { id: other.team.id, board: other.board },
      {
        startDate: '2026-10-12',
        endDate: '2026-10-16',
        unplanned: [{ estimate: 50, type: 'INCIDENT', addedOn: '2026-10-13' }],
      },
    );

    // p80 of [0.4, 0.6, 1.0]: position 1.6 → 0.6 + 0.6 × 0.4 = 0.84 a day → 8.4.
    const three = await sprintReserve(t, next.id);
    expect(three).toMatchObject({ reservedPoints: 8.4, reserveBasis: { perDay: 0.84 } });
    expect(three.reserveBasis.samples.map((s) => [s.name, s.perDay])).toEqual([
      ['S3', 0.6],
      ['S2', 1],
      ['S1', 0.4],
    ]);

    // Median: 0.6 × 10.
    await setReservePolicy(t, team.id, { mode: 'HISTORICAL', percentile: 50 });
    expect(await sprintReserve(t, next.id)).toMatchObject({
      reservedPoints: 6,
      reserveBasis: { percentile: 50, perDay: 0.6 },
    });

    // The last two only: p80 of [0.6, 1.0] = 0.92 → 9.2.
    await setReservePolicy(t, team.id, { mode: 'HISTORICAL', lookbackSprints: 2 });
    const lookback = await sprintReserve(t, next.id);
    expect(lookback).toMatchObject({
      reservedPoints: 9.2,
      reserveBasis: { lookbackSprints: 2, perDay: 0.92 },
    });
    expect(lookback.reserveBasis.samples.map((s) => s.name)).toEqual(['S3', 'S2']);

    // Clamped to at most 30% of capacity (6) and at least 50% (10).
    await setReservePolicy(t, team.id, { mode: 'HISTORICAL', maxPercent: 30 });
    expect(await sprintReserve(t, next.id)).toMatchObject({
      reservedPoints: 6,
      reserveBasis: { rawPoints: 8.4, clamped: 'MAX' },
    });
    await setReservePolicy(t, team.id, { mode: 'HISTORICAL', minPercent: 50, maxPercent: 80 });
    expect(await sprintReserve(t, next.id)).toMatchObject({
      reservedPoints: 10,
      plannablePoints: 10,
      reserveBasis: { rawPoints: 8.4, clamped: 'MIN' },
    });

    // Frozen with its basis at start: later history does not move it.
    await setReservePolicy(t, team.id, { mode: 'HISTORICAL' });
    await startSprint(t, next.id);
    const frozen = await sprintReserve(t, next.id);
    expect(frozen).toMatchObject({ state: 'ACTIVE', reservedPoints: 8.4 });
    expect(frozen.reserveBasis.samples).toHaveLength(3);
    expect(s3.id).toBe(frozen.reserveBasis.samples[0]?.sprintId);
  });
});
