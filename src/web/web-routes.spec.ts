import { contentSecurityPolicy } from './content-security-policy';
import { webAnswerFor } from './web-routes';

describe('webAnswerFor', () => {
  it.each([
    ['/', 'app'],
    ['/teams/SRE/board', 'app'],
    ['/sign-in', 'app'],
    ['/assets/index-3f9a.js', 'asset'],
    ['/favicon.svg', 'file'],
    ['/graphql', 'none'],
    ['/graphql/', 'none'],
    ['/webhooks/0b0e', 'none'],
    ['/health/ready', 'none'],
    ['/metrics', 'none'],
    ['/reports/sprints/1/capacity.csv', 'none'],
  ])('%s → %s', (path, answer) => {
    expect(webAnswerFor(path)).toBe(answer);
  });

  it('keeps client routes that only start like a service route', () => {
    expect(webAnswerFor('/graphqlish')).toBe('app');
    expect(webAnswerFor('/healthy-teams')).toBe('app');
  });
});

describe('contentSecurityPolicy', () => {
  it('allows only its own origin, and the WebSocket of the same host', () => {
    const policy = contentSecurityPolicy('localhost:3000', false);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self' ws://localhost:3000");
    expect(policy).not.toContain('unsafe-inline');
    expect(contentSecurityPolicy('board.example.com', true)).toContain('wss://board.example.com');
  });

  it('does not repeat a malformed Host header', () => {
    const policy = contentSecurityPolicy("evil.com; script-src 'unsafe-inline'", false);
    expect(policy).toContain("connect-src 'self';");
    expect(policy).not.toContain('evil');
  });
});
