import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { parseGenericPayload } from './generic.parser';
import { PayloadError, type NormalizedAlert, type ParseOptions } from './normalized-alert';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/alerts');
const NOW = new Date('2026-11-25T12:00:00Z');
const OPTIONS: ParseOptions = { dedupBy: 'ALERT', now: NOW };

type Json = Record<string, unknown>;

function fixture(name: string): Json {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as Json;
}

function parseOne(body: Json, options: ParseOptions = OPTIONS): NormalizedAlert {
  const { alerts } = parseGenericPayload(body, options);
  expect(alerts).toHaveLength(1);
  return alerts[0]!;
}

function errorOf(body: unknown): PayloadError {
  try {
    parseGenericPayload(body, OPTIONS);
  } catch (error) {
    if (error instanceof PayloadError) return error;
    throw error;
  }
  throw new Error('expected a PayloadError');
}

describe('parseGenericPayload', () => {
  it('normalizes the firing fixture', () => {
    expect(parseGenericPayload(fixture('generic-firing.json'), OPTIONS)).toEqual({
      kind: 'GENERIC',
      alerts: [
        {
          dedupKey: 'nightly-export-failed',
          fingerprint: 'nightly-export-failed',
          groupKey: null,
          status: 'FIRING',
          acknowledged: false,
          severity: 'HIGH',
          sourcePriority: null,
          name: 'Nightly export job failed',
          title: 'Nightly export job failed',
          description:
            'export-worker exited with code 137 (OOMKilled) while writing batch 14 of 31.',
          environment: 'production',
          component: 'export-worker',
          instance: 'worker-5',
          value: null,
          labels: { monitoring_tool: 'cron-monitor' },
          annotations: {},
          links: [
            {
              title: 'Job logs',
              url: 'https://logs.example.com/app/export-worker?from=2026-11-24T02:00:00Z',
            },
          ],
          startsAt: new Date('2026-11-24T02:10:00Z'),
          endsAt: null,
          notes: [],
        },
      ],
    });
  });

  it('reads end_time in the resolved fixture as resolved', () => {
    const alert = parseOne(fixture('generic-resolved.json'));
    expect(alert).toMatchObject({
      dedupKey: 'nightly-export-failed',
      status: 'RESOLVED',
      startsAt: new Date('2026-11-24T02:10:00Z'),
      endsAt: new Date('2026-11-24T02:55:00Z'),
    });
  });

  it('needs only a title, starting now', () => {
    expect(parseOne({ title: 'Backup missing' })).toEqual({
      dedupKey: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
      groupKey: null,
      status: 'FIRING',
      acknowledged: false,
      severity: 'UNKNOWN',
      sourcePriority: null,
      name: 'Backup missing',
      title: 'Backup missing',
      description: null,
      environment: null,
      component: null,
      instance: null,
      value: null,
      labels: {},
      annotations: {},
      links: [],
      startsAt: NOW,
      endsAt: null,
      notes: [],
    });
  });

  it('defaults the fingerprint to a sha256 of title, service and environment', () => {
    const base = { title: 'Queue slow', service: 'orders', environment: 'prod' };
    const expected = createHash('sha256')
      .update(JSON.stringify(['Queue slow', 'orders', 'prod']))
      .digest('hex');
    expect(parseOne(base).fingerprint).toBe(expected);
    expect(parseOne({ ...base, description: 'other text', severity: 'low' }).fingerprint).toBe(
      expected,
    );
    expect(parseOne({ ...base, environment: 'staging' }).fingerprint).not.toBe(expected);
    expect(parseOne({ ...base, fingerprint: '  ' }).fingerprint).toBe(expected);
  });

  it('keeps "a"+"bc" and "ab"+"c" apart', () => {
    const one = parseOne({ title: 'a', service: 'bc' }).fingerprint;
    expect(parseOne({ title: 'ab', service: 'c' }).fingerprint).not.toBe(one);
  });

  it.each([
    ['critical', 'CRITICAL'],
    ['high', 'HIGH'],
    ['medium', 'WARNING'],
    ['low', 'LOW'],
    ['info', 'INFO'],
    ['unknown', 'UNKNOWN'],
    ['CRITICAL', 'CRITICAL'],
    ['nonsense', 'UNKNOWN'],
  ])('maps severity %s to %s', (severity, expected) => {
    expect(parseOne({ title: 't', severity }).severity).toBe(expected);
  });

  it('joins hosts, accepting a single host as a string', () => {
    expect(parseOne({ title: 't', hosts: ['a', ' ', 'b'] }).instance).toBe('a, b');
    expect(parseOne({ title: 't', hosts: 'db-1' }).instance).toBe('db-1');
    expect(parseOne({ title: 't', hosts: [] }).instance).toBeNull();
  });

  it('keeps explicit labels, letting an explicit monitoring_tool label win', () => {
    const alert = parseOne({
      title: 't',
      monitoring_tool: 'zabbix',
      labels: { team: 'data', monitoring_tool: 'zabbix-eu' },
    });
    expect(alert.labels).toEqual({ team: 'data', monitoring_tool: 'zabbix-eu' });
  });

  it('falls back to labels for environment and component', () => {
    const alert = parseOne({ title: 't', labels: { env: 'qa', job: 'etl' } });
    expect([alert.environment, alert.component]).toEqual(['qa', 'etl']);
  });

  it('keeps only absolute http(s) links, once each, titling untitled ones by host', () => {
    const alert = parseOne({
      title: 't',
      links: [
        { title: 'Logs', url: 'https://logs.example.com/x' },
        { title: 'Again', url: 'https://logs.example.com/x' },
        { title: 'Evil', url: 'javascript:alert(1)' },
        { title: 'Relative', url: '/runbooks/x' },
        { url: 'http://metrics.example.com:3000/d/1' },
      ],
    });
    expect(alert.links).toEqual([
      { title: 'Logs', url: 'https://logs.example.com/x' },
      { title: 'metrics.example.com:3000', url: 'http://metrics.example.com:3000/d/1' },
    ]);
  });

  it('truncates a long description to 10,000 characters', () => {
    const alert = parseOne({ title: 't', description: 'é'.repeat(20_000) });
    expect(alert.description).toBe(`${'é'.repeat(9_999)}…`);
  });

  it('passes unicode through intact', () => {
    const alert = parseOne({
      title: 'Échec de l’export 🚨',
      service: 'экспорт',
      environment: '生产',
      labels: { équipe: 'données' },
    });
    expect([alert.title, alert.component, alert.environment]).toEqual([
      'Échec de l’export 🚨',
      'экспорт',
      '生产',
    ]);
    expect(alert.labels).toEqual({ équipe: 'données' });
  });

  it.each<[string, unknown, string, string]>([
    ['a string body', 'title', '', 'The body must be a JSON object (got a string)'],
    ['a null body', null, '', 'The body must be a JSON object (got null)'],
    ['a missing title', { description: 'x' }, 'title', 'title is required'],
    ['a blank title', { title: ' \n ' }, 'title', 'title must not be empty'],
    ['a numeric title', { title: 12 }, 'title', 'title must be a string (got a number)'],
    [
      'a title over 64 KiB',
      { title: 'ü'.repeat(32 * 1024 + 1) },
      'title',
      'title is longer than 65536 bytes',
    ],
    ['a bad start_time', { title: 't', start_time: '24/11/2026' }, 'start_time', 'RFC 3339'],
    ['a numeric end_time', { title: 't', end_time: 1764000000 }, 'end_time', 'must be a string'],
    [
      'non-string labels',
      { title: 't', labels: { a: 'x', b: null } },
      'labels',
      'labels must be an object of strings ("b" is null)',
    ],
    ['a numeric host', { title: 't', hosts: ['a', 5] }, 'hosts[1]', 'must be a string'],
    ['hosts as an object', { title: 't', hosts: {} }, 'hosts', 'must be an array'],
    ['a link without url', { title: 't', links: [{ title: 'x' }] }, 'links[0].url', 'is required'],
    ['a link as a string', { title: 't', links: ['https://x'] }, 'links[0]', 'JSON object'],
    ['a numeric severity', { title: 't', severity: 1 }, 'severity', 'must be a string'],
    ['a numeric fingerprint', { title: 't', fingerprint: 1 }, 'fingerprint', 'must be a string'],
  ])('rejects %s', (_, body, errorPath, message) => {
    const error = errorOf(body);
    expect(error.path).toBe(errorPath);
    expect(error.message).toContain(message);
  });
});
