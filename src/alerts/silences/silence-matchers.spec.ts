import { groupLabels, silenceMatchers } from './silence-matchers';

const eq = (name: string, value: string) => ({ name, value, isRegex: false, isEqual: true });

describe('silenceMatchers', () => {
  it('matches every label of the alert exactly, alertname first', () => {
    const alert = {
      labels: { severity: 'critical', alertname: 'CheckoutLatencyHigh', env: 'production' },
      groupKey: '{}:{alertname="CheckoutLatencyHigh"}',
    };
    expect(silenceMatchers(alert, 'ALERT')).toEqual([
      eq('alertname', 'CheckoutLatencyHigh'),
      eq('env', 'production'),
      eq('severity', 'critical'),
    ]);
  });

  it('matches the group labels under dedupBy GROUP, not the labels of the alert that came last', () => {
    const alert = {
      labels: { alertname: 'DiskFull', instance: 'db-2:9100', service: 'db' },
      groupKey: '{}/{env="prod"}:{alertname="DiskFull", service="db"}',
    };
    expect(silenceMatchers(alert, 'GROUP')).toEqual([
      eq('alertname', 'DiskFull'),
      eq('service', 'db'),
    ]);
  });

  it('falls back to the alert labels when the group has none or there is no groupKey', () => {
    const labels = { alertname: 'DiskFull', instance: 'db-2:9100' };
    const expected = [eq('alertname', 'DiskFull'), eq('instance', 'db-2:9100')];
    expect(silenceMatchers({ labels, groupKey: '{}:{}' }, 'GROUP')).toEqual(expected);
    expect(silenceMatchers({ labels, groupKey: null }, 'GROUP')).toEqual(expected);
    expect(silenceMatchers({ labels, groupKey: 'not a group key' }, 'GROUP')).toEqual(expected);
  });

  it('leaves out empty values and non-string labels, and gives null when nothing is left', () => {
    expect(silenceMatchers({ labels: { a: '', b: 3, c: 'x' }, groupKey: null }, 'ALERT')).toEqual([
      eq('c', 'x'),
    ]);
    expect(silenceMatchers({ labels: { a: '' }, groupKey: null }, 'ALERT')).toBeNull();
    expect(silenceMatchers({ labels: {}, groupKey: null }, 'ALERT')).toBeNull();
  });
});

describe('groupLabels', () => {
  it('reads the label set after the route key', () => {
    expect(groupLabels('{}:{alertname="A", env="prod"}')).toEqual({ alertname: 'A', env: 'prod' });
  });

  it('is not fooled by colons, braces and quotes inside route matchers and values', () => {
    expect(
      groupLabels(
        '{}/{team=~"a:b|{c}"}/{x="\\"q:{"}:{instance="db-1:9100", path="/a{b}:c", q="say \\"hi\\""}',
      ),
    ).toEqual({ instance: 'db-1:9100', path: '/a{b}:c', q: 'say "hi"' });
  });

  it('decodes Go escapes: newlines, backslashes, unicode and raw bytes', () => {
    expect(
      groupLabels('{}:{a="line\\nnext", b="back\\\\slash", c="\\u00e9t\\u00e9", d="\\xc3\\xa9"}'),
    ).toEqual({
      a: 'line\nnext',
      b: 'back\\slash',
      c: 'été',
      d: 'é',
    });
    expect(groupLabels('{}:{a="été ✓"}')).toEqual({ a: 'été ✓' });
  });

  it('reads quoted UTF-8 label names', () => {
    expect(groupLabels('{}:{"service.name"="checkout"}')).toEqual({ 'service.name': 'checkout' });
  });

  it('gives an empty set for a group without labels', () => {
    expect(groupLabels('{}:{}')).toEqual({});
  });

  it.each(['', 'abc', '{}', '{}:', '{}:{a=b}', '{}:{a="b"', '{}:{a="b" c="d"}', '{}:{a="\\q"}'])(
    'refuses %j',
    (key) => {
      expect(groupLabels(key)).toBeNull();
    },
  );
});
