import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ApiTokensService } from '../auth/api-tokens.service';
import type { Caller } from '../auth/caller';
import { DatabaseListener } from '../common/database/database-listener';
import { AppLogger } from '../common/logging/app-logger';
import { LiveSession } from './live-session';

/**
 * How often every open socket's token is checked again, whatever was heard: a safety net under
 * the token notifications (which a listener outage can miss).
 */
export const TOKEN_RECHECK_MS = 60_000;

/**
 * Open WebSocket sessions of this process. A token that is revoked, rotated or expires closes its
 * sockets; a grant that changes updates what their subscriptions may see. Every replica hears
 * token changes over NOTIFY, so a revocation made through any replica closes sockets on all.
 */
@Injectable()
export class LiveSessions implements OnModuleInit, OnModuleDestroy {
  private readonly sessions = new Set<LiveSession>();
  private sweep: NodeJS.Timeout | null = null;

  constructor(
    private readonly listener: DatabaseListener,
    private readonly tokens: ApiTokensService,
    private readonly logger: AppLogger,
  ) {}

  onModuleInit(): void {
    this.listener.on(
      'loopboard_token',
      (tokenId) => void this.recheck((session) => session.caller.tokenId === tokenId),
    );
    this.listener.onResync(() => void this.recheck(() => true));
    this.sweep = setInterval(() => void this.recheck(() => true), TOKEN_RECHECK_MS);
    this.sweep.unref();
  }

  onModuleDestroy(): void {
    if (this.sweep) clearInterval(this.sweep);
  }

  open(
    tokenHash: string,
    caller: Caller,
    closeSocket: (code: number, reason: string) => void,
  ): LiveSession {
    const session = new LiveSession(tokenHash, caller, closeSocket);
    this.sessions.add(session);
    return session;
  }

  closed(session: LiveSession): void {
    this.sessions.delete(session);
    session.dispose();
  }

  /** Closes every socket (shutdown: clients reconnect, to another replica if there is one). */
  closeAll(code: number, reason: string): void {
    for (const session of [...this.sessions]) session.close(code, reason);
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Authenticates the matching sessions' tokens again and applies the result. */
  async recheck(matches: (session: LiveSession) => boolean): Promise<void> {
    const byToken = new Map<string, LiveSession[]>();
    for (const session of this.sessions) {
      if (!matches(session)) continue;
      const list = byToken.get(session.tokenHash) ?? [];
      list.push(session);
      byToken.set(session.tokenHash, list);
    }
    for (const [hash, sessions] of byToken) {
      let caller: Caller | null;
      try {
        caller = await this.tokens.authenticateHash(hash);
      } catch (error) {
        // The database is unreachable: keep the sessions as they are until it answers.
        this.logger.warn(
          `Could not re-check a subscription token: ${error instanceof Error ? error.message : String(error)}`,
          'LiveSessions',
        );
        continue;
      }
      for (const session of sessions) if (this.sessions.has(session)) session.update(caller);
    }
  }
}
