import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import type { AuthenticatedTokens } from './authenticated-tokens';
import { AuthGuard } from './auth.guard';
import { Authorize, Public, ref, RefKind } from './authorize.decorator';
import { Caller } from './caller';
import { RequestAuthenticator } from './request-authenticator';
import type { TeamOfRepository } from './team-of.repository';
import { loadConfig } from '../config/load-config';

/** Operations with each kind of policy, as resolvers and controllers declare them. */
class Operations {
  @Public()
  open(): void {}

  @Authorize('VIEWER', (a: { id: string }) => [ref.task(a.id)])
  readTask(): void {}

  @Authorize('MEMBER', (a: { id: string; assigneeId: string }) => [
    ref.task(a.id),
    ref.member(a.assigneeId),
  ])
  editTask(): void {}

  @Authorize('ADMIN', (a: { teamId: string }) => [ref.team(a.teamId)])
  manageTeam(): void {}

  @Authorize('ADMIN', (a: { id: string }) => [ref.apiToken(a.id)])
  revokeToken(): void {}

  @Authorize('INSTANCE_ADMIN')
  createTeam(): void {}

  @Authorize('AUTHENTICATED')
  viewer(): void {}

  noPolicy(): void {}
}

const TEAM_A = randomUUID();
const TEAM_B = randomUUID();
const TASK_A = randomUUID();
const TASK_B = randomUUID();
const MEMBER_A = randomUUID();
const MEMBER_B = randomUUID();
const SHARED_TOKEN = randomUUID();

const OWNERS: Record<string, string | null> = {
  [`team:${TEAM_A}`]: TEAM_A,
  [`team:${TEAM_B}`]: TEAM_B,
  [`task:${TASK_A}`]: TEAM_A,
  [`task:${TASK_B}`]: TEAM_B,
  [`member:${MEMBER_A}`]: TEAM_A,
  [`member:${MEMBER_B}`]: TEAM_B,
  [`apiToken:${SHARED_TOKEN}`]: null,
};

const CALLERS: Record<string, Caller> = {
  viewerA: new Caller('t1', 'viewer', false, new Map([[TEAM_A, 'VIEWER']])),
  memberA: new Caller('t2', 'member', false, new Map([[TEAM_A, 'MEMBER']])),
  adminA: new Caller('t3', 'admin', false, new Map([[TEAM_A, 'ADMIN']])),
  root: new Caller('t4', 'root', true, new Map()),
};

