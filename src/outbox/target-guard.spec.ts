import { isPrivateAddress, urlProblem } from './target-guard';

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
