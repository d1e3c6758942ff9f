import { collectLinks, labelsFingerprint, toDescription, toTitle, truncate } from './alert-fields';

describe('truncate', () => {
  it('leaves text within the limit alone', () => {
    expect(truncate('abc', 3)).toBe('abc');
    // Four UTF-16 units, but two code points.
    expect(truncate('🔥🔥', 2)).toBe('🔥🔥');
  });

  it('cuts on code points, the ellipsis counted in the limit', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('🔥🔥🔥', 2)).toBe('🔥…');
  });
});

describe('toTitle', () => {
  it('makes one line of the text', () => {
    expect(toTitle('  Disk\nalmost\t\tfull  ')).toBe('Disk almost full');
  });
});

describe('toDescription', () => {
  it('treats blank text as no description and trims the rest', () => {
    expect(toDescription(' \n ')).toBeNull();
    expect(toDescription(null)).toBeNull();
    expect(toDescription('\n line one\nline two \n')).toBe('line one\nline two');
  });
});

describe('collectLinks', () => {
  it('keeps absolute http(s) URLs once each, in order, trimmed', () => {
    expect(
      collectLinks([
        { title: 'A', url: ' https://a.example/x ' },
        { title: 'None', url: null },
        { title: 'Empty', url: '' },
        { title: 'Dup', url: 'https://a.example/x' },
        { title: 'Ftp', url: 'ftp://a.example/x' },
        { title: 'Data', url: 'data:text/html,<b>' },
        { title: 'Relative', url: '/x' },
        { title: 'B', url: 'http://b.example:8080/y?q=1#f' },
      ]),
    ).toEqual([
      { title: 'A', url: 'https://a.example/x' },
      { title: 'B', url: 'http://b.example:8080/y?q=1#f' },
    ]);
  });
});

describe('labelsFingerprint', () => {
  it('does not depend on label order and separates keys from values', () => {
    expect(labelsFingerprint({ a: '1', b: '2' })).toBe(labelsFingerprint({ b: '2', a: '1' }));
    expect(labelsFingerprint({ a: '1b' })).not.toBe(labelsFingerprint({ a1: 'b' }));
    expect(labelsFingerprint({})).toMatch(/^[0-9a-f]{64}$/);
  });
});