describe('AuthGuard', () => {
  let authentications: number;
  let guard: AuthGuard;

  beforeEach(() => {
    authentications = 0;
    const tokens = {
      authenticate: (token: string) => {
        authentications++;
        return Promise.resolve(CALLERS[token] ?? null);
      },
    } as unknown as AuthenticatedTokens;
    const teamOf = {
      teamOf: (kind: RefKind, id: string) => Promise.resolve(OWNERS[`${kind}:${id}`]),
    } as unknown as TeamOfRepository;
    guard = new AuthGuard(
      new Reflector(),
      new RequestAuthenticator(tokens, loadConfig({ API_AUTH_FAILURES_PER_MINUTE: '3' })),
      teamOf,
    );
  });

  /** A REST request to one of the operations, with a token name from CALLERS (or none). */
  function request(
    operation: keyof Operations,
    token: string | null,
    params: Record<string, string> = {},
  ): { context: ExecutionContext; req: Record<string, unknown> } {
    const req = {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
      params,
      query: {},
    };
    // The handler is only a key for its metadata; it is never called.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const handler = Operations.prototype[operation];
    const context = {
      getType: () => 'http',
      getHandler: () => handler,
      getClass: () => Operations,
      switchToHttp: () => ({ getRequest: () => req }),
    } as unknown as ExecutionContext;
    return { context, req };
  }

  const run = (operation: keyof Operations, token: string | null, params = {}) =>
    guard.canActivate(request(operation, token, params).context);

  it('lets public routes through without a token', async () => {
    await expect(run('open', null)).resolves.toBe(true);
    expect(authentications).toBe(0);
  });

  it('answers a missing and an unknown token alike: UNAUTHENTICATED', async () => {
    const missing = run('viewer', null);
    await expect(missing).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const unknown = run('viewer', 'lb_unknown');
    await expect(unknown).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const [a, b] = await Promise.allSettled([missing, unknown]);
    expect((a as PromiseRejectedResult).reason.message).toBe(
      (b as PromiseRejectedResult).reason.message,
    );
  });

  it('refuses an operation that declares no policy (fail closed)', async () => {
    await expect(run('noPolicy', 'root')).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'This operation has no access policy and is refused',
    });
  });

  it("answers another team's object exactly like a missing one: NOT_FOUND", async () => {
    await expect(run('readTask', 'viewerA', { id: TASK_A })).resolves.toBe(true);
    const foreign = await run('readTask', 'viewerA', { id: TASK_B }).catch((e: Error) => e);
    const missingId = randomUUID();
    const missing = await run('readTask', 'viewerA', { id: missingId }).catch((e: Error) => e);
    expect(foreign).toMatchObject({ code: 'NOT_FOUND', message: `Task ${TASK_B} not found` });
    expect(missing).toMatchObject({ code: 'NOT_FOUND', message: `Task ${missingId} not found` });
    expect(foreign.constructor).toBe(missing.constructor);
  });

  it('checks every object an operation names, not only the first', async () => {
    await expect(run('editTask', 'memberA', { id: TASK_A, assigneeId: MEMBER_A })).resolves.toBe(
      true,
    );
    await expect(
      run('editTask', 'memberA', { id: TASK_A, assigneeId: MEMBER_B }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: `Member ${MEMBER_B} not found` });
  });

  it('refuses a lower role with FORBIDDEN, naming the role needed and the one held', async () => {
    await expect(run('editTask', 'viewerA', { id: TASK_A })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'This needs the MEMBER role on the team; the token has VIEWER',
    });
    await expect(run('manageTeam', 'memberA', { teamId: TEAM_A })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(run('manageTeam', 'adminA', { teamId: TEAM_A })).resolves.toBe(true);
  });

  it('keeps instance-admin operations to the instance admin', async () => {
    await expect(run('createTeam', 'adminA')).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only the instance admin may do this',
    });
    await expect(run('createTeam', 'root')).resolves.toBe(true);
  });

  it('lets a team-role operation that names no team through for the instance admin only', async () => {
    await expect(run('manageTeam', 'adminA')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(run('manageTeam', 'root')).resolves.toBe(true);
    await expect(run('viewer', 'viewerA')).resolves.toBe(true);
  });

  it('treats objects of no team (instance-wide tokens) as missing for team admins', async () => {
    await expect(run('revokeToken', 'adminA', { id: SHARED_TOKEN })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `API token ${SHARED_TOKEN} not found`,
    });
    await expect(run('revokeToken', 'root', { id: SHARED_TOKEN })).resolves.toBe(true);
  });

  it('never looks up a reference that cannot be an id, and leaves it to argument validation', async () => {
    const lookups: string[] = [];
    const spying = new AuthGuard(
      new Reflector(),
      new RequestAuthenticator(
        {
          authenticate: (token: string) => Promise.resolve(CALLERS[token] ?? null),
        } as unknown as AuthenticatedTokens,
        loadConfig({}),
      ),
      {
        teamOf: (kind: RefKind, id: string) => {
          lookups.push(id);
          return Promise.resolve(OWNERS[`${kind}:${id}`]);
        },
      } as unknown as TeamOfRepository,
    );
    const { context } = request('readTask', 'viewerA', { id: "1' OR '1'='1" });
    await expect(spying.canActivate(context)).resolves.toBe(true);
    expect(lookups).toEqual([]);
  });

  it('authenticates once per request, however many operations it holds', async () => {
    const { context } = request('viewer', 'viewerA');
    await guard.canActivate(context);
    await guard.canActivate(context);
    expect(authentications).toBe(1);
  });

  it('refuses an address that keeps presenting unknown tokens, without looking them up', async () => {
    for (let i = 0; i < 3; i++) {
      await expect(
        guard.canActivate(request('viewer', `nobody-${i}`).context),
      ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    expect(authentications).toBe(3);
    // At the limit: refused before any lookup, for the rest of the window.
    for (const token of ['nobody-4', 'viewerA']) {
      await expect(guard.canActivate(request('viewer', token).context)).rejects.toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        status: 429,
      });
    }
    expect(authentications).toBe(3);
  });
});
