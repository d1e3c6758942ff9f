import { Injectable, OnModuleInit } from '@nestjs/common';
import { DatabaseListener } from '../common/database/database-listener';
import { hashApiToken } from './api-token';
import { ApiTokensService } from './api-tokens.service';
import { Caller } from './caller';

/** Tokens remembered per process; beyond this, the least recently used is looked up again. */
const MAX_TOKENS = 10_000;
/** A remembered token is looked up again at least this often (a bound, should a notice be lost). */
const MAX_AGE_MS = 60_000;

/**
 * The callers of recently seen API tokens, so a request does not look its token up again: an
 * entry is dropped the moment the database announces a change to its token or grants (the
 * `loopboard_token` NOTIFY of the live_updates migration, sent at commit to every replica:
 * revoked, expired, rotated, a role granted or taken), all of them when the notification
 * listener reconnects (notices may have been missed), and none is used while the listener is
 * down; this process's own changes drop theirs at once. Another replica may accept a revoked
 * token for the moment its notice takes to arrive (milliseconds, as a request already in
 * flight there would). A lookup that started before a notice arrived is not stored, so a revocation that
 * commits during a lookup is never remembered as a valid token.
 */
@Injectable()
export class AuthenticatedTokens implements OnModuleInit {
  private readonly callers = new Map<string, { caller: Caller; at: number }>();
  /** Moves on every notice: a lookup stores its answer only if it did not move meanwhile. */
  private generation = 0;

  constructor(
    private readonly tokens: ApiTokensService,
    private readonly listener: DatabaseListener,
  ) {}

  onModuleInit(): void {
    this.listener.on('loopboard_token', (tokenId) => this.forget(tokenId));
    this.listener.onResync(() => this.forget(null));
    // This process's own changes, at once: the next request here must already see them.
    this.tokens.onChange((tokenId) => this.forget(tokenId));
  }

  /** The caller behind a token, or null when it is unknown, expired or revoked. */
  async authenticate(token: string): Promise<Caller | null> {
    const hash = hashApiToken(token);
    const now = Date.now();
    const listening = this.listener.connected;
    const known = listening ? this.callers.get(hash) : undefined;
    if (known && now - known.at < MAX_AGE_MS) {
      const expiresAt = known.caller.expiresAt?.getTime();
      if (expiresAt !== undefined && expiresAt <= now) {
        this.callers.delete(hash);
        return null;
      }
      this.callers.delete(hash); // most recently used last
      this.callers.set(hash, known);
      await this.tokens.touchIfDue(known.caller.tokenId);
      return known.caller;
    }
    const generation = this.generation;
    const caller = await this.tokens.authenticateHash(hash);
    if (caller && listening && this.listener.connected && generation === this.generation) {
      this.callers.delete(hash);
      this.callers.set(hash, { caller, at: now });
      if (this.callers.size > MAX_TOKENS) {
        this.callers.delete(this.callers.keys().next().value as string);
      }
    }
    return caller;
  }

  /** Drops one token's entries (null: every entry). */
  private forget(tokenId: string | null): void {
    this.generation++;
    if (tokenId === null) {
      this.callers.clear();
      return;
    }
    for (const [hash, { caller }] of this.callers) {
      if (caller.tokenId === tokenId) this.callers.delete(hash);
    }
  }
}
