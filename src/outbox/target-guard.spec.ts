import { isPrivateAddress, mayReachPrivate, urlProblem } from './target-guard';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '[::1]',
    '::',
    'fe80::1%eth0',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
  ])('refuses %s', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(['8.8.8.8', '172.32.0.1', '192.169.0.1', '2a00:1450:4001:80e::200e', '::ffff:8.8.4.4'])(
    'allows %s',
    (address) => expect(isPrivateAddress(address)).toBe(false),
  );

  it('does not judge host names (they are checked once resolved)', () => {
    expect(isPrivateAddress('localhost')).toBe(false);
  });
});

describe('urlProblem', () => {
  it('accepts http and https URLs', () => {
    expect(urlProblem('https://hooks.slack.com/services/T0/B0/x')).toBeNull();
    expect(urlProblem('http://example.com:8080/hook?a=1')).toBeNull();
  });

  it.each([
    ['hooks.slack.com/services', 'must be an absolute http(s) URL'],
    ['ftp://example.com/', 'must be an http(s) URL, not ftp'],
    ['file:///etc/passwd', 'must be an http(s) URL, not file'],
    ['https://user:secret@example.com/', 'must not carry credentials'],
  ])('refuses %s', (url, problem) => expect(urlProblem(url)).toBe(problem));
});

describe('mayReachPrivate', () => {
  const url = (u: string) => new URL(u);

  it('lets every private target through with NOTIFY_ALLOW_PRIVATE_TARGETS', () => {
    expect(mayReachPrivate(url('http://10.0.0.1/'), { all: true, hosts: [] })).toBe(true);
  });

  it('otherwise lets through only the named hosts, by name or name and port', () => {
    const policy = { all: false, hosts: ['alertmanager', 'receiver.internal:8443'] };
    expect(mayReachPrivate(url('http://alertmanager:9093/'), policy)).toBe(true);
    expect(mayReachPrivate(url('http://AlertManager:9093/'), policy)).toBe(true);
    expect(mayReachPrivate(url('https://receiver.internal:8443/x'), policy)).toBe(true);
    expect(mayReachPrivate(url('https://receiver.internal/x'), policy)).toBe(false);
    expect(mayReachPrivate(url('http://10.0.0.1/'), policy)).toBe(false);
    expect(mayReachPrivate(url('http://alertmanager:9093/'), { all: false, hosts: [] })).toBe(
      false,
    );
  });

  it('takes the scheme default port for host:port entries', () => {
    expect(
      mayReachPrivate(url('https://hooks.internal/'), {
        all: false,
        hosts: ['hooks.internal:443'],
      }),
    ).toBe(true);
    expect(
      mayReachPrivate(url('http://hooks.internal/'), { all: false, hosts: ['hooks.internal:443'] }),
    ).toBe(false);
  });
});
