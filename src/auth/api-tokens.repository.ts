import { Injectable } from '@nestjs/common';
import { PrismaService } from '../common/database/prisma.service';
import type { ApiToken, TeamRole, TokenGrant } from '../generated/prisma/client';

export type TokenWithGrants = ApiToken & { grants: TokenGrant[] };

@Injectable()
export class ApiTokensRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The token with its grants in one statement: every authenticated request runs it (the ORM's
   * `include` would send a second query for the grants).
   */
  async findByHash(tokenHash: string): Promise<TokenWithGrants | null> {
    const rows = await this.prisma.$queryRaw<TokenWithGrants[]>`
      SELECT t.id, t.name, t.token_hash AS "tokenHash", t.prefix, t.instance_admin AS "instanceAdmin",
        t.created_by AS "createdBy", t.created_at AS "createdAt", t.last_used_at AS "lastUsedAt",
        t.expires_at AS "expiresAt", t.revoked_at AS "revokedAt",
        COALESCE((SELECT json_agg(json_build_object('tokenId', g.token_id, 'teamId', g.team_id, 'role', g.role)
                                  ORDER BY g.team_id)
                  FROM token_grants g WHERE g.token_id = t.id), '[]'::json) AS grants
      FROM api_tokens t
      WHERE t.token_hash = ${tokenHash}`;
    return rows[0] ?? null;
  }

  findById(id: string): Promise<TokenWithGrants | null> {
    return this.prisma.apiToken.findUnique({ where: { id }, include: { grants: true } });
  }

  /** Tokens with a role on the team (or every token when teamId is null), newest first. */
  list(teamId: string | null, includeRevoked: boolean): Promise<TokenWithGrants[]> {
    return this.prisma.apiToken.findMany({
      where: {
        ...(teamId ? { grants: { some: { teamId } } } : {}),
        ...(includeRevoked ? {} : { revokedAt: null }),
      },
      include: { grants: true },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
  }

  create(data: {
    name: string;
    tokenHash: string;
    prefix: string;
    instanceAdmin: boolean;
    createdBy: string | null;
    expiresAt: Date | null;
    grants: { teamId: string; role: TeamRole }[];
  }): Promise<TokenWithGrants> {
    const { grants, ...token } = data;
    return this.prisma.apiToken.create({
      data: { ...token, grants: { create: grants } },
      include: { grants: true },
    });
  }

  async grant(tokenId: string, teamId: string, role: TeamRole): Promise<TokenWithGrants> {
    await this.prisma.tokenGrant.upsert({
      where: { tokenId_teamId: { tokenId, teamId } },
      create: { tokenId, teamId, role },
      update: { role },
    });
    return (await this.findById(tokenId)) as TokenWithGrants;
  }

  revoke(id: string, at: Date): Promise<TokenWithGrants> {
    return this.prisma.apiToken.update({
      where: { id },
      data: { revokedAt: at },
      include: { grants: true },
    });
  }

  replaceSecret(id: string, tokenHash: string, prefix: string): Promise<TokenWithGrants> {
    return this.prisma.apiToken.update({
      where: { id },
      data: { tokenHash, prefix },
      include: { grants: true },
    });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.prisma.apiToken.update({ where: { id }, data: { lastUsedAt: at } });
  }

  countActiveAdmins(): Promise<number> {
    return this.prisma.apiToken.count({ where: { instanceAdmin: true, revokedAt: null } });
  }

  /**
   * Makes `tokenHash` the bootstrap admin token (ADMIN_TOKEN): created once, and when the
   * variable changes, the old bootstrap token is revoked. Safe when replicas start together.
   */
  async upsertBootstrapAdmin(
    tokenHash: string,
    prefix: string,
    at: Date,
  ): Promise<'created' | 'unchanged'> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707371)`;
      const existing = await tx.apiToken.findUnique({ where: { tokenHash } });
      if (existing && !existing.revokedAt && existing.instanceAdmin) return 'unchanged';
      await tx.apiToken.updateMany({
        where: { name: 'bootstrap-admin', instanceAdmin: true, revokedAt: null },
        data: { revokedAt: at },
      });
      if (existing) {
        await tx.apiToken.update({
          where: { id: existing.id },
          data: { revokedAt: null, instanceAdmin: true },
        });
      } else {
        await tx.apiToken.create({
          data: {
            name: 'bootstrap-admin',
            tokenHash,
            prefix,
            instanceAdmin: true,
            createdBy: 'ADMIN_TOKEN',
          },
        });
      }
      return 'created';
    });
  }

  /** Creates the first admin when none exists; null when one already did (another replica won). */
  async createFirstAdmin(tokenHash: string, prefix: string): Promise<ApiToken | null> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707371)`;
      const admins = await tx.apiToken.count({ where: { instanceAdmin: true, revokedAt: null } });
      if (admins > 0) return null;
      return tx.apiToken.create({
        data: {
          name: 'first-admin',
          tokenHash,
          prefix,
          instanceAdmin: true,
          createdBy: 'first start',
        },
      });
    });
  }
}
