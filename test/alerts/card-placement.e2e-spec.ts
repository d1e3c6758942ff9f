/**
 * Where and how alert cards land: priority, type and estimate by the team's severity map, title,
 * notes, rank among manual cards, WIP limits, sprint or backlog, column choice; the alerts list.
 */
import {
  createIntegration,
  postWebhook,
  alertTeam,
  counts,
  deliver,
} from '../helpers/alert-factories';
import { amAlert, amGroup, uniqueId } from '../helpers/alert-payloads';
import { card, columnOrder, dbCardOfKey } from '../helpers/alert-readers';
import { createBoard, createTask } from '../helpers/factories';
import { updateColumn } from '../helpers/planning-mutations';
import { startTestApp, TestApp } from '../helpers/test-app';

describe('where alert cards land', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('prioritizes, types and estimates cards by the team severity map, and follows its changes', async () => {
    const { team } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    const severities: [string | null, string, string, number][] = [
      ['critical', 'URGENT', 'INCIDENT', 3],
      ['high', 'HIGH', 'PRODUCTION_CHANGE', 2],
      ['error', 'HIGH', 'PRODUCTION_CHANGE', 2],
      ['warning', 'MEDIUM', 'PRODUCTION_CHANGE', 1],
      ['info', 'LOW', 'PRODUCTION_CHANGE', 0.5],
      ['bogus', 'MEDIUM', 'PRODUCTION_CHANGE', 1],
      [null, 'MEDIUM', 'PRODUCTION_CHANGE', 1],
    ];
    const alerts = severities.map(([severity], i) => {
      const alert = amAlert({ fingerprint: `sev-${i}`, labels: severity ? { severity } : {} });
      if (!severity) delete (alert.labels as Record<string, string>).severity;
      return alert;
    });
    expect(await deliver(t, integration, amGroup(alerts))).toMatchObject(
      counts({ received: 7, created: 7 }),
    );
    for (const [i, [, priority, type, estimate]] of severities.entries()) {
      const c = await card(t, await dbCardOfKey(t, integration.id, `sev-${i}`));
      expect({ priority: c.priority, type: c.type, estimate: c.estimate }).toEqual({
        priority,
        type,
        estimate,
      });
    }

    const settings = await t.ok<{
      updateAlertSettings: { alertSettings: Record<string, { severity: string }[]> };
    }>(
      `mutation ($input: UpdateAlertSettingsInput!) {
        updateAlertSettings(input: $input) {
          alertSettings { priorities { severity priority } estimates { severity points } }
        }
      }`,
      {
        input: {
          teamId: team.id,
          priorities: [{ severity: 'WARNING', priority: 'HIGH' }],
          estimates: [{ severity: 'WARNING', points: 5 }],
        },
      },
    );
    expect(settings.updateAlertSettings.alertSettings.priorities).toContainEqual({
      severity: 'WARNING',
      priority: 'HIGH',
    });
    expect(settings.updateAlertSettings.alertSettings.priorities).toContainEqual({
      severity: 'CRITICAL',
      priority: 'URGENT',
    });
    expect(settings.updateAlertSettings.alertSettings.estimates).toContainEqual({
      severity: 'WARNING',
      points: 5,
    });
    await deliver(
      t,
      integration,
      amGroup([amAlert({ fingerprint: 'sev-after', labels: { severity: 'warning' } })]),
    );
    const after = await card(t, await dbCardOfKey(t, integration.id, 'sev-after'));
    expect({ priority: after.priority, estimate: after.estimate }).toEqual({
      priority: 'HIGH',
      estimate: 5,
    });
  });

  it('titles a card by its summary, else its alert name, and notes a truncated group', async () => {
    const { team } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    const unnamed = amAlert({
      fingerprint: 'no-summary',
      labels: { alertname: 'NodeDown', instance: 'n1' },
    });
    unnamed.annotations = {};
    const unicode = amAlert({
      fingerprint: 'unicode',
      annotations: { summary: '  Ünïcødé   🔥 alert\non two lines ' },
    });
    await deliver(t, integration, amGroup([unnamed, unicode], { truncatedAlerts: 3 }));
    const a = await card(t, await dbCardOfKey(t, integration.id, 'no-summary'));
    expect(a.title).toBe('NodeDown');
    expect(a.labels).toEqual(['alert:NodeDown']);
    expect(a.description).toContain('> Alertmanager truncated 3 alerts of this group');
    const b = await card(t, await dbCardOfKey(t, integration.id, 'unicode'));
    expect(b.title).toBe('Ünïcødé 🔥 alert on two lines');
  });

  it('ranks alert cards above every card of lower priority, among manual cards', async () => {
    const { team, board } = await alertTeam(t);
    const triage = board.column.TRIAGE!.id;
    const manual: Record<string, string> = {};
    for (const priority of ['URGENT', 'HIGH', 'MEDIUM', 'LOW', 'NONE'])
      manual[priority] = (
        await createTask(t, team.id, { columnId: triage, priority, title: `manual ${priority}` })
      ).key;
    const integration = await createIntegration(t, team.id);
    await deliver(
      t,
      integration,
      amGroup([
        amAlert({ fingerprint: 'rank-info', labels: { severity: 'info' } }),
        amAlert({ fingerprint: 'rank-crit', labels: { severity: 'critical' } }),
        amAlert({ fingerprint: 'rank-warn', labels: { severity: 'warning' } }),
      ]),
    );
    await deliver(
      t,
      integration,
      amGroup([amAlert({ fingerprint: 'rank-high', labels: { severity: 'high' } })]),
    );
    const key = async (fp: string): Promise<string> =>
      (await card(t, await dbCardOfKey(t, integration.id, fp))).key;
    const order = await columnOrder(t, triage);
    expect(order.map((c) => c.key)).toEqual([
      manual.URGENT,
      await key('rank-crit'),
      manual.HIGH,
      await key('rank-high'),
      manual.MEDIUM,
      await key('rank-warn'),
      manual.LOW,
      await key('rank-info'),
      manual.NONE,
    ]);
    expect(order.map((c) => c.source)).toEqual([
      'MANUAL',
      'ALERT',
      'MANUAL',
      'ALERT',
      'MANUAL',
      'ALERT',
      'MANUAL',
      'ALERT',
      'MANUAL',
    ]);
    // Nothing else moved: the manual cards kept their keys.
    const ranks = order.map((c) => c.rank);
    expect([...ranks].sort()).toEqual(ranks);
    expect(new Set(ranks).size).toBe(ranks.length);
  });

  it('lands alert cards past a full WIP limit and reports the overfull column', async () => {
    const { team, board } = await alertTeam(t);
    const triage = board.column.TRIAGE!;
    await updateColumn(t, triage.id, { wipLimit: 1 });
    await createTask(t, team.id, { columnId: triage.id });
    const integration = await createIntegration(t, team.id);
    const answer = await deliver(
      t,
      integration,
      amGroup([amAlert({ fingerprint: 'wip-1' }), amAlert({ fingerprint: 'wip-2' })]),
    );
    expect(answer).toMatchObject(counts({ received: 2, created: 2 }));
    expect(await t.prisma.task.count({ where: { columnId: triage.id } })).toBe(3);
    const delivery = await t.prisma.webhookDelivery.findUniqueOrThrow({
      where: { id: answer.deliveryId },
    });
    expect(delivery.summary).toMatchObject({ created: 2, overfullColumns: ['Triage'] });
    expect(t.logs).toContainEqual(
      expect.objectContaining({
        deliveryId: answer.deliveryId,
        columnId: triage.id,
        wipLimit: 1,
        cards: 3,
      }),
    );
  });

  it('puts cards in the backlog (no sprint) when the team has no active sprint', async () => {
    const { team, board } = await alertTeam(t, { sprint: false });
    const integration = await createIntegration(t, team.id);
    await deliver(t, integration, amGroup([amAlert({ fingerprint: 'backlog' })]));
    const c = await card(t, await dbCardOfKey(t, integration.id, 'backlog'));
    expect(c).toMatchObject({
      sprint: null,
      planned: false,
      addedToSprintAt: null,
      column: { id: board.column.TRIAGE!.id },
    });
  });

  it("uses the integration's column, else its board's TRIAGE column, else the board's first column", async () => {
    const { team, board } = await alertTeam(t);
    const second = await createBoard(t, team.id, {
      columns: [
        { name: 'Inbox', category: 'TODO' },
        { name: 'Doing', category: 'IN_PROGRESS' },
        { name: 'Closed', category: 'DONE' },
      ],
    });
    const third = await createBoard(t, team.id);
    const byColumn = await createIntegration(t, team.id, { columnId: board.column.TODO!.id });
    const noTriage = await createIntegration(t, team.id, { boardId: second.id });
    const otherBoard = await createIntegration(t, team.id, { boardId: third.id });
    const byDefault = await createIntegration(t, team.id);
    const cases: [typeof byColumn, string][] = [
      [byColumn, board.column.TODO!.id],
      [noTriage, second.column.TODO!.id],
      [otherBoard, third.column.TRIAGE!.id],
      [byDefault, board.column.TRIAGE!.id],
    ];
    for (const [integration, columnId] of cases) {
      const fp = uniqueId('col');
      await deliver(t, integration, amGroup([amAlert({ fingerprint: fp })]));
      expect((await card(t, await dbCardOfKey(t, integration.id, fp))).column?.id).toBe(columnId);
    }
  });

  it('lists a team’s alerts by status, page by page, with their cards', async () => {
    const { team } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    await deliver(
      t,
      integration,
      amGroup(['l1', 'l2', 'l3'].map((fingerprint) => amAlert({ fingerprint }))),
    );
    await deliver(t, integration, amGroup([amAlert({ fingerprint: 'l2', status: 'resolved' })]));
    const LIST = `query ($teamId: ID!, $status: AlertStatus, $first: Int, $after: String) {
      alerts(teamId: $teamId, status: $status, first: $first, after: $after) {
        totalCount edges { node { id dedupKey status task { id key } integration { id kind } } }
        pageInfo { hasNextPage endCursor }
      }
    }`;
    const firing = await t.ok(LIST, { teamId: team.id, status: 'FIRING' });
    expect(firing.alerts.totalCount).toBe(2);
    expect(firing.alerts.edges.map((e: any) => e.node.dedupKey).sort()).toEqual(['l1', 'l3']);
    const resolved = await t.ok(LIST, { teamId: team.id, status: 'RESOLVED' });
    expect(resolved.alerts.edges.map((e: any) => e.node.dedupKey)).toEqual(['l2']);
    expect(resolved.alerts.edges[0].node.task.id).toBe(await dbCardOfKey(t, integration.id, 'l2'));
    expect(resolved.alerts.edges[0].node.integration).toEqual({
      id: integration.id,
      kind: 'ALERTMANAGER',
    });

    const page1 = await t.ok(LIST, { teamId: team.id, first: 2 });
    expect(page1.alerts.pageInfo.hasNextPage).toBe(true);
    // Most recently seen first: l2 was seen last.
    expect(page1.alerts.edges[0].node.dedupKey).toBe('l2');
    const page2 = await t.ok(LIST, {
      teamId: team.id,
      first: 2,
      after: page1.alerts.pageInfo.endCursor,
    });
    expect(page2.alerts.pageInfo.hasNextPage).toBe(false);
    const seen = [...page1.alerts.edges, ...page2.alerts.edges].map((e: any) => e.node.dedupKey);
    expect(seen.sort()).toEqual(['l1', 'l2', 'l3']);

    const one = await t.ok(`query ($id: ID!) { alert(id: $id) { dedupKey task { key } } }`, {
      id: page1.alerts.edges[0].node.id,
    });
    expect(one.alert).toEqual({
      dedupKey: 'l2',
      task: { key: page1.alerts.edges[0].node.task.key },
    });
    const missing = await t.gql(
      `query { alert(id: "00000000-0000-4000-8000-000000000000") { id } }`,
    );
    expect(missing.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('answers a webhook for a team without boards with cards off any board', async () => {
    const setup = await alertTeam(t, { sprint: false });
    await t.ok(`mutation ($id: ID!) { deleteBoard(id: $id) { id } }`, { id: setup.board.id });
    const integration = await createIntegration(t, setup.team.id);
    const res = await postWebhook(t, integration, amGroup([amAlert({ fingerprint: 'boardless' })]));
    expect(res.status).toBe(200);
    const c = await card(t, await dbCardOfKey(t, integration.id, 'boardless'));
    expect(c.column).toBeNull();
  });
});
