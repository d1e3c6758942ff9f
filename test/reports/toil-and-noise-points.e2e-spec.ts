import { createIntegration } from '../helpers/alert-factories';
import { deliver } from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { createSprint, createTask, moveTask, startSprint } from '../helpers/factories';
import { teamWithBoard } from '../helpers/planning-factories';
import {
  addMembers,
  closeSprintOk,
  setAlertEstimates,
  setReservePolicy,
} from '../helpers/planning-mutations';
import { startTestApp, TestApp } from '../helpers/test-app';

describe('toil budget and noise priced in points', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('shows the production share of completed points per sprint and member, flags those above the cap, and the trend', async () => {
    const { team, board } = await teamWithBoard(t);
    const [ana, ben] = await addMembers(t, team.id, [2, 2]);
    await setReservePolicy(t, team.id, { mode: 'FIXED_POINTS', value: 10 });
    await t.ok(
      `mutation ($id: ID!) { updateTeam(id: $id, input: {productionShareCap: 0.3}) { id } }`,
      {
        id: team.id,
      },
    );
    const done = board.column.DONE?.id;
    const finish = (id: string) => moveTask(t, { taskId: id, columnId: done });

    // Sprint 1: Ana does a 4-point feature and a 3-point incident added after the start; Ben a
    // 2-point feature. Completed 9, production 3: 0.33 > 0.3. Ana 3 / 7 = 0.43; Ben 0 / 2 = 0.
    const s1 = await createSprint(t, team.id, { startDate: '2030-01-07', endDate: '2030-01-18' });
    const f1 = await createTask(t, team.id, { sprintId: s1.id, estimate: 4, assigneeId: ana!.id });
    const g1 = await createTask(t, team.id, { sprintId: s1.id, estimate: 2, assigneeId: ben!.id });
    await startSprint(t, s1.id);
    const i1 = await createTask(t, team.id, {
      sprintId: s1.id,
      estimate: 3,
      type: 'INCIDENT',
      assigneeId: ana!.id,
    });
    for (const task of [f1, g1, i1]) await finish(task.id);

    const report = await t.ok<{ sprintCapacityReport: Record<string, any> }>(
      `query ($id: ID!) { sprintCapacityReport(sprintId: $id) { completedPoints productionCompletedPoints
        productionShare productionShareCap flags
        members { name completedPoints productionCompletedPoints productionShare overProductionShareCap } } }`,
      { id: s1.id },
    );
    expect(report.sprintCapacityReport).toMatchObject({
      completedPoints: 9,
      productionCompletedPoints: 3,
      productionShare: 0.33,
      productionShareCap: 0.3,
      flags: ['PRODUCTION_SHARE_OVER_CAP'],
    });
    const members = report.sprintCapacityReport.members as Record<string, unknown>[];
    expect(
      members.map((m) => [
        m.completedPoints,
        m.productionCompletedPoints,
        m.productionShare,
        m.overProductionShareCap,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [7, 3, 0.43, true],
        [2, 0, 0, false],
      ]),
    );
    await closeSprintOk(t, s1.id);

    // Sprint 2: Ana a 2-point feature, Ben a 6-point incident: 6 / 8 = 0.75.
    const s2 = await createSprint(t, team.id, { startDate: '2030-01-21', endDate: '2030-02-01' });
    const f2 = await createTask(t, team.id, { sprintId: s2.id, estimate: 2, assigneeId: ana!.id });
    await startSprint(t, s2.id);
    const i2 = await createTask(t, team.id, {
      sprintId: s2.id,
      estimate: 6,
      type: 'INCIDENT',
      assigneeId: ben!.id,
    });
    for (const task of [f2, i2]) await finish(task.id);
    await closeSprintOk(t, s2.id);

    const velocity = await t.ok<{ velocityReport: Record<string, any> }>(
      `query ($id: ID!) { velocityReport(teamId: $id) {
        sprints { completedPoints productionCompletedPoints productionShare overProductionShareCap }
        toil { productionShareCap productionShare sprintsOverCap trend trendSlopePerSprint
          members { completedPoints productionCompletedPoints productionShare overProductionShareCap } } } }`,
      { id: team.id },
    );
    expect(velocity.velocityReport.sprints).toEqual([
      {
        completedPoints: 9,
        productionCompletedPoints: 3,
        productionShare: 0.33,
        overProductionShareCap: true,
      },
      {
        completedPoints: 8,
        productionCompletedPoints: 6,
        productionShare: 0.75,
        overProductionShareCap: true,
      },
    ]);
    // 9 of 17 over both; slope 0.75 − 0.33 = 0.42 a sprint. Ana 3 / 9, Ben 6 / 8.
    expect(velocity.velocityReport.toil).toMatchObject({
      productionShareCap: 0.3,
      productionShare: 0.53,
      sprintsOverCap: 2,
      trend: 'RISING',
      trendSlopePerSprint: 0.42,
    });
    expect(velocity.velocityReport.toil.members).toEqual(
      expect.arrayContaining([
        {
          completedPoints: 9,
          productionCompletedPoints: 3,
          productionShare: 0.33,
          overProductionShareCap: true,
        },
        {
          completedPoints: 8,
          productionCompletedPoints: 6,
          productionShare: 0.75,
          overProductionShareCap: true,
        },
      ]),
    );
  });

  it('alertNoiseReport ranks by the reserve points each alert’s cards consumed', async () => {
    const { team, board } = await teamWithBoard(t);
    await addMembers(t, team.id, [2]);
    await setAlertEstimates(t, team.id, { CRITICAL: 5, WARNING: 1 });
    const sprint = await createSprint(t, team.id, {
      startDate: '2030-01-07',
      endDate: '2030-01-18',
    });
    await startSprint(t, sprint.id);
    const integration = await createIntegration(t, team.id, { boardId: board.id });
    const send = (
      name: string,
      severity: string,
      startsAt: string,
      status: 'firing' | 'resolved' = 'firing',
    ) =>
      deliver(
        t,
        integration,
        amGroup([
          amAlert({ fingerprint: name, status, startsAt, labels: { alertname: name, severity } }),
        ]),
      );
    // Chatty fires three times (one warning card, 1 point); Costly once (a critical card, 5).
    for (const hour of ['08', '09', '10']) {
      await send('Chatty', 'warning', `2030-01-08T${hour}:00:00.000Z`);
      await send('Chatty', 'warning', `2030-01-08T${hour}:00:00.000Z`, 'resolved');
    }
    await send('Costly', 'critical', '2030-01-08T11:00:00.000Z');
    const noise = await t.ok<{ alertNoiseReport: { alerts: Record<string, unknown>[] } }>(
      `query ($id: ID!) { alertNoiseReport(teamId: $id, from: "2030-01-01", to: "2030-01-31") {
        alerts { name firings cardsCreated flaps wontFixShare reservePoints } } }`,
      { id: team.id },
    );
    expect(noise.alertNoiseReport.alerts).toEqual([
      { name: 'Costly', firings: 1, cardsCreated: 1, flaps: 0, wontFixShare: 0, reservePoints: 5 },
      { name: 'Chatty', firings: 3, cardsCreated: 1, flaps: 2, wontFixShare: 0, reservePoints: 1 },
    ]);
  });
});
