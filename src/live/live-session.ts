import type { Caller } from '../auth/caller';

/** What a session can end: a subscription (see LiveSubscription). */
export interface Subscribed {
  end(error?: Error): void;
  onEnd(listener: () => void): void;
}

/** Close codes of the graphql-ws protocol family (4400–4499: the server's decisions). */
export const CloseCode = {
  /** The token is no longer valid (revoked, rotated or expired). */
  TOKEN_INVALID: 4403,
  /** The service is shutting down: reconnect (to another replica). */
  GOING_AWAY: 1001,
} as const;

interface Tracked {
  teamId: string;
  subscription: Subscribed;
  /** The error a caller gets when it can no longer read the team (NOT_FOUND, like a query). */
  lostAccess: () => Error;
}

/**
 * One WebSocket connection: its token (by hash, never the secret), the caller it authenticated as
 * (refreshed whenever the token or its grants change), and its subscriptions.
 */
export class LiveSession {
  private readonly tracked = new Set<Tracked>();
  private expiry: NodeJS.Timeout | null = null;

  constructor(
    readonly tokenHash: string,
    private current: Caller,
    private readonly closeSocket: (code: number, reason: string) => void,
  ) {
    this.scheduleExpiry();
  }

  get caller(): Caller {
    return this.current;
  }

  get subscriptionCount(): number {
    return this.tracked.size;
  }

  canSee(teamId: string): boolean {
    return this.current.can(teamId, 'VIEWER');
  }

  track(teamId: string, subscription: Subscribed, lostAccess: () => Error): void {
    const entry: Tracked = { teamId, subscription, lostAccess };
    this.tracked.add(entry);
    subscription.onEnd(() => this.tracked.delete(entry));
  }

  /** The token's current state: null closes the socket; fewer grants end those subscriptions. */
  update(caller: Caller | null): void {
    if (!caller) {
      this.close(CloseCode.TOKEN_INVALID, 'The API token was revoked, rotated or has expired');
      return;
    }
    this.current = caller;
    this.scheduleExpiry();
    for (const entry of [...this.tracked])
      if (!this.canSee(entry.teamId)) entry.subscription.end(entry.lostAccess());
  }

  close(code: number, reason: string): void {
    if (this.expiry) clearTimeout(this.expiry);
    this.expiry = null;
    this.closeSocket(code, reason);
  }

  /** Ends the session's bookkeeping (the socket is closed). */
  dispose(): void {
    if (this.expiry) clearTimeout(this.expiry);
    this.expiry = null;
    for (const entry of [...this.tracked]) entry.subscription.end();
  }

  private scheduleExpiry(): void {
    if (this.expiry) clearTimeout(this.expiry);
    this.expiry = null;
    const expiresAt = this.current.expiresAt;
    if (!expiresAt) return;
    // setTimeout's longest delay is about 24.8 days: a later expiry is re-armed when it fires.
    const delay = Math.min(Math.max(expiresAt.getTime() - Date.now(), 0), 2 ** 31 - 1);
    this.expiry = setTimeout(() => {
      if (Date.now() < expiresAt.getTime()) this.scheduleExpiry();
      else this.close(CloseCode.TOKEN_INVALID, 'The API token has expired');
    }, delay);
    this.expiry.unref();
  }
}
