/**
 * Every shared fixture, for every source: firing, repeat, resolved and re-fire, checked on the
 * cards (context, priority, type, estimate, labels, sprint, column, history) and in the database.
 */
import {
  createIntegration,
  fixture,
  type IntegrationRef,
  alertTeam,
  counts,
  deliver,
  type AlertTeam,
} from '../helpers/alert-factories';
import { card, dbCardOfKey, dbHistory, deliveries, type Card } from '../helpers/alert-readers';
import { startTestApp, TestApp } from '../helpers/test-app';

interface ExpectedCard {
  dedupKey: string;
  title: string;
  type: string;
  priority: string;
  estimate: number;
  severity: string;
  labels: string[];
  /** Lines the description must contain, in order. */
  description: string[];
  endsAt: string;
}

interface Scenario {
  kind: string;
  firing: Record<string, any>;
  resolved: Record<string, any>;
  /** The notification that makes a resolved alert fire again. */
  refire: Record<string, any>;
  cards: ExpectedCard[];
}

const AM_LINKS_PREFIX =
  '**Links:** [Source](http://prometheus.example.com:9090/graph?g0.expr=job%3Ahttp_5xx%3Aratio5m+%3E+0.05) · [Runbook](https://runbooks.example.com/HighErrorRate) · [Silence](http://alertmanager.example.com:9093/#/silences/new?filter=%7Balertname%3D%22HighErrorRate%22%2Cenv%3D%22production%22%2Cinstance%3D%22';

function amCard(fingerprint: string, instance: string, ratio: string): ExpectedCard {
  return {
    dedupKey: fingerprint,
    title: '5xx ratio above 5% on checkout-api',
    type: 'INCIDENT',
    priority: 'URGENT',
    estimate: 3,
    severity: 'CRITICAL',
    labels: ['alert:HighErrorRate', 'env:production', 'component:checkout-api'],
    description: [
      '**Alert:** HighErrorRate · **Severity:** critical · **Source:** Alertmanager',
      `**Environment:** production · **Component:** checkout-api · **Instance:** ${instance}`,
      `Error ratio is ${ratio} over the last 5 minutes on ${instance}.`,
      '| Label | Value |',
      '| alertname | HighErrorRate |',
      `| instance | ${instance} |`,
      '| service | checkout-api |',
      '| team | payments |',
      AM_LINKS_PREFIX,
    ],
    endsAt: '2026-11-20T09:41:10.000Z',
  };
}

function grafanaResolved(): Record<string, any> {
  const body = fixture('grafana-firing.json');
  body.status = 'resolved';
  body.alerts[0].status = 'resolved';
  body.alerts[0].endsAt = '2026-11-21T14:30:00Z';
  return body;
}

