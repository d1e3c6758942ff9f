/**
 * What alerts do to their cards over time: repeats and priority raises, resolves (and the resolve
 * column), reopen within the window, a new linked card after it, won't fix, dedup by group.
 */
import { createIntegration, alertTeam, counts, deliver } from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { card, dbCardOfKey, dbHistory } from '../helpers/alert-readers';
import { moveTask } from '../helpers/factories';
import { expectBadInput } from '../helpers/graphql-errors';
import { startTestApp, TestApp } from '../helpers/test-app';

const WONT_FIX = `mutation ($taskId: ID!, $muteUntil: DateTime) {
  closeTaskAsWontFix(taskId: $taskId, muteUntil: $muteUntil) { id resolution completedAt column { category } }
}`;

describe('alert cards over their life', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('counts repeats on one card and raises (never lowers) its priority with the severity', async () => {
    const { team } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    const fp = 'raise';
    await deliver(
      t,
      integration,
      amGroup([amAlert({ fingerprint: fp, labels: { severity: 'warning' } })]),
    );
    const id = await dbCardOfKey(t, integration.id, fp);
    expect((await card(t, id)).priority).toBe('MEDIUM');
    const raised = await deliver(
      t,
      integration,
      amGroup([amAlert({ fingerprint: fp, labels: { severity: 'critical' } })]),
    );
    expect(raised).toMatchObject(counts({ received: 1, updated: 1 }));
    let c = await card(t, id);
    expect(c.priority).toBe('URGENT');
    expect(c.alerts[0]).toMatchObject({ severity: 'CRITICAL', occurrences: 2 });
    expect(c.history.map((h) => h.kind)).toEqual(['CREATED', 'PRIORITY_RAISED']);
    expect(c.history[1]).toMatchObject({ to: 'URGENT', actor: 'alerts' });
    await deliver(
      t,
      integration,
      amGroup([amAlert({ fingerprint: fp, labels: { severity: 'info' } })]),
    );
    c = await card(t, id);
    expect(c.priority).toBe('URGENT');
    expect(c.alerts[0]).toMatchObject({ severity: 'INFO', occurrences: 3 });
    expect(await dbHistory(t, id)).toEqual(['CREATED', 'PRIORITY_RAISED']);
    expect(await t.prisma.task.count({ where: { teamId: team.id } })).toBe(1);
  });

  it('moves an unstarted card to the resolve column, and leaves a started one', async () => {
    const { team, board } = await alertTeam(t);
    const resolveColumn = board.column.DONE!.id;
    const integration = await createIntegration(t, team.id, { resolveColumnId: resolveColumn });
    await deliver(
      t,
      integration,
      amGroup([amAlert({ fingerprint: 'unstarted' }), amAlert({ fingerprint: 'started' })]),
    );
    const unstarted = await dbCardOfKey(t, integration.id, 'unstarted');
    const started = await dbCardOfKey(t, integration.id, 'started');
    await moveTask(t, { taskId: started, columnId: board.column.IN_PROGRESS!.id });

    const answer = await deliver(
      t,
      integration,
      amGroup([
        amAlert({ fingerprint: 'unstarted', status: 'resolved' }),
        amAlert({ fingerprint: 'started', status: 'resolved' }),
      ]),
    );
    expect(answer).toMatchObject(counts({ received: 2, resolved: 2 }));
    const moved = await card(t, unstarted);
    expect(moved.column?.id).toBe(resolveColumn);
    expect(moved.completedAt).not.toBeNull();
    expect(moved.history.map((h) => h.kind)).toEqual(['CREATED', 'ALERT_RESOLVED', 'MOVED']);
    expect(moved.history[2]).toMatchObject({
      note: 'alert resolved before work started',
      to: expect.objectContaining({ columnId: resolveColumn }),
    });
    const kept = await card(t, started);
    expect(kept.column?.category).toBe('IN_PROGRESS');
    expect(kept.history.map((h) => h.kind)).toEqual(['CREATED', 'MOVED', 'ALERT_RESOLVED']);
    expect(kept.alerts[0]).toMatchObject({
      status: 'RESOLVED',
      endsAt: '2026-11-20T10:00:00.000Z',
    });
  });

  it('reopens a card done within the reopen window, back to the entry column', async () => {
    const { team, board, sprintId } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    await deliver(t, integration, amGroup([amAlert({ fingerprint: 'reopen' })]));
    const id = await dbCardOfKey(t, integration.id, 'reopen');
    await deliver(
      t,
      integration,
      amGroup([amAlert({ fingerprint: 'reopen', status: 'resolved' })]),
    );
    await moveTask(t, { taskId: id, columnId: board.column.DONE!.id });
    expect((await card(t, id)).completedAt).not.toBeNull();

    const answer = await deliver(t, integration, amGroup([amAlert({ fingerprint: 'reopen' })]));
    expect(answer).toMatchObject(counts({ received: 1, reopened: 1 }));
    const c = await card(t, id);
    expect(c).toMatchObject({
      reopenCount: 1,
      completedAt: null,
      resolution: null,
      column: { id: board.column.TRIAGE!.id },
      sprint: { id: sprintId },
    });
    expect(c.alerts[0]).toMatchObject({ status: 'FIRING', firings: 2, flaps: 1 });
    expect(c.history.map((h) => h.kind)).toEqual([
      'CREATED',
      'ALERT_RESOLVED',
      'MOVED',
      'REOPENED',
    ]);
    expect(c.history[3]).toMatchObject({
      to: expect.objectContaining({ columnId: board.column.TRIAGE!.id }),
    });
    expect(await t.prisma.task.count({ where: { teamId: team.id } })).toBe(1);
  });

  it('opens a new card linked to the old one when the card was done longer ago than the window', async () => {
    const { team, board } = await alertTeam(t);
    const zero = await createIntegration(t, team.id, { reopenWindowMinutes: 0 });
    const day = await createIntegration(t, team.id);
    for (const integration of [zero, day]) {
      await deliver(t, integration, amGroup([amAlert({ fingerprint: 'late' })]));
      const old = await dbCardOfKey(t, integration.id, 'late');
      await deliver(
        t,
        integration,
        amGroup([amAlert({ fingerprint: 'late', status: 'resolved' })]),
      );
      await moveTask(t, { taskId: old, columnId: board.column.DONE!.id });
      if (integration === day) {
        // Done two days ago: outside the default one-day window.
        await t.prisma.task.update({
          where: { id: old },
          data: { completedAt: new Date(Date.now() - 2 * 86_400_000) },
        });
      }
      const answer = await deliver(t, integration, amGroup([amAlert({ fingerprint: 'late' })]));
      expect(answer).toMatchObject(counts({ received: 1, created: 1 }));
      const fresh = await dbCardOfKey(t, integration.id, 'late');
      expect(fresh).not.toBe(old);
      const c = await card(t, fresh);
      expect(c).toMatchObject({
        relatedTask: { id: old },
        reopenCount: 0,
        column: { category: 'TRIAGE' },
      });
      expect(c.history).toEqual([
        expect.objectContaining({
          kind: 'CREATED',
          note: 'opened by an alert that fired again after its card was done',
        }),
      ]);
      const previous = await card(t, old);
      expect(previous).toMatchObject({ reopenCount: 0, column: { category: 'DONE' } });
      expect(previous.alerts).toEqual([]);
    }
  });

  it("mutes an alert whose card is closed as won't fix: firings counted, nothing reopens", async () => {
    const { team } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    await deliver(
      t,
      integration,
      amGroup([amAlert({ fingerprint: 'noisy' }), amAlert({ fingerprint: 'snoozed' })]),
    );
    const noisy = await dbCardOfKey(t, integration.id, 'noisy');
    const snoozed = await dbCardOfKey(t, integration.id, 'snoozed');

    expectBadInput(
      await t.gql(WONT_FIX, {
        taskId: noisy,
        muteUntil: new Date(Date.now() - 60_000).toISOString(),
      }),
      'muteUntil',
    );
    const closed = await t.ok(WONT_FIX, { taskId: noisy });
    expect(closed.closeTaskAsWontFix).toMatchObject({
      resolution: 'WONT_FIX',
      column: { category: 'DONE' },
    });
    expect(closed.closeTaskAsWontFix.completedAt).not.toBeNull();
    const until = new Date(Date.now() + 3_600_000);
    await t.ok(WONT_FIX, { taskId: snoozed, muteUntil: until.toISOString() });

    const both = [amAlert({ fingerprint: 'noisy' }), amAlert({ fingerprint: 'snoozed' })];
    const resolvedBoth = both.map((a) => ({
      ...a,
      status: 'resolved',
      endsAt: '2026-11-20T10:00:00.000Z',
    }));
    expect(await deliver(t, integration, amGroup(both))).toMatchObject(
      counts({ received: 2, updated: 2 }),
    );
    expect(await deliver(t, integration, amGroup(resolvedBoth))).toMatchObject(
      counts({ received: 2, resolved: 2 }),
    );
    expect(await deliver(t, integration, amGroup(both))).toMatchObject(
      counts({ received: 2, updated: 2 }),
    );
    for (const id of [noisy, snoozed]) {
      const c = await card(t, id);
      expect(c).toMatchObject({
        resolution: 'WONT_FIX',
        reopenCount: 0,
        column: { category: 'DONE' },
      });
      expect(c.alerts[0]).toMatchObject({ status: 'FIRING', occurrences: 4, firings: 2, flaps: 1 });
      expect(await dbHistory(t, id)).toEqual(['CREATED', 'MOVED', 'RESOLUTION_SET']);
    }
    expect(await t.prisma.task.count({ where: { teamId: team.id } })).toBe(2);
    const noisyAlert = (await card(t, noisy)).alerts[0]!;
    expect(new Date(noisyAlert.mutedUntil!).getUTCFullYear()).toBe(9999);
    expect((await card(t, snoozed)).alerts[0]!.mutedUntil).toBe(until.toISOString());

    // Once the mute ends, the next firing reopens the card as usual.
    await t.prisma.alert.updateMany({
      where: { taskId: snoozed },
      data: { mutedUntil: new Date(Date.now() - 1000) },
    });
    const unmute = await t.ok(`mutation ($id: ID!) { unmuteAlert(id: $id) { id mutedUntil } }`, {
      id: noisyAlert.id,
    });
    expect(unmute.unmuteAlert.mutedUntil).toBeNull();
    expect(await deliver(t, integration, amGroup(both))).toMatchObject(
      counts({ received: 2, reopened: 2 }),
    );
    for (const id of [noisy, snoozed]) {
      expect(await card(t, id)).toMatchObject({
        resolution: null,
        reopenCount: 1,
        completedAt: null,
        column: { category: 'TRIAGE' },
      });
    }
  });

  it('with dedupBy GROUP, one card per group key, listing its members', async () => {
    const { team } = await alertTeam(t);
    const integration = await createIntegration(t, team.id, { dedupBy: 'GROUP' });
    const groupA = '{}:{alertname="DiskFull"}';
    const groupB = '{}:{alertname="CpuHigh"}';
    const members = ['db-1', 'db-2', 'db-3'].map((instance) =>
      amAlert({
        fingerprint: `grp-${instance}`,
        labels: { alertname: 'DiskFull', instance, env: 'prod' },
      }),
    );
    const first = await deliver(t, integration, amGroup(members, { groupKey: groupA }));
    expect(first).toMatchObject(counts({ received: 3, created: 1 }));
    const other = await deliver(
      t,
      integration,
      amGroup([amAlert({ labels: { alertname: 'CpuHigh', severity: 'critical' } })], {
        groupKey: groupB,
      }),
    );
    expect(other).toMatchObject(counts({ received: 1, created: 1 }));
    expect(await t.prisma.task.count({ where: { teamId: team.id } })).toBe(2);

    const id = await dbCardOfKey(t, integration.id, groupA);
    let c = await card(t, id);
    expect(c.description).toContain('**Alerts in this group (3):**');
    for (const instance of ['db-1', 'db-2', 'db-3'])
      expect(c.description).toContain(`(${instance}) — firing`);
    expect(c.labels).toEqual(['alert:DiskFull', 'env:prod']);

    // One member resolves: the group still fires. All resolve: the group is resolved.
    const partly = [
      { ...members[0]!, status: 'resolved', endsAt: '2026-11-20T10:00:00.000Z' },
      members[1]!,
      members[2]!,
    ];
    expect(await deliver(t, integration, amGroup(partly, { groupKey: groupA }))).toMatchObject(
      counts({ received: 3, updated: 1 }),
    );
    c = await card(t, id);
    expect(c.alerts).toEqual([
      expect.objectContaining({ dedupKey: groupA, status: 'FIRING', occurrences: 2 }),
    ]);
    const all = members.map((m) => ({
      ...m,
      status: 'resolved',
      endsAt: '2026-11-20T10:00:00.000Z',
    }));
    expect(await deliver(t, integration, amGroup(all, { groupKey: groupA }))).toMatchObject(
      counts({ received: 3, resolved: 1 }),
    );
    c = await card(t, id);
    expect(c.alerts[0]).toMatchObject({ status: 'RESOLVED', endsAt: '2026-11-20T10:00:00.000Z' });
  });
});
