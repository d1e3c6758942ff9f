import { parseAlertmanagerPayload } from './alertmanager.parser';
import { PayloadError, type ParseOptions } from './normalized-alert';

// Every way an Alertmanager body can be malformed, each answered with the first bad path.

const BY_ALERT: ParseOptions = { dedupBy: 'ALERT' };

type Json = Record<string, unknown>;

function payload(alerts: unknown[], extra: Json = {}): Json {
  return { version: '4', groupKey: 'g1', externalURL: 'http://am:9093', alerts, ...extra };
}

function alertItem(labels: Record<string, string>, extra: Json = {}): Json {
  return { status: 'firing', labels, annotations: {}, startsAt: '2026-11-20T09:00:00Z', ...extra };
}

/** Good alerts before the bad one, so the index in the path is the bad alert's. */
function withBadAlertAt(index: number, bad: Json): Json {
  const good = Array.from({ length: index }, (_, i) => alertItem({ alertname: `A${i}` }));
  return payload([...good, bad]);
}

function errorOf(body: unknown): PayloadError {
  try {
    parseAlertmanagerPayload(body, BY_ALERT);
  } catch (error) {
    if (error instanceof PayloadError) return error;
    throw error;
  }
  throw new Error('expected a PayloadError');
}

describe('parseAlertmanagerPayload: validation', () => {
  it.each<[string, unknown, string, string]>([
    ['a non-object body', [1, 2], '', 'The body must be a JSON object (got an array)'],
    [
      'another version',
      { version: '3', alerts: [] },
      'version',
      'version must be "4" for Alertmanager webhooks (got "3")',
    ],
    ['a numeric version', { version: 4, alerts: [] }, 'version', '(got a number)'],
    ['no alerts', { version: '4' }, 'alerts', 'alerts is required'],
    ['alerts as an object', { version: '4', alerts: {} }, 'alerts', 'alerts must be an array'],
    ['a non-object alert', payload([alertItem({ a: 'b' }), 'x']), 'alerts[1]', 'must be a JSON'],
    [
      'a non-string label',
      withBadAlertAt(3, { status: 'firing', labels: { alertname: 'A', severity: 2 } }),
      'alerts[3].labels',
      'alerts[3].labels must be an object of strings ("severity" is a number)',
    ],
    [
      'labels as an array',
      payload([alertItem({}, { labels: ['a'] })]),
      'alerts[0].labels',
      'alerts[0].labels must be an object of strings (got an array)',
    ],
    [
      'an unknown status',
      payload([alertItem({}, { status: 'pending' })]),
      'alerts[0].status',
      'alerts[0].status must be "firing" or "resolved" (got "pending")',
    ],
    ['a missing status', payload([{ labels: {} }]), 'alerts[0].status', '(got nothing)'],
    [
      'an unparseable startsAt',
      payload([alertItem({}, { startsAt: 'yesterday' })]),
      'alerts[0].startsAt',
      'must be an RFC 3339 date-time',
    ],
    [
      'an impossible endsAt',
      payload([alertItem({}, { status: 'resolved', endsAt: '2026-02-30T00:00:00Z' })]),
      'alerts[0].endsAt',
      'got "2026-02-30T00:00:00Z"',
    ],
    [
      'a numeric generatorURL',
      payload([alertItem({}, { generatorURL: 5 })]),
      'alerts[0].generatorURL',
      'must be a string (got a number)',
    ],
    ['a numeric groupKey', payload([], { groupKey: 1 }), 'groupKey', 'must be a string'],
    [
      'a negative truncatedAlerts',
      payload([], { truncatedAlerts: -1 }),
      'truncatedAlerts',
      'truncatedAlerts must be a non-negative integer',
    ],
    [
      'a fractional truncatedAlerts',
      payload([], { truncatedAlerts: 1.5 }),
      'truncatedAlerts',
      'truncatedAlerts must be a non-negative integer',
    ],
    [
      'a string truncatedAlerts',
      payload([], { truncatedAlerts: '3' }),
      'truncatedAlerts',
      'truncatedAlerts must be a number (got a string)',
    ],
  ])('rejects %s', (_, body, errorPath, message) => {
    const error = errorOf(body);
    expect(error.path).toBe(errorPath);
    expect(error.message).toContain(message);
  });

  it('rejects more than 1000 alerts on alerts, saying the limit', () => {
    const items = Array.from({ length: 1001 }, () => alertItem({ alertname: 'A' }));
    const error = errorOf(payload(items));
    expect([error.path, error.message]).toEqual([
      'alerts',
      'alerts must have at most 1000 items (got 1001)',
    ]);
  });

  it('accepts 200 labels and rejects 201', () => {
    const labels = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`l${i}`, 'v']));
    const [alert] = parseAlertmanagerPayload(payload([alertItem(labels(200))]), BY_ALERT).alerts;
    expect(Object.keys(alert!.labels)).toHaveLength(200);
    const error = errorOf(payload([alertItem(labels(201))]));
    expect([error.path, error.message]).toEqual([
      'alerts[0].labels',
      'alerts[0].labels must have at most 200 entries (got 201)',
    ]);
  });

  it('rejects more than 200 annotations', () => {
    const annotations = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`a${i}`, 'v']));
    expect(errorOf(payload([alertItem({}, { annotations })])).path).toBe('alerts[0].annotations');
  });

  it('rejects an annotation longer than 64 KiB, naming it', () => {
    const annotations = { description: 'x'.repeat(64 * 1024 + 1) };
    const error = errorOf(payload([alertItem({}, { annotations })]));
    expect([error.path, error.message]).toEqual([
      'alerts[0].annotations.description',
      'alerts[0].annotations.description is longer than 65536 bytes',
    ]);
  });

  it('names the first bad path when several are bad', () => {
    const body = payload([alertItem({ a: 'b' }), alertItem({}, { status: 'x', labels: 3 })]);
    expect(errorOf(body).path).toBe('alerts[1].status');
  });
});