const SCENARIOS: Scenario[] = [
  {
    kind: 'ALERTMANAGER',
    firing: fixture('alertmanager-firing.json'),
    resolved: fixture('alertmanager-resolved.json'),
    refire: fixture('alertmanager-firing.json'),
    cards: [
      amCard('a3f9c2e41b7d5e60', 'checkout-7f9c:8080', '7.3%'),
      amCard('5c0e8d17f2a94b33', 'checkout-2b1d:8080', '6.1%'),
    ],
  },
  {
    kind: 'GRAFANA',
    firing: fixture('grafana-firing.json'),
    resolved: grafanaResolved(),
    refire: fixture('grafana-firing.json'),
    cards: [
      {
        dedupKey: '0b4c9f3e7a21d865',
        title: 'Disk usage above 90% on db-2',
        type: 'PRODUCTION_CHANGE',
        priority: 'MEDIUM',
        estimate: 1,
        severity: 'WARNING',
        labels: ['alert:DiskAlmostFull', 'env:staging', 'component:postgres'],
        description: [
          '**Alert:** DiskAlmostFull · **Severity:** warning · **Source:** Grafana',
          '**Environment:** staging · **Component:** postgres · **Instance:** db-2',
          "**Value:** [ var='A' labels={instance=db-2} value=92.4 ], [ var='C' labels={instance=db-2} value=1 ]",
          'Filesystem /var/lib/postgresql is 92.4% full.',
          '| grafana_folder | Storage |',
          '**Links:** [Source](https://grafana.example.com/alerting/grafana/cdzq1m7/view?orgId=1) · [Dashboard](https://grafana.example.com/d/storage01?orgId=1) · [Panel](https://grafana.example.com/d/storage01?orgId=1&viewPanel=4) · [Silence](https://grafana.example.com/alerting/silence/new?alertmanager=grafana&matcher=alertname%3DDiskAlmostFull)',
        ],
        endsAt: '2026-11-21T14:30:00.000Z',
      },
    ],
  },
  {
    kind: 'KAPACITOR',
    firing: fixture('kapacitor-critical.json'),
    resolved: fixture('kapacitor-ok.json'),
    refire: fixture('kapacitor-critical.json'),
    cards: [
      {
        dedupKey: 'cpu_usage_idle:host=web-03,env=production',
        title: 'CRITICAL: cpu idle is 3.2% on web-03',
        type: 'INCIDENT',
        priority: 'URGENT',
        estimate: 3,
        severity: 'CRITICAL',
        labels: ['alert:cpu_usage_idle', 'env:production', 'component:web'],
        description: [
          '**Alert:** cpu_usage_idle · **Severity:** critical · **Source:** Kapacitor',
          '**Environment:** production · **Component:** web · **Instance:** web-03',
          '**Value:** 3.2',
          '{"host":"web-03"}',
          '| host | web-03 |',
          '> Kapacitor level changed from WARNING to CRITICAL',
        ],
        endsAt: '2026-11-22T04:02:10.000Z',
      },
    ],
  },
  {
    kind: 'PAGERDUTY',
    firing: fixture('pagerduty-incident-triggered.json'),
    resolved: fixture('pagerduty-incident-resolved.json'),
    refire: (() => {
      const body = fixture('pagerduty-incident-triggered.json');
      body.event.event_type = 'incident.reopened';
      return body;
    })(),
    cards: [
      {
        dedupKey: 'd3640fbd41094207a1c11e58e46b1662',
        title: 'Queue backlog above 10k messages on orders-consumer',
        type: 'INCIDENT',
        priority: 'URGENT',
        estimate: 3,
        severity: 'CRITICAL',
        labels: [
          'alert:Queue-backlog-above-10k-messages-on-orders-consumer',
          'component:orders-consumer',
        ],
        description: [
          '**Source:** PagerDuty',
          '**Component:** orders-consumer',
          '| priority | P1 |',
          '| urgency | high |',
          '**Links:** [PagerDuty incident](https://acme.pagerduty.com/incidents/PGR0VU2)',
        ],
        endsAt: '2026-11-23T19:05:12.000Z',
      },
    ],
  },
  {
    kind: 'GENERIC',
    firing: fixture('generic-firing.json'),
    resolved: fixture('generic-resolved.json'),
    refire: fixture('generic-firing.json'),
    cards: [
      {
        dedupKey: 'nightly-export-failed',
        title: 'Nightly export job failed',
        type: 'PRODUCTION_CHANGE',
        priority: 'HIGH',
        estimate: 2,
        severity: 'HIGH',
        labels: ['alert:Nightly-export-job-failed', 'env:production', 'component:export-worker'],
        description: [
          '**Alert:** Nightly export job failed · **Severity:** high · **Source:** Webhook',
          '**Environment:** production · **Component:** export-worker · **Instance:** worker-5',
          'export-worker exited with code 137 (OOMKilled) while writing batch 14 of 31.',
          '| monitoring_tool | cron-monitor |',
          '**Links:** [Job logs](https://logs.example.com/app/export-worker?from=2026-11-24T02:00:00Z)',
        ],
        endsAt: '2026-11-24T02:55:00.000Z',
      },
    ],
  },
];

function expectInOrder(text: string | null, lines: string[]): void {
  let from = 0;
  for (const line of lines) {
    const at = (text ?? '').indexOf(line, from);
    if (at < 0) throw new Error(`Description lacks (after offset ${from}): ${line}\n---\n${text}`);
    from = at + line.length;
  }
}

