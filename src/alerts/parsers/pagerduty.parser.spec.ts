import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { PayloadError, type ParseOptions, type ParsedDelivery } from './normalized-alert';
import { parsePagerDutyPayload } from './pagerduty.parser';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/alerts');
const OPTIONS: ParseOptions = { dedupBy: 'ALERT' };

type Json = Record<string, unknown>;

function fixture(name: string): Json {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as Json;
}

/** The triggered fixture with its event and incident fields overridden. */
function event(eventFields: Json, dataFields: Json = {}): Json {
  const body = fixture('pagerduty-incident-triggered.json');
  const original = body.event as Json;
  const data = { ...(original.data as Json), ...dataFields };
  return { event: { ...original, ...eventFields, data } };
}

function parse(body: unknown): ParsedDelivery {
  return parsePagerDutyPayload(body, OPTIONS);
}

function errorOf(body: unknown): PayloadError {
  try {
    parse(body);
  } catch (error) {
    if (error instanceof PayloadError) return error;
    throw error;
  }
  throw new Error('expected a PayloadError');
}

describe('parsePagerDutyPayload', () => {
  it('normalizes the triggered fixture', () => {
    expect(parse(fixture('pagerduty-incident-triggered.json'))).toEqual({
      kind: 'PAGERDUTY',
      alerts: [
        {
          dedupKey: 'd3640fbd41094207a1c11e58e46b1662',
          fingerprint: 'd3640fbd41094207a1c11e58e46b1662',
          groupKey: null,
          status: 'FIRING',
          acknowledged: false,
          severity: 'CRITICAL',
          sourcePriority: 'P1',
          name: 'Queue backlog above 10k messages on orders-consumer',
          title: 'Queue backlog above 10k messages on orders-consumer',
          description: null,
          environment: null,
          component: 'orders-consumer',
          instance: null,
          value: null,
          labels: {
            service: 'orders-consumer',
            urgency: 'high',
            priority: 'P1',
            escalation_policy: 'Default',
            teams: 'Engineering',
          },
          annotations: {},
          links: [
            { title: 'PagerDuty incident', url: 'https://acme.pagerduty.com/incidents/PGR0VU2' },
          ],
          startsAt: new Date('2026-11-23T18:22:40Z'),
          endsAt: null,
          notes: [],
        },
      ],
    });
  });

  it('reads the resolved fixture as the resolution of the same incident', () => {
    const [alert] = parse(fixture('pagerduty-incident-resolved.json')).alerts;
    expect(alert).toMatchObject({
      dedupKey: 'd3640fbd41094207a1c11e58e46b1662',
      status: 'RESOLVED',
      acknowledged: false,
      startsAt: new Date('2026-11-23T18:22:40Z'),
      endsAt: new Date('2026-11-23T19:05:12Z'),
      notes: ['PagerDuty incident.resolved by Tenex Engineer'],
    });
  });

  it('records an acknowledgement as firing and acknowledged', () => {
    const body = event({ event_type: 'incident.acknowledged' }, { status: 'acknowledged' });
    const [alert] = parse(body).alerts;
    expect([alert!.status, alert!.acknowledged, alert!.endsAt]).toEqual(['FIRING', true, null]);
    expect(alert!.notes).toEqual(['PagerDuty incident.acknowledged by Tenex Engineer']);
  });

  it('reads a reopened incident as firing again', () => {
    const [alert] = parse(event({ event_type: 'incident.reopened', agent: null })).alerts;
    expect([alert!.status, alert!.acknowledged]).toEqual(['FIRING', false]);
    expect(alert!.notes).toEqual(['PagerDuty incident.reopened']);
  });

  it.each([
    ['triggered', 'FIRING', false],
    ['acknowledged', 'FIRING', true],
    ['resolved', 'RESOLVED', false],
  ])('takes the current status %s from other incident events', (status, expected, acked) => {
    const body = event({ event_type: 'incident.priority_updated' }, { status });
    const [alert] = parse(body).alerts;
    expect([alert!.status, alert!.acknowledged]).toEqual([expected, acked]);
  });

  it('ignores incident events whose data is not an incident', () => {
    const annotated = {
      event: {
        event_type: 'incident.annotated',
        resource_type: 'incident',
        occurred_at: '2026-11-23T18:30:00Z',
        data: {
          incident: { id: 'PGR0VU2', type: 'incident_reference' },
          id: 'PWL7QXS',
          content: 'Restarted the consumer',
          type: 'incident_note',
        },
      },
    };
    expect(parse(annotated)).toEqual({ kind: 'PAGERDUTY', alerts: [] });
  });

  it('ignores other incident events without a known status', () => {
    expect(parse(event({ event_type: 'incident.escalated' }, { status: null })).alerts).toEqual([]);
    expect(parse(event({ event_type: 'incident.escalated' }, { status: 'weird' })).alerts).toEqual(
      [],
    );
  });

  it('ignores events that are not about incidents, without reading their data', () => {
    expect(parse({ event: { event_type: 'service.updated', data: 'anything' } })).toEqual({
      kind: 'PAGERDUTY',
      alerts: [],
    });
    expect(parse({ event: { event_type: 'pagey.ping' } }).alerts).toEqual([]);
  });

  it('dedups on the incident id when there is no incident_key', () => {
    const [alert] = parse(event({}, { incident_key: null })).alerts;
    expect([alert!.dedupKey, alert!.fingerprint]).toEqual(['PGR0VU2', 'PGR0VU2']);
  });

  it.each([
    ['P1', 'CRITICAL'],
    ['P2', 'HIGH'],
    ['P3', 'WARNING'],
    ['P4', 'LOW'],
    ['P5', 'INFO'],
  ])('maps priority %s to %s', (summary, severity) => {
    const [alert] = parse(event({}, { priority: { summary }, urgency: 'low' })).alerts;
    expect([alert!.severity, alert!.sourcePriority]).toEqual([severity, summary]);
  });

  it.each([
    ['high', 'HIGH'],
    ['low', 'LOW'],
  ])('falls back to urgency %s without a priority', (urgency, severity) => {
    const [alert] = parse(event({}, { priority: null, urgency })).alerts;
    expect([alert!.severity, alert!.sourcePriority]).toEqual([severity, null]);
    expect(alert!.labels).not.toHaveProperty('priority');
  });

  it('falls back to urgency for a custom priority scheme, keeping its name', () => {
    const [alert] = parse(event({}, { priority: { summary: 'SEV-A' }, urgency: 'low' })).alerts;
    expect([alert!.severity, alert!.sourcePriority]).toEqual(['LOW', 'SEV-A']);
  });

  it('is UNKNOWN with neither priority nor urgency', () => {
    const [alert] = parse(event({}, { priority: null, urgency: null })).alerts;
    expect(alert!.severity).toBe('UNKNOWN');
  });

  it('copes with a minimal incident', () => {
    const body = {
      event: {
        event_type: 'incident.triggered',
        occurred_at: '2026-11-23T18:22:40Z',
        data: { id: 'P1', title: 'Down' },
      },
    };
    expect(parse(body).alerts[0]).toMatchObject({
      dedupKey: 'P1',
      name: 'Down',
      severity: 'UNKNOWN',
      component: null,
      labels: {},
      links: [],
      startsAt: new Date('2026-11-23T18:22:40Z'),
    });
  });

  it('passes unicode through intact', () => {
    const [alert] = parse(event({}, { title: 'Débit 📉 sur 注文サービス' })).alerts;
    expect([alert!.name, alert!.title]).toEqual([
      'Débit 📉 sur 注文サービス',
      'Débit 📉 sur 注文サービス',
    ]);
  });

  it.each<[string, unknown, string, string]>([
    ['a missing event', {}, 'event', 'event must be a JSON object (got nothing)'],
    ['a missing event_type', { event: {} }, 'event.event_type', 'event.event_type is required'],
    [
      'missing incident data',
      { event: { event_type: 'incident.triggered' } },
      'event.data',
      'event.data must be a JSON object (got nothing)',
    ],
    [
      'a numeric incident id',
      event({}, { id: 42 }),
      'event.data.id',
      'event.data.id must be a string (got a number)',
    ],
    [
      'a numeric incident_key',
      event({}, { incident_key: 42 }),
      'event.data.incident_key',
      'event.data.incident_key must be a string (got a number)',
    ],
    ['a missing title', event({}, { title: undefined }), 'event.data.title', 'is required'],
    [
      'a priority that is not an object',
      event({}, { priority: 'P1' }),
      'event.data.priority',
      'event.data.priority must be a JSON object (got a string)',
    ],
    [
      'a numeric service summary',
      event({}, { service: { summary: 1 } }),
      'event.data.service.summary',
      'must be a string',
    ],
    ['a bad team', event({}, { teams: [{}, 'x'] }), 'event.data.teams[1]', 'must be a JSON object'],
    ['a bad created_at', event({}, { created_at: 'now' }), 'event.data.created_at', 'RFC 3339'],
    ['a bad occurred_at', event({ occurred_at: 5 }), 'event.occurred_at', 'must be a string'],
  ])('rejects %s', (_, body, errorPath, message) => {
    const error = errorOf(JSON.parse(JSON.stringify(body)) as unknown);
    expect(error.path).toBe(errorPath);
    expect(error.message).toContain(message);
  });
});
