import { Injectable } from '@nestjs/common';
import { InputError } from '../common/errors/app-error';
import type { TeamRole } from '../generated/prisma/enums';
import { generateApiToken, hashApiToken, tokenPrefix } from './api-token';
import { ApiTokensRepository, TokenWithGrants } from './api-tokens.repository';
import { ApiTokenNotFoundError, ForbiddenError } from './auth.errors';
import { Caller, ROLE_RANK } from './caller';

/** lastUsedAt is written at most this often per token and process (not on every request). */
const TOUCH_INTERVAL_MS = 60_000;

export interface NewToken {
  name: string;
  teamId: string | null;
  role: TeamRole | null;
  instanceAdmin: boolean;
  expiresAt: Date | null;
}

/** API tokens: issuing, authenticating, revoking and rotating. */
@Injectable()
export class ApiTokensService {
  private readonly touched = new Map<string, number>();
  private readonly changeListeners: ((tokenId: string) => void)[] = [];

  constructor(private readonly tokens: ApiTokensRepository) {}

  /** The caller behind a token, or null when it is unknown, expired or revoked. */
  authenticate(token: string): Promise<Caller | null> {
    return this.authenticateHash(hashApiToken(token));
  }

  /**
   * The same by the token's hash: what a long-lived connection keeps to check its token again
   * (never the secret itself).
   */
  async authenticateHash(tokenHash: string): Promise<Caller | null> {
    const row = await this.tokens.findByHash(tokenHash);
    const now = new Date();
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
    await this.touchIfDue(row.id, row.lastUsedAt);
    return new Caller(
      row.id,
      row.name,
      row.instanceAdmin,
      new Map(row.grants.map((g) => [g.teamId, g.role])),
      row.expiresAt,
    );
  }

  /** Records a use of the token, at most once per TOUCH_INTERVAL_MS and process. */
  async touchIfDue(tokenId: string, lastUsedAt: Date | null = null): Promise<void> {
    const now = Date.now();
    const last = this.touched.get(tokenId) ?? lastUsedAt?.getTime() ?? 0;
    if (now - last < TOUCH_INTERVAL_MS) return;
    this.touched.set(tokenId, now);
    await this.tokens.touch(tokenId, new Date(now));
  }

  async create(
    creator: Caller | null,
    input: NewToken,
  ): Promise<{ token: string; apiToken: TokenWithGrants }> {
    if (input.instanceAdmin && creator && !creator.instanceAdmin) {
      throw new ForbiddenError('Only an instance admin can create instance admin tokens');
    }
    if (!input.instanceAdmin && (!input.teamId || !input.role)) {
      throw InputError.field('input.teamId', 'a token needs a team and a role (or instanceAdmin)');
    }
    if (creator && input.teamId && input.role && !creator.instanceAdmin) {
      const own = creator.roleOn(input.teamId);
      if (!own || ROLE_RANK[own] < ROLE_RANK[input.role])
        throw new ForbiddenError('A token cannot grant more than its creator holds');
    }
    if (input.expiresAt && input.expiresAt <= new Date())
      throw InputError.field('input.expiresAt', 'must be in the future');
    const token = generateApiToken();
    const apiToken = await this.tokens.create({
      name: input.name,
      tokenHash: hashApiToken(token),
      prefix: tokenPrefix(token),
      instanceAdmin: input.instanceAdmin,
      createdBy: creator?.name ?? 'cli',
      expiresAt: input.expiresAt,
      grants:
        !input.instanceAdmin && input.teamId && input.role
          ? [{ teamId: input.teamId, role: input.role }]
          : [],
    });
    return { token, apiToken };
  }

  async get(id: string): Promise<TokenWithGrants> {
    const token = await this.tokens.findById(id);
    if (!token) throw new ApiTokenNotFoundError(id);
    return token;
  }

  /**
   * Tokens with a role on the team (every token without one). A caller who sees only some
   * teams sees only the grants on those: a token shared with another team does not reveal it.
   */
  async list(
    teamId: string | null,
    includeRevoked = false,
    visibleTeams: string[] | null = null,
  ): Promise<TokenWithGrants[]> {
    const tokens = await this.tokens.list(teamId, includeRevoked);
    if (!visibleTeams) return tokens;
    return tokens.map((token) => ({
      ...token,
      grants: token.grants.filter((grant) => visibleTeams.includes(grant.teamId)),
    }));
  }

  async grant(tokenId: string, teamId: string, role: TeamRole): Promise<TokenWithGrants> {
    const token = await this.get(tokenId);
    if (token.revokedAt) throw InputError.field('tokenId', 'is a revoked token');
    return this.changed(tokenId, await this.tokens.grant(tokenId, teamId, role));
  }

  async revoke(id: string): Promise<TokenWithGrants> {
    const token = await this.get(id);
    if (token.revokedAt) return token;
    return this.changed(id, await this.tokens.revoke(id, new Date()));
  }

  /**
   * Calls `listener` with the id of each token this process changed, once the change committed
   * (before the database's notice of it reaches this process's listener).
   */
  onChange(listener: (tokenId: string) => void): void {
    this.changeListeners.push(listener);
  }

  private changed<T>(tokenId: string, result: T): T {
    for (const listener of this.changeListeners) listener(tokenId);
    return result;
  }

  /** A new secret for the same token (name, roles, expiry); the old secret stops working now. */
  async rotate(id: string): Promise<{ token: string; apiToken: TokenWithGrants }> {
    const current = await this.get(id);
    if (current.revokedAt) throw InputError.field('id', 'is a revoked token');
    const token = generateApiToken();
    const apiToken = await this.tokens.replaceSecret(id, hashApiToken(token), tokenPrefix(token));
    return this.changed(id, { token, apiToken });
  }
}