describe('alert fixtures of every source become cards', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it.each(SCENARIOS)('$kind: firing, repeat, resolved and re-fire', async (scenario) => {
    const setup: AlertTeam = await alertTeam(t);
    const integration: IntegrationRef = await createIntegration(t, setup.team.id, {
      kind: scenario.kind,
      name: `${scenario.kind} prod`,
    });
    const n = scenario.cards.length;

    // Firing: one card per alert, with its context.
    const first = await deliver(t, integration, scenario.firing);
    expect(first).toEqual({
      deliveryId: expect.any(String),
      ...counts({ received: n, created: n }),
    });
    const cardIds: string[] = [];
    for (const expected of scenario.cards) {
      const id = await dbCardOfKey(t, integration.id, expected.dedupKey);
      cardIds.push(id);
      const c: Card = await card(t, id);
      expect(c).toMatchObject({
        title: expected.title,
        type: expected.type,
        priority: expected.priority,
        estimate: expected.estimate,
        labels: expected.labels,
        source: 'ALERT',
        planned: false,
        column: { id: setup.board.column.TRIAGE!.id, category: 'TRIAGE' },
        sprint: { id: setup.sprintId, state: 'ACTIVE' },
        completedAt: null,
        reopenCount: 0,
      });
      expect(c.key).toMatch(new RegExp(`^${setup.team.key}-\\d+$`));
      expect(c.addedToSprintAt).not.toBeNull();
      expectInOrder(c.description, expected.description);
      expect(c.alerts).toEqual([
        expect.objectContaining({
          dedupKey: expected.dedupKey,
          status: 'FIRING',
          severity: expected.severity,
          occurrences: 1,
          firings: 1,
          flaps: 0,
        }),
      ]);
      expect(c.history).toEqual([
        expect.objectContaining({
          kind: 'CREATED',
          actor: 'alerts',
          note: `opened by ${scenario.kind} prod`,
          to: expect.objectContaining({
            columnId: setup.board.column.TRIAGE!.id,
            sprintId: setup.sprintId,
            estimate: expected.estimate,
          }),
        }),
      ]);
    }
    expect(new Set(cardIds).size).toBe(n);
    const delivery = await t.prisma.webhookDelivery.findUniqueOrThrow({
      where: { id: first.deliveryId },
    });
    expect(delivery).toMatchObject({
      integrationId: integration.id,
      outcome: 'PROCESSED',
      error: null,
    });
    expect(JSON.parse(delivery.body)).toEqual(scenario.firing);

    // Repeat: nothing new, one more occurrence.
    // Last seen a minute ago, so the repeat shows however soon it arrives.
    await t.prisma.$executeRaw`UPDATE alerts SET last_seen_at = last_seen_at - interval '1 minute'
      WHERE integration_id = ${integration.id}::uuid`;
    const seenBefore = await t.prisma.alert.findMany({ where: { integrationId: integration.id } });
    const repeat = await deliver(t, integration, scenario.firing);
    expect(repeat).toMatchObject(counts({ received: n, updated: n }));
    expect(await t.prisma.task.count({ where: { teamId: setup.team.id } })).toBe(n);
    for (const before of seenBefore) {
      const after = await t.prisma.alert.findUniqueOrThrow({ where: { id: before.id } });
      expect(after).toMatchObject({
        occurrences: 2,
        firings: 1,
        status: 'FIRING',
        lastDeliveryId: repeat.deliveryId,
      });
      expect(after.lastSeenAt.getTime()).toBeGreaterThan(before.lastSeenAt.getTime());
      expect(after.firstSeenAt).toEqual(before.firstSeenAt);
    }

    // Resolved: the alert ends, the card records it and stays where it is.
    const resolved = await deliver(t, integration, scenario.resolved);
    expect(resolved).toMatchObject(counts({ received: n, resolved: n }));
    for (const [i, expected] of scenario.cards.entries()) {
      const c = await card(t, cardIds[i]!);
      // The recovery keeps the severity the alert fired with (Kapacitor's OK is not "info").
      expect(c.alerts[0]).toMatchObject({
        status: 'RESOLVED',
        endsAt: expected.endsAt,
        occurrences: 3,
        severity: expected.severity,
      });
      expect(c.column?.category).toBe('TRIAGE');
      expect(c.completedAt).toBeNull();
      expect(c.history.map((h) => h.kind)).toEqual(['CREATED', 'ALERT_RESOLVED']);
      expect(c.history[1]!.to).toEqual({ endsAt: expected.endsAt });
    }

    // Re-fire while the card is open: the same card, the alert firing again, one flap.
    const refire = await deliver(t, integration, scenario.refire);
    expect(refire).toMatchObject(counts({ received: n, updated: n }));
    expect(await t.prisma.task.count({ where: { teamId: setup.team.id } })).toBe(n);
    for (const id of cardIds) {
      const c = await card(t, id);
      expect(c.alerts[0]).toMatchObject({
        status: 'FIRING',
        endsAt: null,
        occurrences: 4,
        firings: 2,
        flaps: 1,
      });
      expect(await dbHistory(t, id)).toEqual(['CREATED', 'ALERT_RESOLVED', 'ALERT_FIRED']);
    }
    const episodes = await t.prisma.alertEpisode.findMany({
      where: { alert: { integrationId: integration.id } },
      orderBy: { startedAt: 'asc' },
    });
    expect(episodes).toHaveLength(2 * n);
    expect(episodes.filter((e) => e.endedAt === null)).toHaveLength(n);

    // Every notification is in the inbox, newest first.
    const inbox = await deliveries(t, integration.id);
    expect(inbox.totalCount).toBe(4);
    expect(inbox.nodes.map((d) => d.id)).toEqual(
      [refire, resolved, repeat, first].map((d) => d.deliveryId),
    );
    expect(new Set(inbox.nodes.map((d) => d.outcome))).toEqual(new Set(['PROCESSED']));
  });

  it('acknowledgements at PagerDuty are recorded on the card', async () => {
    const setup = await alertTeam(t);
    const integration = await createIntegration(t, setup.team.id, { kind: 'PAGERDUTY' });
    await deliver(t, integration, fixture('pagerduty-incident-triggered.json'));
    const ack = fixture('pagerduty-incident-triggered.json');
    ack.event.event_type = 'incident.acknowledged';
    ack.event.data.status = 'acknowledged';
    expect(await deliver(t, integration, ack)).toMatchObject(counts({ received: 1, updated: 1 }));
    const id = await dbCardOfKey(t, integration.id, 'd3640fbd41094207a1c11e58e46b1662');
    const c = await card(t, id);
    expect(c.alerts[0]).toMatchObject({ acknowledged: true, status: 'FIRING' });
    expect(c.history.map((h) => h.kind)).toEqual(['CREATED', 'ALERT_ACKNOWLEDGED']);
    // A second acknowledgement records nothing more.
    await deliver(t, integration, ack);
    expect(await dbHistory(t, id)).toEqual(['CREATED', 'ALERT_ACKNOWLEDGED']);
  });

  it('PagerDuty events that are not about an incident are answered and counted as ignored', async () => {
    const setup = await alertTeam(t);
    const integration = await createIntegration(t, setup.team.id, { kind: 'PAGERDUTY' });
    const other = fixture('pagerduty-incident-triggered.json');
    other.event.event_type = 'service.updated';
    other.event.resource_type = 'service';
    const answer = await deliver(t, integration, other);
    expect(answer).toMatchObject(counts({ received: 0, ignored: 1 }));
    expect(await t.prisma.task.count({ where: { teamId: setup.team.id } })).toBe(0);
    // The inbox says the same as the answer.
    const [stored] = (await deliveries(t, integration.id)).nodes;
    expect(stored).toMatchObject({ id: answer.deliveryId, outcome: 'PROCESSED' });
    expect(stored!.summary).toEqual(counts({ received: 0, ignored: 1 }));
  });
});
