/**
 * Two app instances on one PostgreSQL, both dispatching the outbox: every message is sent once
 * (SKIP LOCKED and the lease keep them from taking the same one), and an SLA breach found by
 * both instances' scans is told once. PostgreSQL only: the embedded database belongs to one
 * process.
 */
import { OutboxDispatcher } from '../../src/outbox/outbox-dispatcher';
import { SlaBreachScanner } from '../../src/sla/sla-breach-scanner';
import { alertTeam, createIntegration, deliver } from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { eventually } from '../helpers/eventually';
import { HttpReceiver } from '../helpers/http-receiver';
import { createChannel } from '../helpers/notification-channels';
import { after, freezeSlaClock, MINUTE, thawSlaClock } from '../helpers/sla-clock';
import { startTestApp, TestApp } from '../helpers/test-app';
import { usingPostgres } from '../helpers/test-database';

const describeOnPostgres = usingPostgres() ? describe : describe.skip;
const ENV = {
  env: {
    NOTIFY_ALLOW_PRIVATE_TARGETS: 'true',
    NOTIFY_DISPATCH_INTERVAL_MS: '50',
    SLA_SCAN_INTERVAL_MS: '100',
  },
};
const T0 = new Date('2030-01-08T09:00:00.000Z');

describeOnPostgres('the outbox with two app instances on one PostgreSQL', () => {
  let t: TestApp;
  let second: TestApp;
  let receiver: HttpReceiver;

  beforeAll(async () => {
    receiver = await new HttpReceiver().start();
    t = await startTestApp(ENV);
    second = await startTestApp({ ...ENV, database: t.database });
  });

  afterAll(async () => {
    if (t) await thawSlaClock(t);
    await second?.close();
    await t?.close();
    await receiver.stop();
  });

  it('sends each message once while both dispatch, and tells a breach both scans found once', async () => {
    await freezeSlaClock(t, T0);
    const { team } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    await createChannel(t, team.id, {
      url: `${receiver.url}/both`,
      events: [{ type: 'ALERT_CARD_CREATED' }, { type: 'SLA_BREACHED' }],
    });
    const alerts = Array.from({ length: 40 }, (_, i) =>
      amAlert({ fingerprint: `two-${i}`, labels: { severity: 'critical' } }),
    );
    await deliver(t, integration, amGroup(alerts));
    // Direct passes race the background ones of both instances.
    const dispatchers = [t, second].map((app) => app.app.get(OutboxDispatcher));
    await Promise.all(Array.from({ length: 6 }, (_, i) => dispatchers[i % 2]!.dispatch()));
    const created = await eventually(
      () => {
        const events = receiver.jsonAt('/both').filter((e) => e.type === 'alert_card.created');
        return events.length >= 40 && events;
      },
      { message: '40 alert_card.created events' },
    );
    expect(new Set(created.map((e) => e.id)).size).toBe(40);

    await freezeSlaClock(t, after(T0, 16 * MINUTE));
    const scanners = [t, second].map((app) => app.app.get(SlaBreachScanner));
    await Promise.all(Array.from({ length: 6 }, (_, i) => scanners[i % 2]!.scan()));
    await eventually(
      async () =>
        (await t.prisma.slaBreach.count({ where: { teamId: team.id, notifiedAt: null } })) === 0 &&
        (await t.prisma.outboxMessage.count({ where: { teamId: team.id, status: 'PENDING' } })) ===
          0,
      { message: 'every breach told and sent' },
    );
    const breached = receiver.jsonAt('/both').filter((e) => e.type === 'sla.breached');
    expect(breached).toHaveLength(40);
    expect(new Set(breached.map((e) => e.data.card.id)).size).toBe(40);
    expect(receiver.jsonAt('/both')).toHaveLength(80);
  });
});
