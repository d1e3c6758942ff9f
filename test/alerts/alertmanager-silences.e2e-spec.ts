/**
 * Won't fix, told to Alertmanager: against a real Prometheus Alertmanager (Debian's
 * prometheus-alertmanager, started by the test on a free port). Alertmanager's own webhook
 * payloads (caught by a local receiver) are delivered to Loopboard, so the cards carry the
 * fingerprints and groupKeys Alertmanager makes; closing a card as won't fix must then create a
 * silence that `amtool silence query` lists and under which Alertmanager suppresses the alert;
 * reopening expires it; an Alertmanager that is down at the close gets the silence when it is
 * back. Skipped, saying so, without /usr/bin/prometheus-alertmanager and /usr/bin/amtool.
 */
import { SilenceQueueService } from '../../src/alerts/silences/silence-queue.service';
import {
  alertTeam,
  createIntegration,
  deliver,
  type IntegrationRef,
} from '../helpers/alert-factories';
import { uniqueId } from '../helpers/alert-payloads';
import {
  alertWithLabels,
  amtoolSilences,
  describeAlertmanager,
  postAlerts,
  startAlertmanager,
  type AmSilence,
  type RunningAlertmanager,
} from '../helpers/alertmanager';
import { eventually } from '../helpers/eventually';
import { moveTask, type BoardRef, type TeamRef } from '../helpers/factories';
import { HttpReceiver } from '../helpers/http-receiver';
import { startTestApp, type TestApp } from '../helpers/test-app';

const PUBLIC_URL = 'https://loopboard.example.com';
const WAIT = { timeoutMs: 60_000, intervalMs: 100 };

interface AmPayload {
  groupKey: string;
  alerts: { labels: Record<string, string> }[];
}

interface AlertView {
  id: string;
  silenceId: string | null;
  mutedUntil: string | null;
  task: { key: string; title: string; resolution: string | null } | null;
}

const sameLabels = (a: Record<string, string>, b: Record<string, string>): boolean =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

