import { PayloadError } from './normalized-alert';
import {
  childPath,
  field,
  parseRfc3339,
  readArray,
  readObject,
  readOptionalDate,
  readOptionalNumber,
  readOptionalString,
  readString,
  readStringMap,
} from './payload-reader';

function errorOf(read: () => unknown): PayloadError {
  try {
    read();
  } catch (error) {
    if (error instanceof PayloadError) return error;
    throw error;
  }
  throw new Error('expected a PayloadError');
}

describe('childPath', () => {
  it('joins identifiers with dots and quotes other keys', () => {
    expect(childPath('', 'alerts')).toBe('alerts');
    expect(childPath('alerts[3]', 'labels')).toBe('alerts[3].labels');
    expect(childPath('labels', 'app.kubernetes.io/name')).toBe('labels["app.kubernetes.io/name"]');
  });
});

describe('field', () => {
  it('reads own properties only', () => {
    expect(field({}, 'constructor')).toBeUndefined();
    expect(field({ constructor: 'x' }, 'constructor')).toBe('x');
  });
});

describe('readObject', () => {
  it.each([
    [null, 'null'],
    [[], 'an array'],
    ['x', 'a string'],
    [undefined, 'nothing'],
  ])('rejects %p, saying it got %s', (value, got) => {
    const error = errorOf(() => readObject(value, 'event'));
    expect([error.path, error.message]).toEqual([
      'event',
      `event must be a JSON object (got ${got})`,
    ]);
  });

  it('calls the root "The body"', () => {
    expect(errorOf(() => readObject(1, '')).message).toBe(
      'The body must be a JSON object (got a number)',
    );
  });
});

describe('string readers', () => {
  it('treats null like an absent optional string', () => {
    expect(readOptionalString({ a: null }, 'a', '')).toBeNull();
    expect(readOptionalString({}, 'a', '')).toBeNull();
  });

  it('requires a required string', () => {
    expect(errorOf(() => readString({ a: null }, 'a', 'x')).message).toBe('x.a is required');
  });

  it('accepts exactly 64 KiB of UTF-8 and rejects one byte more', () => {
    expect(readString({ a: 'x'.repeat(65_536) }, 'a', '')).toHaveLength(65_536);
    // "é" is two bytes in UTF-8, so 32,769 of them exceed the limit at half the length.
    const error = errorOf(() => readString({ a: 'é'.repeat(32_769) }, 'a', 'alerts[0]'));
    expect([error.path, error.message]).toEqual([
      'alerts[0].a',
      'alerts[0].a is longer than 65536 bytes',
    ]);
  });
});

describe('readOptionalNumber', () => {
  it('reads numbers and rejects text', () => {
    expect(readOptionalNumber({ n: 2.5 }, 'n', '')).toBe(2.5);
    expect(errorOf(() => readOptionalNumber({ n: '2' }, 'n', '')).message).toBe(
      'n must be a number (got a string)',
    );
  });
});

describe('readArray', () => {
  it('enforces the item limit, saying it', () => {
    expect(readArray({ a: [1, 2] }, 'a', '', 2)).toEqual([1, 2]);
    expect(errorOf(() => readArray({ a: [1, 2, 3] }, 'a', '', 2)).message).toBe(
      'a must have at most 2 items (got 3)',
    );
  });
});

describe('readStringMap', () => {
  it('defaults to an empty map', () => {
    expect(readStringMap({}, 'labels', '')).toEqual({});
  });

  it('names the map, and the offending key in the message', () => {
    const error = errorOf(() =>
      readStringMap({ labels: { a: 'x', b: ['y'] } }, 'labels', 'alerts[3]'),
    );
    expect([error.path, error.message]).toEqual([
      'alerts[3].labels',
      'alerts[3].labels must be an object of strings ("b" is an array)',
    ]);
  });

  it('rejects an overlong key on the map path', () => {
    const labels = { ['k'.repeat(70_000)]: 'v' };
    expect(errorOf(() => readStringMap({ labels }, 'labels', '')).path).toBe('labels');
  });

  it('keeps a "__proto__" key as data', () => {
    const parsed = JSON.parse('{"labels":{"__proto__":"x"}}') as Record<string, unknown>;
    const labels = readStringMap(parsed, 'labels', '');
    expect(Object.entries(labels)).toEqual([['__proto__', 'x']]);
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
  });
});

describe('parseRfc3339', () => {
  it.each([
    ['2026-11-20T09:14:03Z', '2026-11-20T09:14:03.000Z'],
    ['2026-11-20T09:14:03.123456789Z', '2026-11-20T09:14:03.123Z'],
    ['2026-11-20t09:14:03.5z', '2026-11-20T09:14:03.500Z'],
    ['2021-10-12T09:51:03.157076+02:00', '2021-10-12T07:51:03.157Z'],
    ['2026-11-20 23:30:00-05:30', '2026-11-21T05:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseRfc3339(text)?.toISOString()).toBe(iso);
  });

  it.each([
    'yesterday',
    '2026-11-20',
    '2026-11-20T09:14:03',
    '2026-11-20T09:14Z',
    '2026-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-20T24:00:00Z',
    '2026-11-20T09:60:00Z',
    '2026-11-20T09:14:03+25:00',
    'Fri, 20 Nov 2026 09:14:03 GMT',
    ' 2026-11-20T09:14:03Z',
  ])('refuses %s', (text) => {
    expect(parseRfc3339(text)).toBeNull();
  });
});

describe('readOptionalDate', () => {
  it('names the field and echoes a short excerpt of the bad value', () => {
    const error = errorOf(() => readOptionalDate({ t: 'soon' }, 't', 'alerts[0]'));
    expect([error.path, error.message]).toEqual([
      'alerts[0].t',
      'alerts[0].t must be an RFC 3339 date-time such as 2026-11-20T09:14:03Z (got "soon")',
    ]);
  });
});
