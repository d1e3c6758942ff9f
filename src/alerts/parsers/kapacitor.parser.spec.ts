import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { decodeHtmlEntities, parseKapacitorPayload } from './kapacitor.parser';
import { PayloadError, type NormalizedAlert, type ParseOptions } from './normalized-alert';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/alerts');
const OPTIONS: ParseOptions = { dedupBy: 'ALERT' };

type Json = Record<string, unknown>;

function fixture(name: string): Json {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as Json;
}

function parseOne(extra: Json): NormalizedAlert {
  const body = { id: 'mem:host=a', level: 'WARNING', time: '2026-11-22T03:00:00Z', ...extra };
  return parseKapacitorPayload(body, OPTIONS).alerts[0]!;
}

function errorOf(body: unknown): PayloadError {
  try {
    parseKapacitorPayload(body, OPTIONS);
  } catch (error) {
    if (error instanceof PayloadError) return error;
    throw error;
  }
  throw new Error('expected a PayloadError');
}

function series(columns: string[], values: unknown[][], extra: Json = {}): Json {
  return { series: [{ name: 'mem', tags: { host: 'a' }, columns, values, ...extra }] };
}

describe('parseKapacitorPayload', () => {
  it('normalizes the critical fixture', () => {
    const delivery = parseKapacitorPayload(fixture('kapacitor-critical.json'), OPTIONS);
    expect(delivery).toEqual({
      kind: 'KAPACITOR',
      alerts: [
        {
          dedupKey: 'cpu_usage_idle:host=web-03,env=production',
          fingerprint: 'cpu_usage_idle:host=web-03,env=production',
          groupKey: null,
          status: 'FIRING',
          acknowledged: false,
          severity: 'CRITICAL',
          sourcePriority: null,
          name: 'cpu_usage_idle',
          title: 'CRITICAL: cpu idle is 3.2% on web-03',
          description: '{"host":"web-03"}',
          environment: 'production',
          component: 'web',
          instance: 'web-03',
          value: '3.2',
          labels: { host: 'web-03', env: 'production', service: 'web' },
          annotations: {},
          links: [],
          startsAt: new Date('2026-11-22T03:41:20Z'),
          endsAt: null,
          notes: ['Kapacitor level changed from WARNING to CRITICAL'],
        },
      ],
    });
  });

  it('reads the OK fixture as the resolution of the same alert', () => {
    const [alert] = parseKapacitorPayload(fixture('kapacitor-ok.json'), OPTIONS).alerts;
    expect(alert).toMatchObject({
      dedupKey: 'cpu_usage_idle:host=web-03,env=production',
      status: 'RESOLVED',
      severity: 'INFO',
      title: 'OK: cpu idle is 54.0% on web-03',
      value: '54',
      endsAt: new Date('2026-11-22T04:02:10Z'),
      // 1370 s (the duration, in nanoseconds) before the OK point.
      startsAt: new Date('2026-11-22T03:39:20Z'),
      notes: ['Kapacitor level changed from CRITICAL to OK'],
    });
  });

  it.each([
    ['CRITICAL', 'FIRING', 'CRITICAL'],
    ['WARNING', 'FIRING', 'WARNING'],
    ['INFO', 'FIRING', 'INFO'],
    ['OK', 'RESOLVED', 'INFO'],
    ['critical', 'FIRING', 'CRITICAL'],
  ])('maps level %s to %s / %s', (level, status, severity) => {
    const alert = parseOne({ level });
    expect([alert.status, alert.severity]).toEqual([status, severity]);
  });

  it('takes the value column of the last row', () => {
    const data = series(
      ['time', 'value', 'other'],
      [
        ['t1', 1, 9],
        ['t2', 2.5, 9],
      ],
    );
    expect(parseOne({ data }).value).toBe('2.5');
  });

  it('takes the last numeric column when no column is named value', () => {
    const data = series(['time', 'used', 'host_label'], [['t1', 87.5, 'a']]);
    expect(parseOne({ data }).value).toBe('87.5');
  });

  it('has no value without series, or when the value cell is null', () => {
    expect(parseOne({}).value).toBeNull();
    expect(parseOne({ data: { series: null } }).value).toBeNull();
    expect(parseOne({ data: series(['time', 'value'], [['t', null]]) }).value).toBeNull();
  });

  it('merges the tags of every series, the first series winning a clash', () => {
    const data = {
      series: [
        { name: 'cpu', tags: { host: 'a', env: 'prod' } },
        { name: 'cpu', tags: { host: 'b', dc: 'fra' } },
      ],
    };
    expect(parseOne({ data }).labels).toEqual({ host: 'a', env: 'prod', dc: 'fra' });
  });

  it('falls back to the measurement name for the component, and reads instance tags', () => {
    const alert = parseOne({ data: { series: [{ name: 'disk', tags: { instance: 'i-1' } }] } });
    expect([alert.component, alert.instance]).toEqual(['disk', 'i-1']);
  });

  it('titles from the first line and keeps a multi-line message as description', () => {
    const message = '\nDisk almost full on a\nused: 97%\nfree: 3%';
    const alert = parseOne({ message });
    expect(alert.title).toBe('Disk almost full on a');
    expect(alert.description).toBe('Disk almost full on a\nused: 97%\nfree: 3%');
  });

  it('falls back to Kapacitor\'s default "<id> is <level>" title without a message', () => {
    const alert = parseOne({ message: '   ' });
    expect([alert.title, alert.description]).toEqual(['mem:host=a is WARNING', null]);
  });

  it('uses the whole id as name when it has no "name:" prefix', () => {
    expect(parseOne({ id: 'disk-full' }).name).toBe('disk-full');
    expect(parseOne({ id: ':nil' }).name).toBe(':nil');
  });

  it('adds no note when the level did not change, and no start without a duration', () => {
    const alert = parseOne({ level: 'OK', previousLevel: 'OK' });
    expect([alert.notes, alert.startsAt]).toEqual([[], null]);
  });

  it('has no start for a recovery whose duration is beyond any date', () => {
    expect(parseOne({ level: 'OK', duration: 1e308 }).startsAt).toBeNull();
  });

  it('passes unicode through intact', () => {
    const alert = parseOne({
      message: 'Température élevée 🌡️ sur «capteur-3»',
      data: { series: [{ name: 'temp', tags: { host: 'кухня' } }] },
    });
    expect(alert.title).toBe('Température élevée 🌡️ sur «capteur-3»');
    expect(alert.instance).toBe('кухня');
  });

  it.each<[string, Json, string, string]>([
    ['a missing id', { id: undefined }, 'id', 'id is required'],
    ['an empty id', { id: ' ' }, 'id', 'id must not be empty'],
    ['a numeric id', { id: 7 }, 'id', 'id must be a string (got a number)'],
    [
      'an unknown level',
      { level: 'PANIC' },
      'level',
      'level must be OK, INFO, WARNING or CRITICAL (got "PANIC")',
    ],
    ['a missing level', { level: null }, 'level', 'level is required'],
    ['a missing time', { time: undefined }, 'time', 'time is required'],
    ['a time without offset', { time: '2026-11-22 03:00:00' }, 'time', 'RFC 3339'],
    ['a string duration', { duration: '2m' }, 'duration', 'duration must be a number'],
    ['data as a string', { data: 'x' }, 'data', 'data must be a JSON object (got a string)'],
    ['series as an object', { data: { series: {} } }, 'data.series', 'must be an array'],
    [
      'a non-string tag',
      { data: { series: [{ tags: { host: 1 } }] } },
      'data.series[0].tags',
      'data.series[0].tags must be an object of strings ("host" is a number)',
    ],
    [
      'a non-string column',
      { data: { series: [{ columns: ['time', 3] }] } },
      'data.series[0].columns[1]',
      'must be a string',
    ],
    [
      'a row that is not an array',
      { data: { series: [{ values: [[1], 'x'] }] } },
      'data.series[0].values[1]',
      'must be an array (got a string)',
    ],
  ])('rejects %s', (_, extra, errorPath, message) => {
    const body = { id: 'a', level: 'OK', time: '2026-11-22T03:00:00Z', ...extra };
    const error = errorOf(JSON.parse(JSON.stringify(body)));
    expect(error.path).toBe(errorPath);
    expect(error.message).toContain(message);
  });

  it('rejects more than 200 merged tags on the series that overflows', () => {
    const tags = (from: number) =>
      Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`t${from + i}`, 'v']));
    const body = {
      id: 'a',
      level: 'OK',
      time: '2026-11-22T03:00:00Z',
      data: { series: [{ tags: tags(0) }, { tags: tags(150) }] },
    };
    expect(errorOf(body).path).toBe('data.series[1].tags');
  });
});

describe('decodeHtmlEntities', () => {
  it('decodes what Go html/template escapes', () => {
    expect(decodeHtmlEntities('{&#34;a&#34;:&#39;b&#39;} &lt;x&gt; &amp;&#43; &#x1F525;')).toBe(
      '{"a":\'b\'} <x> &+ 🔥',
    );
  });

  it('leaves unknown and invalid entities alone', () => {
    expect(decodeHtmlEntities('&bogus; &#0; &#xD800; &#99999999; & plain')).toBe(
      '&bogus; &#0; &#xD800; &#99999999; & plain',
    );
  });
});