describeAlertmanager("won't fix, told to Alertmanager", () => {
  let t: TestApp;
  let am: RunningAlertmanager;
  const receiver = new HttpReceiver();

  beforeAll(async () => {
    await receiver.start();
    am = await startAlertmanager({
      route: {
        receiver: 'loopboard',
        group_by: ['alertname', 'service'],
        group_wait: '0s',
        group_interval: '1s',
        repeat_interval: '1h',
      },
      receivers: [
        {
          name: 'loopboard',
          webhook_configs: [{ url: `${receiver.url}/am`, send_resolved: true }],
        },
      ],
    });
    t = await startTestApp({
      env: {
        // Only the local Alertmanager's host, as an operator names an in-cluster one.
        NOTIFY_ALLOWED_HOSTS: '127.0.0.1',
        NOTIFY_DISPATCH_INTERVAL_MS: '100',
        NOTIFY_RETRY_BASE_MS: '100',
        NOTIFY_TIMEOUT_MS: '2000',
        PUBLIC_URL,
      },
    });
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await am?.close();
    await receiver.stop();
  });

  async function setup(
    dedupBy: 'ALERT' | 'GROUP' = 'ALERT',
  ): Promise<{ team: TeamRef; board: BoardRef; integration: IntegrationRef }> {
    const { team, board } = await alertTeam(t, { sprint: false });
    const integration = await createIntegration(t, team.id, {
      dedupBy,
      alertmanager: { url: `${am.url}/` },
    });
    return { team, board, integration };
  }

  /** Gives Alertmanager the alerts, and Loopboard the notification Alertmanager sends for them. */
  async function fire(
    integration: IntegrationRef,
    alerts: Record<string, string>[],
  ): Promise<AmPayload> {
    await postAlerts(
      am,
      alerts.map((labels) => ({
        labels,
        annotations: { summary: `${labels.alertname} on ${labels.service}` },
      })),
    );
    const payload = await eventually(
      () =>
        receiver
          .jsonAt<AmPayload>('/am')
          .find((p) => alerts.every((l) => p.alerts.some((a) => sameLabels(a.labels, l)))),
      { ...WAIT, message: 'Alertmanager notifying the receiver of the alerts' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nAlertmanager said:\n${am.output()}`);
    });
    await deliver(t, integration, payload);
    return payload;
  }

  async function alertOf(integrationId: string): Promise<AlertView> {
    const row = await t.prisma.alert.findFirstOrThrow({ where: { integrationId } });
    const { alert } = await t.ok<{ alert: AlertView }>(
      `query ($id: ID!) { alert(id: $id) { id silenceId mutedUntil task { key title resolution } } }`,
      { id: row.id },
    );
    return alert;
  }

  async function closeAsWontFix(taskKey: string, muteUntil: Date | null): Promise<void> {
    const task = await t.prisma.task.findFirstOrThrow({ where: { key: taskKey } });
    await t.ok(
      `mutation ($id: ID!, $until: DateTime) { closeTaskAsWontFix(taskId: $id, muteUntil: $until) { id } }`,
      { id: task.id, until: muteUntil?.toISOString() ?? null },
    );
  }

  /** The active silence amtool lists for a card (its key is in the comment). */
  function listedSilence(key: string): Promise<AmSilence> {
    return eventually(
      async () => (await amtoolSilences(am)).find((s) => s.comment.includes(`${key} `)),
      { ...WAIT, message: `amtool listing the silence of ${key}` },
    );
  }

  const suppressedBy = (labels: Record<string, string>, silenceId: string) =>
    eventually(
      async () => {
        const alert = await alertWithLabels(am, labels);
        return alert?.status.state === 'suppressed' && alert.status.silencedBy.includes(silenceId)
          ? alert
          : undefined;
      },
      { ...WAIT, message: `Alertmanager suppressing ${JSON.stringify(labels)}` },
    );

  it("creates a silence matching the alert's labels until the mute ends, under which Alertmanager suppresses it", async () => {
    const { team, board, integration } = await setup();
    const labels = {
      alertname: 'CheckoutLatencyHigh',
      service: uniqueId('checkout'),
      severity: 'critical',
      env: 'production',
    };
    await fire(integration, [labels]);
    const before = await alertOf(integration.id);
    expect(before).toMatchObject({ silenceId: null, mutedUntil: null });
    const key = before.task!.key;
    const until = new Date(Date.now() + 3 * 86_400_000);

    await closeAsWontFix(key, until);

    const silence = await listedSilence(key);
    expect(silence.matchers).toEqual([
      { name: 'alertname', value: 'CheckoutLatencyHigh', isRegex: false, isEqual: true },
      { name: 'env', value: 'production', isRegex: false, isEqual: true },
      { name: 'service', value: labels.service, isRegex: false, isEqual: true },
      { name: 'severity', value: 'critical', isRegex: false, isEqual: true },
    ]);
    expect(silence.createdBy).toBe('loopboard');
    expect(new Date(silence.endsAt).getTime()).toBe(until.getTime());
    expect(silence.comment).toBe(
      `Loopboard: ${key} "${before.task!.title}" was closed as won't fix (muted until ${until.toISOString()}). ` +
        `${PUBLIC_URL}/teams/${team.key}/board/${board.id}?card=${key}`,
    );
    const stored = await eventually(async () => (await alertOf(integration.id)).silenceId, {
      ...WAIT,
      message: 'the silence id kept on the alert',
    });
    expect(stored).toBe(silence.id);
    await suppressedBy(labels, silence.id);

    // The same message again (an at-least-once outbox may deliver twice) changes nothing.
    const row = await t.prisma.alert.findUniqueOrThrow({ where: { id: before.id } });
    await t.prisma.$transaction((tx) =>
      t.app.get(SilenceQueueService).syncAlert(tx, { id: row.id, teamId: row.teamId }),
    );
    await eventually(
      async () =>
        (
          await t.prisma.outboxMessage.findMany({
            where: { kind: 'ALERTMANAGER_SILENCE', topic: `alert:${before.id}` },
          })
        ).filter((m) => m.status === 'DELIVERED').length === 2,
      { ...WAIT, message: 'both silence messages delivered' },
    );
    const ofCard = (await amtoolSilences(am)).filter((s) => s.comment.includes(`${key} `));
    expect(ofCard.map((s) => s.id)).toEqual([silence.id]);
  });

  it('caps a mute for good at SILENCE_MAX_DAYS (30 by default)', async () => {
    const { integration } = await setup();
    const labels = { alertname: 'NoisyBatchJob', service: uniqueId('batch'), severity: 'warning' };
    await fire(integration, [labels]);
    const key = (await alertOf(integration.id)).task!.key;
    const closedAt = Date.now();

    await closeAsWontFix(key, null);

    const silence = await listedSilence(key);
    const days = (new Date(silence.endsAt).getTime() - closedAt) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThanOrEqual(30.01);
    expect(silence.comment).toContain('(muted for good)');
  });

  it('expires the silence when the card is moved out of done, which unmutes its alerts', async () => {
    const { board, integration } = await setup();
    const labels = { alertname: 'QueueBacklog', service: uniqueId('queue'), severity: 'critical' };
    await fire(integration, [labels]);
    const key = (await alertOf(integration.id)).task!.key;
    await closeAsWontFix(key, null);
    const silence = await listedSilence(key);
    await suppressedBy(labels, silence.id);

    const task = await t.prisma.task.findFirstOrThrow({ where: { key } });
    await moveTask(t, { taskId: task.id, columnId: board.column.TODO!.id });

    await eventually(
      async () => (await amtoolSilences(am, { expired: true })).some((s) => s.id === silence.id),
      { ...WAIT, message: 'amtool listing the silence as expired' },
    );
    expect((await amtoolSilences(am)).map((s) => s.id)).not.toContain(silence.id);
    await eventually(async () => (await alertOf(integration.id)).silenceId === null, {
      ...WAIT,
      message: 'the silence id cleared',
    });
    expect(await alertOf(integration.id)).toMatchObject({
      mutedUntil: null,
      task: { resolution: null },
    });
    await eventually(async () => (await alertWithLabels(am, labels))?.status.state === 'active', {
      ...WAIT,
      message: 'Alertmanager no longer suppressing the alert',
    });
  });

  it('expires the silence when the alert is unmuted', async () => {
    const { integration } = await setup();
    const labels = { alertname: 'CertExpiring', service: uniqueId('edge'), severity: 'warning' };
    await fire(integration, [labels]);
    const alert = await alertOf(integration.id);
    await closeAsWontFix(alert.task!.key, null);
    const silence = await listedSilence(alert.task!.key);

    await t.ok(`mutation ($id: ID!) { unmuteAlert(id: $id) { id } }`, { id: alert.id });

    await eventually(
      async () => (await amtoolSilences(am, { expired: true })).some((s) => s.id === silence.id),
      { ...WAIT, message: 'amtool listing the silence as expired' },
    );
    await eventually(async () => (await alertOf(integration.id)).silenceId === null, {
      ...WAIT,
      message: 'the silence id cleared',
    });
  });

  it('under dedupBy GROUP silences the group: its labels, every alert of it, no other', async () => {
    const { integration } = await setup('GROUP');
    const service = uniqueId('db');
    const first = { alertname: 'DiskFull', service, instance: 'db-1:9100', severity: 'warning' };
    const second = { ...first, instance: 'db-2:9100' };
    const payload = await fire(integration, [first, second]);
    expect(payload.groupKey).toContain(`service="${service}"`);
    const key = (await alertOf(integration.id)).task!.key;
    const elsewhere = { ...first, service: uniqueId('other') };
    await postAlerts(am, [{ labels: elsewhere }]);

    await closeAsWontFix(key, null);

    const silence = await listedSilence(key);
    expect(silence.matchers).toEqual([
      { name: 'alertname', value: 'DiskFull', isRegex: false, isEqual: true },
      { name: 'service', value: service, isRegex: false, isEqual: true },
    ]);
    await suppressedBy(first, silence.id);
    await suppressedBy(second, silence.id);
    // A new alert of the group is silenced too; another group's alert is not.
    const third = { ...first, instance: 'db-3:9100' };
    await postAlerts(am, [{ labels: third }]);
    await suppressedBy(third, silence.id);
    expect((await alertWithLabels(am, elsewhere))?.status.state).toBe('active');
  });

  it('gets the silence to an Alertmanager that was down at the close once it is back', async () => {
    const { integration } = await setup();
    const labels = { alertname: 'ApiErrors', service: uniqueId('api'), severity: 'critical' };
    const alert = await (async () => {
      await fire(integration, [labels]);
      return alertOf(integration.id);
    })();
    const key = alert.task!.key;

    await am.stop();
    await closeAsWontFix(key, null);
    const tried = await eventually(
      async () => {
        const row = await t.prisma.outboxMessage.findFirst({
          where: { kind: 'ALERTMANAGER_SILENCE', topic: `alert:${alert.id}` },
        });
        return row && row.attempts >= 2 ? row : undefined;
      },
      { ...WAIT, message: 'the silence message retried while Alertmanager is down' },
    );
    expect(tried).toMatchObject({ status: 'PENDING' });
    expect(tried.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect((await alertOf(integration.id)).silenceId).toBeNull();

    await am.start();

    const silence = await listedSilence(key);
    await eventually(async () => (await alertOf(integration.id)).silenceId === silence.id, {
      ...WAIT,
      message: 'the silence id kept on the alert',
    });
    // Alertmanager forgot its alerts when it stopped (it keeps silences only): Prometheus resends.
    await postAlerts(am, [{ labels }]);
    await suppressedBy(labels, silence.id);
  });
});
