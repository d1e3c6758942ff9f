/**
 * Each event type produces one message of the documented shape: a sprint's start, its reserve
 * crossing 80% and 100% under a real alert storm through the webhook, its close with the
 * capacity summary, an alert card reopened, and SLA targets at risk and breached (the scan on
 * the database's frozen SLA clock).
 */
import { alertTeam, createIntegration, deliver } from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { dbCardOfKey } from '../helpers/alert-readers';
import { eventually } from '../helpers/eventually';
import {
  addMember,
  createBoard,
  createSprint,
  createTeam,
  moveTask,
  startSprint,
} from '../helpers/factories';
import { HttpReceiver } from '../helpers/http-receiver';
import { createChannel, deliveriesOf } from '../helpers/notification-channels';
import { setSprintReserve } from '../helpers/planning-mutations';
import { after, freezeSlaClock, MINUTE, thawSlaClock } from '../helpers/sla-clock';
import { startTestApp, TestApp } from '../helpers/test-app';

const T0 = new Date('2030-01-08T09:00:00.000Z');

describe('notification events', () => {
  let t: TestApp;
  let receiver: HttpReceiver;

  beforeAll(async () => {
    receiver = await new HttpReceiver().start();
    t = await startTestApp({
      env: {
        NOTIFY_ALLOW_PRIVATE_TARGETS: 'true',
        NOTIFY_DISPATCH_INTERVAL_MS: '50',
        SLA_SCAN_INTERVAL_MS: '100',
        PUBLIC_URL: 'https://loopboard.example.com',
      },
    });
  });

  afterAll(async () => {
    await thawSlaClock(t);
    await t.close();
    await receiver.stop();
  });

  /** The events a receiver path got, once `n` of them arrived. */
  async function received(path: string, n: number): Promise<Record<string, any>[]> {
    return eventually(() => receiver.jsonAt(path).length >= n && receiver.jsonAt(path), {
      message: `${n} events at ${path}`,
    });
  }

  it("tells a sprint's start, its reserve at 80% and exhausted, and its close with the capacity summary", async () => {
    const team = await createTeam(t);
    await createBoard(t, team.id);
    await addMember(t, team.id, { capacityPerDay: 2 });
    const sprint = await createSprint(t, team.id, {
      name: 'Sprint 7',
      startDate: '2030-01-07',
      endDate: '2030-01-18',
    });
    const integration = await createIntegration(t, team.id);
    const channel = await createChannel(t, team.id, {
      url: `${receiver.url}/sprint`,
      events: [
        { type: 'SPRINT_STARTED' },
        { type: 'RESERVE_AT_RISK' },
        { type: 'RESERVE_EXHAUSTED' },
        { type: 'SPRINT_CLOSED' },
      ],
    });
    await startSprint(t, sprint.id);
    await setSprintReserve(t, sprint.id, 5);
    const [started] = await received('/sprint', 1);
    expect(started).toMatchObject({
      type: 'sprint.started',
      team: { id: team.id, key: team.key },
      data: {
        sprint: { id: sprint.id, name: 'Sprint 7', startDate: '2030-01-07', endDate: '2030-01-18' },
        committedPoints: 0,
      },
    });

    // Default estimates: critical 3 points, warning 1. 3 of 5 (60%), then 4 (80%), then 7 (140%).
    await deliver(t, integration, amGroup([amAlert({ labels: { severity: 'critical' } })]));
    await deliver(t, integration, amGroup([amAlert({ labels: { severity: 'warning' } })]));
    const atRisk = (await received('/sprint', 2))[1];
    expect(atRisk).toMatchObject({
      type: 'reserve.at_risk',
      data: {
        sprint: { id: sprint.id, name: 'Sprint 7' },
        reserve: {
          threshold: 80,
          usedPoints: 4,
          reservedPoints: 5,
          usedPercent: 80,
          remainingPoints: 1,
        },
        card: { priority: 'MEDIUM' },
      },
    });
    await deliver(t, integration, amGroup([amAlert({ labels: { severity: 'critical' } })]));
    const exhausted = (await received('/sprint', 3))[2];
    expect(exhausted).toMatchObject({
      type: 'reserve.exhausted',
      data: {
        reserve: {
          threshold: 100,
          usedPoints: 7,
          reservedPoints: 5,
          usedPercent: 140,
          remainingPoints: 0,
        },
      },
    });
    // A fourth card crosses nothing new: no message.
    await deliver(t, integration, amGroup([amAlert({ labels: { severity: 'info' } })]));

    await t.ok(`mutation ($id: ID!) { closeSprint(id: $id) { id } }`, { id: sprint.id });
    const closed = (await received('/sprint', 4))[3];
    expect(closed).toMatchObject({
      type: 'sprint.closed',
      data: {
        sprint: { id: sprint.id },
        capacity: {
          committedPoints: 0,
          completedPoints: 0,
          reservedPoints: 5,
          reserveUsedPoints: 7.5,
          reserveOverflowPoints: 2.5,
          reserveHeld: false,
        },
      },
    });
    expect((await deliveriesOf(t, channel.id)).map((d) => d.eventType)).toEqual([
      'SPRINT_CLOSED',
      'RESERVE_EXHAUSTED',
      'RESERVE_AT_RISK',
      'SPRINT_STARTED',
    ]);
    expect(receiver.jsonAt('/sprint')).toHaveLength(4);
  });

  it('tells an alert card reopened by a new firing', async () => {
    const { team, board } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    await createChannel(t, team.id, {
      url: `${receiver.url}/reopened`,
      events: [{ type: 'ALERT_CARD_REOPENED' }],
    });
    await deliver(t, integration, amGroup([amAlert({ fingerprint: 'again' })]));
    const id = await dbCardOfKey(t, integration.id, 'again');
    await deliver(t, integration, amGroup([amAlert({ fingerprint: 'again', status: 'resolved' })]));
    await moveTask(t, { taskId: id, columnId: board.column.DONE!.id });
    await deliver(t, integration, amGroup([amAlert({ fingerprint: 'again' })]));
    const [event] = await received('/reopened', 1);
    expect(event).toMatchObject({ type: 'alert_card.reopened', data: { card: { id } } });
  });

  it('tells an SLA target at risk at 75% of its time and breached once it passed', async () => {
    await freezeSlaClock(t, T0);
    const { team } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    await createChannel(t, team.id, {
      url: `${receiver.url}/sla`,
      events: [{ type: 'SLA_AT_RISK' }, { type: 'SLA_BREACHED' }],
    });
    await deliver(
      t,
      integration,
      amGroup([amAlert({ fingerprint: 'slow', labels: { severity: 'critical' } })]),
    );
    const id = await dbCardOfKey(t, integration.id, 'slow');
    const ackDue = after(T0, 15 * MINUTE);

    await freezeSlaClock(t, after(T0, 0.75 * 15 * MINUTE));
    const [risk] = await received('/sla', 1);
    expect(risk).toMatchObject({
      type: 'sla.at_risk',
      data: { card: { id, priority: 'URGENT' }, target: 'ACK', dueAt: ackDue.toISOString() },
    });

    await freezeSlaClock(t, after(ackDue, 1));
    const breached = (await received('/sla', 2))[1];
    expect(breached).toMatchObject({
      type: 'sla.breached',
      occurredAt: ackDue.toISOString(),
      data: { card: { id }, target: 'ACK', dueAt: ackDue.toISOString() },
    });
    // Later scans tell neither again.
    await t.app.get((await import('../../src/sla/sla-breach-scanner')).SlaBreachScanner).scan();
    await eventually(async () => {
      const pending = await t.prisma.outboxMessage.count({
        where: { teamId: team.id, status: 'PENDING' },
      });
      return pending === 0;
    });
    expect(receiver.jsonAt('/sla')).toHaveLength(2);
    await thawSlaClock(t);
  });
});
