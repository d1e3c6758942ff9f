import { randomUUID } from 'node:crypto';
import type { TeamRole } from '../generated/prisma/enums';
import { hashApiToken } from './api-token';
import type { ApiTokensRepository, TokenWithGrants } from './api-tokens.repository';
import { ApiTokensService } from './api-tokens.service';
import { Caller } from './caller';

/** The repository's behaviour, in memory. */
class MemoryTokens {
  rows: TokenWithGrants[] = [];
  touches = 0;

  findByHash(tokenHash: string) {
    return Promise.resolve(this.rows.find((r) => r.tokenHash === tokenHash) ?? null);
  }
  findById(id: string) {
    return Promise.resolve(this.rows.find((r) => r.id === id) ?? null);
  }
  list(teamId: string | null, includeRevoked: boolean) {
    return Promise.resolve(
      this.rows.filter(
        (r) =>
          (!teamId || r.grants.some((g) => g.teamId === teamId)) &&
          (includeRevoked || !r.revokedAt),
      ),
    );
  }
  create(data: {
    name: string;
    tokenHash: string;
    prefix: string;
    instanceAdmin: boolean;
    createdBy: string | null;
    expiresAt: Date | null;
    grants: { teamId: string; role: TeamRole }[];
  }) {
    const id = randomUUID();
    const row: TokenWithGrants = {
      ...data,
      id,
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
      grants: data.grants.map((g) => ({ ...g, tokenId: id })),
    };
    this.rows.push(row);
    return Promise.resolve(row);
  }
  revoke(id: string, at: Date) {
    const row = this.rows.find((r) => r.id === id)!;
    row.revokedAt = at;
    return Promise.resolve(row);
  }
  replaceSecret(id: string, tokenHash: string, prefix: string) {
    const row = this.rows.find((r) => r.id === id)!;
    Object.assign(row, { tokenHash, prefix });
    return Promise.resolve(row);
  }
  touch(id: string, at: Date) {
    this.touches++;
    this.rows.find((r) => r.id === id)!.lastUsedAt = at;
    return Promise.resolve();
  }
}

const TEAM = randomUUID();
const OTHER = randomUUID();
const adminOf = (roles: [string, TeamRole][]) => new Caller('c', 'creator', false, new Map(roles));

describe('ApiTokensService', () => {
  let repository: MemoryTokens;
  let service: ApiTokensService;

  beforeEach(() => {
    repository = new MemoryTokens();
    service = new ApiTokensService(repository as unknown as ApiTokensRepository);
  });

  const issue = (
    creator: Caller | null,
    input: Partial<Parameters<ApiTokensService['create']>[1]>,
  ) =>
    service.create(creator, {
      name: 'bot',
      teamId: TEAM,
      role: 'VIEWER',
      instanceAdmin: false,
      expiresAt: null,
      ...input,
    });

  it('stores the hash and a short prefix, and returns the secret once', async () => {
    const { token, apiToken } = await issue(null, { role: 'MEMBER' });
    expect(apiToken.tokenHash).toBe(hashApiToken(token));
    expect(apiToken.prefix).toBe(token.slice(0, 7));
    expect(JSON.stringify(repository.rows)).not.toContain(token.slice(7));
    expect(apiToken.grants).toEqual([{ tokenId: apiToken.id, teamId: TEAM, role: 'MEMBER' }]);
    expect(apiToken.createdBy).toBe('cli');
  });

  it('authenticates a valid token as its caller, with its roles', async () => {
    const { token, apiToken } = await issue(null, { role: 'MEMBER' });
    const caller = await service.authenticate(token);
    expect(caller?.tokenId).toBe(apiToken.id);
    expect(caller?.roleOn(TEAM)).toBe('MEMBER');
    expect(caller?.instanceAdmin).toBe(false);
  });

  it('does not authenticate unknown, revoked or expired tokens', async () => {
    expect(await service.authenticate('lb_unknown')).toBeNull();
    const revoked = await issue(null, {});
    await service.revoke(revoked.apiToken.id);
    expect(await service.authenticate(revoked.token)).toBeNull();
    const expiring = await issue(null, { expiresAt: new Date(Date.now() + 60_000) });
    expect(await service.authenticate(expiring.token)).not.toBeNull();
    expiring.apiToken.expiresAt = new Date(Date.now() - 1);
    expect(await service.authenticate(expiring.token)).toBeNull();
  });

  it('records use at most once a minute per token', async () => {
    const { token, apiToken } = await issue(null, {});
    await service.authenticate(token);
    await service.authenticate(token);
    await service.authenticate(token);
    expect(repository.touches).toBe(1);
    expect(apiToken.lastUsedAt).not.toBeNull();
  });

  it('lets nobody but the instance admin create instance admin tokens', async () => {
    await expect(
      issue(adminOf([[TEAM, 'ADMIN']]), { instanceAdmin: true, teamId: null, role: null }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const root = new Caller('r', 'root', true, new Map());
    const created = await issue(root, { instanceAdmin: true, teamId: null, role: null });
    expect(created.apiToken).toMatchObject({ instanceAdmin: true, grants: [], createdBy: 'root' });
  });

  it('grants no more than its creator holds on the team', async () => {
    const creator = adminOf([
      [TEAM, 'MEMBER'],
      [OTHER, 'ADMIN'],
    ]);
    await expect(issue(creator, { role: 'ADMIN' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'A token cannot grant more than its creator holds',
    });
    await expect(issue(creator, { role: 'MEMBER' })).resolves.toBeDefined();
    await expect(issue(adminOf([[OTHER, 'ADMIN']]), { role: 'VIEWER' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(repository.rows).toHaveLength(1);
  });

  it('needs a team and a role (or instanceAdmin), and an expiry in the future', async () => {
    await expect(issue(null, { teamId: null })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(issue(null, { role: null })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(issue(null, { expiresAt: new Date(Date.now() - 1000) })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'Invalid input: input.expiresAt: must be in the future',
    });
  });

  it('rotates the secret of a live token, and refuses a revoked one', async () => {
    const first = await issue(null, {});
    const rotated = await service.rotate(first.apiToken.id);
    expect(rotated.token).not.toBe(first.token);
    expect(await service.authenticate(first.token)).toBeNull();
    expect((await service.authenticate(rotated.token))?.tokenId).toBe(first.apiToken.id);
    await service.revoke(first.apiToken.id);
    await expect(service.rotate(first.apiToken.id)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(service.rotate(randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows a caller who sees some teams only the grants on those', async () => {
    const shared = await issue(null, {});
    shared.apiToken.grants.push({ tokenId: shared.apiToken.id, teamId: OTHER, role: 'ADMIN' });
    const [seen] = await service.list(TEAM, false, [TEAM]);
    expect(seen?.grants).toEqual([{ tokenId: shared.apiToken.id, teamId: TEAM, role: 'VIEWER' }]);
    const [all] = await service.list(TEAM, false, null);
    expect(all?.grants).toHaveLength(2);
  });
});
