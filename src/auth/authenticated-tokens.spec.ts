import type { DatabaseListener } from '../common/database/database-listener';
import { hashApiToken } from './api-token';
import type { ApiTokensService } from './api-tokens.service';
import { AuthenticatedTokens } from './authenticated-tokens';
import { Caller } from './caller';

/** A listener whose notices the test sends by hand, and a token store that counts lookups. */
function setup(options: { expiresAt?: Date } = {}) {
  const handlers = new Map<string, (payload: string) => void>();
  let resync = (): void => {};
  const listener = {
    connected: true,
    on: (channel: string, handler: (payload: string) => void) => handlers.set(channel, handler),
    onResync: (handler: () => void) => (resync = handler),
  };
  const changes: ((tokenId: string) => void)[] = [];
  let lookups = 0;
  let revoked = false;
  let duringLookup = (): void => {};
  const tokens = {
    authenticateHash: (hash: string) => {
      lookups++;
      duringLookup();
      const valid = hash === hashApiToken('lb_good') && !revoked;
      return Promise.resolve(
        valid ? new Caller('tok-1', 'ci', false, new Map(), options.expiresAt ?? null) : null,
      );
    },
    touchIfDue: () => Promise.resolve(),
    onChange: (listener: (tokenId: string) => void) => changes.push(listener),
  };
  const known = new AuthenticatedTokens(
    tokens as unknown as ApiTokensService,
    listener as unknown as DatabaseListener,
  );
  known.onModuleInit();
  return {
    known,
    listener,
    lookups: () => lookups,
    revoke: () => (revoked = true),
    notice: (tokenId: string) => handlers.get('loopboard_token')!(tokenId),
    changedHere: (tokenId: string) => changes.forEach((c) => c(tokenId)),
    resync: () => resync(),
    duringLookup: (fn: () => void) => (duringLookup = fn),
  };
}

describe('AuthenticatedTokens', () => {
  it('looks a token up once, then remembers it', async () => {
    const s = setup();
    expect((await s.known.authenticate('lb_good'))?.tokenId).toBe('tok-1');
    expect((await s.known.authenticate('lb_good'))?.tokenId).toBe('tok-1');
    expect(s.lookups()).toBe(1);
    expect(await s.known.authenticate('lb_bad')).toBeNull();
    expect(await s.known.authenticate('lb_bad')).toBeNull();
    expect(s.lookups()).toBe(3); // unknown tokens are never remembered
  });

  it.each([
    ['a database notice for the token', (s: ReturnType<typeof setup>) => s.notice('tok-1')],
    ['a change made by this process', (s: ReturnType<typeof setup>) => s.changedHere('tok-1')],
    ['the listener reconnecting', (s: ReturnType<typeof setup>) => s.resync()],
  ])('forgets a token on %s', async (_, forget) => {
    const s = setup();
    await s.known.authenticate('lb_good');
    s.revoke();
    forget(s);
    expect(await s.known.authenticate('lb_good')).toBeNull();
  });

  it('keeps other tokens on a notice for one', async () => {
    const s = setup();
    await s.known.authenticate('lb_good');
    s.notice('another-token');
    await s.known.authenticate('lb_good');
    expect(s.lookups()).toBe(1);
  });

  it('remembers nothing while the listener is down', async () => {
    const s = setup();
    await s.known.authenticate('lb_good');
    s.listener.connected = false;
    s.revoke();
    expect(await s.known.authenticate('lb_good')).toBeNull();
  });

  it('does not remember a lookup that a notice overtook', async () => {
    const s = setup();
    s.duringLookup(() => s.notice('tok-1'));
    await s.known.authenticate('lb_good');
    s.duringLookup(() => {});
    s.revoke();
    expect(await s.known.authenticate('lb_good')).toBeNull();
  });

  it('refuses a remembered token once it expires', async () => {
    const s = setup({ expiresAt: new Date(Date.now() + 30_000) });
    await s.known.authenticate('lb_good');
    const now = Date.now;
    Date.now = () => now() + 31_000;
    try {
      expect(await s.known.authenticate('lb_good')).toBeNull();
    } finally {
      Date.now = now;
    }
  });
});
