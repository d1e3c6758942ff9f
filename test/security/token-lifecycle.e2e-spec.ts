/**
 * API tokens from creation to revocation: the secret is shown once and stored only as a hash,
 * use is recorded, expired, revoked and rotated-away secrets stop working, no secret reaches a
 * log line or an error message, team admins cannot issue more than they hold, the instance
 * admin token comes from ADMIN_TOKEN (or is printed once on a first start), and administrative
 * changes leave an audit trail only the team's admins can read.
 */
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { ApiTokensRepository } from '../../src/auth/api-tokens.repository';
import { AppLogger, createPino } from '../../src/common/logging/app-logger';
import { loadConfig } from '../../src/config/load-config';
import { bearer, CREATE_TOKEN, issueToken } from '../helpers/api-tokens';
import { codeOf } from '../helpers/graphql-errors';
import { teamWorld, type TeamWorld } from '../helpers/team-world';
import { eventually } from '../helpers/eventually';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { createTestDatabase } from '../helpers/test-database';

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
const VIEWER = `{ viewer { tokenId name instanceAdmin grants { teamId role } } }`;
const TOKENS = `query ($teamId: ID, $all: Boolean!) {
  apiTokens(teamId: $teamId, includeRevoked: $all) { id name prefix lastUsedAt expiresAt revokedAt grants { teamId role } }
}`;
const AUDIT = `query ($teamId: ID) {
  auditEvents(teamId: $teamId) { totalCount edges { node { at actorName teamId action targetType targetId details } } }
}`;

describe('API token lifecycle', () => {
  let t: TestApp;
  let world: TeamWorld;
  /** Every secret this file sees: none may ever appear in a log line. */
  const secrets: string[] = [];

  beforeAll(async () => {
    // No background outbox pass or SLA scan runs between the statement counts.
    t = await startTestApp({
      env: { NOTIFY_DISPATCH_INTERVAL_MS: '600000', SLA_SCAN_INTERVAL_MS: '600000' },
    });
    world = await teamWorld(t, 'L');
    secrets.push(t.adminToken, world.admin.token, world.apiToken.token, world.integration.token);
  });

  afterAll(async () => {
    await t.close();
  });

  const as = (token: string): Record<string, string> => bearer(token);
  const authenticated = async (token: string): Promise<boolean> => {
    const res = await t.gql(VIEWER, {}, as(token));
    if (res.errors?.length) expect(codeOf(res)).toBe('UNAUTHENTICATED');
    return !res.errors?.length;
  };

  it('shows a new secret once and stores only its SHA-256 hash', async () => {
    const res = await t.gql(
      CREATE_TOKEN,
      { input: { name: 'ci bot', teamId: world.team.id, role: 'MEMBER' } },
      as(world.admin.token),
    );
    const created = res.data?.createApiToken;
    const secret = created.token as string;
    secrets.push(secret);
    // 256 random bits, base64url, with a recognisable prefix.
    expect(secret).toMatch(/^lb_[A-Za-z0-9_-]{43}$/);
    expect(created.apiToken).toMatchObject({
      name: 'ci bot',
      prefix: secret.slice(0, 7),
      instanceAdmin: false,
      grants: [{ teamId: world.team.id, role: 'MEMBER' }],
      lastUsedAt: null,
      revokedAt: null,
    });

    const row = await t.prisma.apiToken.findUniqueOrThrow({ where: { id: created.apiToken.id } });
    expect(row.tokenHash).toBe(sha256(secret));
    expect(JSON.stringify(row)).not.toContain(secret.slice(7));

    // Listing it again shows the prefix, never the secret.
    const listed = await t.gql(
      TOKENS,
      { teamId: world.team.id, all: false },
      as(world.admin.token),
    );
    expect(JSON.stringify(listed.data)).not.toContain(secret.slice(7));
    expect(listed.data?.apiTokens.map((x: { id: string }) => x.id)).toContain(created.apiToken.id);
    // Two tokens never share a secret.
    const other = await issueToken(t, { teamId: world.team.id, role: 'MEMBER' });
    secrets.push(other.token);
    expect(other.token).not.toBe(secret);
  });

  it('reads a token with its grants in one statement, as the ORM reads them', async () => {
    const token = await issueToken(t, { teamId: world.team.id, role: 'VIEWER' });
    secrets.push(token.token);
    // A second team's grant, so the token has several.
    const other = await teamWorld(t, 'G');
    await t.prisma.tokenGrant.create({
      data: { tokenId: token.id, teamId: other.team.id, role: 'ADMIN' },
    });
    const repository = t.app.get(ApiTokensRepository);
    const orm = await t.prisma.apiToken.findUniqueOrThrow({
      where: { tokenHash: sha256(token.token) },
      include: { grants: { orderBy: { teamId: 'asc' } } },
    });
    expect(orm.grants).toHaveLength(2);
    const before = t.prisma.connection.stats.statements;
    expect(await repository.findByHash(sha256(token.token))).toEqual(orm);
    expect(t.prisma.connection.stats.statements - before).toBe(1);
    expect(await repository.findByHash(sha256('lb_unknown'))).toBeNull();
  });

  it('records when a token was last used', async () => {
    const token = await issueToken(t, { teamId: world.team.id, role: 'VIEWER', name: 'reader' });
    secrets.push(token.token);
    expect(
      (await t.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt,
    ).toBeNull();
    const before = Date.now();
    const viewer = await t.gql(VIEWER, {}, as(token.token));
    expect(viewer.data?.viewer).toEqual({
      tokenId: token.id,
      name: 'reader',
      instanceAdmin: false,
      grants: [{ teamId: world.team.id, role: 'VIEWER' }],
    });
    const row = await t.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.lastUsedAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const listed = await t.gql(
      TOKENS,
      { teamId: world.team.id, all: false },
      as(world.admin.token),
    );
    const shown = listed.data?.apiTokens.find((x: { id: string }) => x.id === token.id);
    expect(shown.lastUsedAt).toBe(row.lastUsedAt?.toISOString());
  });

  it('stops accepting a token once it expires, and refuses an expiry in the past', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const res = await t.gql(
      CREATE_TOKEN,
      { input: { name: 'temporary', teamId: world.team.id, role: 'VIEWER', expiresAt } },
      as(world.admin.token),
    );
    const { token, apiToken } = res.data!.createApiToken;
    secrets.push(token);
    expect(apiToken.expiresAt).toBe(expiresAt);
    expect(await authenticated(token)).toBe(true);
    // Time passes: the expiry is now behind us. The change is made in the database, as another
    // replica would make it: this process hears of it by the database's notice, which arrives
    // after the commit, so the refusal is awaited, not assumed at once.
    await t.prisma.apiToken.update({
      where: { id: apiToken.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await eventually(async () => !(await authenticated(token)), {
      message: 'the expired token refused',
    });
    expect(await authenticated(token)).toBe(false);

    const past = await t.gql(
      CREATE_TOKEN,
      {
        input: {
          name: 'stale',
          teamId: world.team.id,
          role: 'VIEWER',
          expiresAt: '2020-01-01T00:00:00Z',
        },
      },
      as(world.admin.token),
    );
    expect(codeOf(past)).toBe('BAD_USER_INPUT');
    expect(past.errors?.[0]?.extensions.fields).toEqual([
      { field: 'input.expiresAt', message: 'must be in the future' },
    ]);
  });

  it('stops accepting a revoked token at once', async () => {
    const token = await issueToken(t, { teamId: world.team.id, role: 'MEMBER', name: 'leaked' });
    secrets.push(token.token);
    expect(await authenticated(token.token)).toBe(true);
    const revoked = await t.gql(
      `mutation ($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }`,
      { id: token.id },
      as(world.admin.token),
    );
    expect(revoked.data?.revokeApiToken.revokedAt).not.toBeNull();
    expect(await authenticated(token.token)).toBe(false);
    const row = await t.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.revokedAt).not.toBeNull();

    // Hidden from the list unless asked for.
    const ids = async (all: boolean): Promise<string[]> =>
      (
        await t.gql(TOKENS, { teamId: world.team.id, all }, as(world.admin.token))
      ).data?.apiTokens.map((x: { id: string }) => x.id);
    expect(await ids(false)).not.toContain(token.id);
    expect(await ids(true)).toContain(token.id);
    // A revoked token cannot be rotated back to life.
    const rotated = await t.gql(
      `mutation ($id: ID!) { rotateApiToken(id: $id) { token } }`,
      { id: token.id },
      as(world.admin.token),
    );
    expect(codeOf(rotated)).toBe('BAD_USER_INPUT');
  });

  it('rotates a secret: the old one stops, the new one works with the same roles', async () => {
    const token = await issueToken(t, { teamId: world.team.id, role: 'MEMBER', name: 'deployer' });
    secrets.push(token.token);
    const res = await t.gql(
      `mutation ($id: ID!) { rotateApiToken(id: $id) { token apiToken { id name prefix grants { teamId role } } } }`,
      { id: token.id },
      as(world.admin.token),
    );
    const rotated = res.data?.rotateApiToken;
    secrets.push(rotated.token);
    expect(rotated.token).not.toBe(token.token);
    expect(rotated.apiToken).toEqual({
      id: token.id,
      name: 'deployer',
      prefix: rotated.token.slice(0, 7),
      grants: [{ teamId: world.team.id, role: 'MEMBER' }],
    });
    expect(await authenticated(token.token)).toBe(false);
    expect(await authenticated(rotated.token)).toBe(true);
    const row = await t.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(sha256(rotated.token));
  });

  it('lets a team admin issue no more than it holds', async () => {
    const other = await teamWorld(t, 'O');
    secrets.push(other.admin.token, other.apiToken.token, other.integration.token);
    const admin = as(world.admin.token);
    const create = (input: Record<string, unknown>, headers = admin) =>
      t.gql(CREATE_TOKEN, { input: { name: 'attempt', ...input } }, headers);
    const tokens = await t.prisma.apiToken.count();

    expect(codeOf(await create({ instanceAdmin: true }))).toBe('FORBIDDEN');
    expect(
      codeOf(await create({ instanceAdmin: true, teamId: world.team.id, role: 'ADMIN' })),
    ).toBe('FORBIDDEN');
    expect(codeOf(await create({ teamId: other.team.id, role: 'VIEWER' }))).toBe('NOT_FOUND');
    // A token with ADMIN on one team and VIEWER on another cannot mint more on the second.
    await t.ok(
      `mutation ($token: ID!, $team: ID!) { grantTeamRole(tokenId: $token, teamId: $team, role: VIEWER) { id } }`,
      { token: world.admin.id, team: other.team.id },
    );
    const onOther = await create({ teamId: other.team.id, role: 'ADMIN' });
    expect(codeOf(onOther)).toBe('FORBIDDEN');
    expect(onOther.errors?.[0]?.message).toContain('the token has VIEWER');
    // Members manage no tokens at all.
    const member = await issueToken(t, { teamId: world.team.id, role: 'MEMBER' });
    secrets.push(member.token);
    expect(codeOf(await create({ teamId: world.team.id, role: 'VIEWER' }, as(member.token)))).toBe(
      'FORBIDDEN',
    );
    expect(await t.prisma.apiToken.count()).toBe(tokens + 1);

    // A team admin cannot touch the instance admin's token.
    const bootstrap = await t.prisma.apiToken.findUniqueOrThrow({
      where: { tokenHash: sha256(t.adminToken) },
    });
    for (const mutation of ['revokeApiToken', 'rotateApiToken']) {
      const res = await t.gql(
        `mutation ($id: ID!) { ${mutation}(id: $id) { __typename } }`,
        { id: bootstrap.id },
        admin,
      );
      expect(codeOf(res)).toBe('NOT_FOUND');
    }
    expect(await authenticated(t.adminToken)).toBe(true);
    // An equal role on its own team is fine.
    const peer = await create({ teamId: world.team.id, role: 'ADMIN' });
    expect(peer.errors).toBeUndefined();
    secrets.push(peer.data?.createApiToken.token);
  });

  it('keeps an audit trail of administrative changes, readable by the team admins only', async () => {
    const audited = await teamWorld(t, 'AU');
    secrets.push(audited.admin.token, audited.apiToken.token, audited.integration.token);
    const admin = as(audited.admin.token);
    const started = Date.now();
    await t.gql(
      `mutation ($id: ID!) { renameBoard(id: $id, name: "Ops board") { id } }`,
      { id: audited.board.id },
      admin,
    );
    const integration = await t.gql(
      `mutation ($input: CreateAlertIntegrationInput!) { createAlertIntegration(input: $input) { token integration { id } } }`,
      {
        input: {
          teamId: audited.team.id,
          kind: 'GRAFANA',
          name: 'signed',
          hmacSecret: 'super-secret-hmac-value',
        },
      },
      admin,
    );
    secrets.push(integration.data?.createAlertIntegration.token, 'super-secret-hmac-value');
    // The instance admin gives another team's token a role here: this team's trail shows it.
    await t.ok(
      `mutation ($token: ID!, $team: ID!) { grantTeamRole(tokenId: $token, teamId: $team, role: VIEWER) { id } }`,
      { token: world.apiToken.id, team: audited.team.id },
    );
    // Not administrative, or not done: no event.
    const member = await issueToken(t, { teamId: audited.team.id, role: 'MEMBER', name: 'dev' });
    secrets.push(member.token);
    await t.gql(
      `mutation ($id: ID!) { updateTask(id: $id, input: { title: "x" }) { id } }`,
      { id: audited.task.id },
      as(member.token),
    );
    await t.gql(
      `mutation ($id: ID!) { renameBoard(id: $id, name: "Nope") { id } }`,
      { id: audited.board.id },
      as(member.token),
    );

    const trail = await t.gql(AUDIT, { teamId: audited.team.id }, admin);
    const events = trail.data?.auditEvents.edges.map((e: { node: Record<string, any> }) => e.node);
    // The world was built by the instance admin; this test's changes are the team admin's.
    expect(events.some((e: { actorName: string }) => e.actorName === 'bootstrap-admin')).toBe(true);
    const byAction = (action: string) =>
      events.filter(
        (e: { action: string; actorName: string }) =>
          e.action === action && e.actorName === 'AU admin',
      );
    const rename = byAction('renameBoard');
    expect(rename).toHaveLength(1);
    expect(rename[0]).toMatchObject({
      actorName: 'AU admin',
      teamId: audited.team.id,
      targetType: 'Board',
      targetId: audited.board.id,
      details: { id: audited.board.id, name: 'Ops board' },
    });
    expect(new Date(rename[0].at).getTime()).toBeGreaterThanOrEqual(started - 1000);
    const created = byAction('createAlertIntegration');
    expect(created).toHaveLength(1);
    expect(created[0].targetId).toBe(integration.data?.createAlertIntegration.integration.id);
    expect(created[0].details.input.hmacSecret).toBe('[redacted]');
    expect(byAction('updateTask')).toEqual([]);
    const granted = events.filter((e: { action: string }) => e.action === 'grantTeamRole');
    expect(granted).toHaveLength(1);
    expect(granted[0]).toMatchObject({
      actorName: 'bootstrap-admin',
      targetType: 'ApiToken',
      targetId: world.apiToken.id,
      details: { tokenId: world.apiToken.id, teamId: audited.team.id, role: 'VIEWER' },
    });
    expect(events.every((e: { teamId: string }) => e.teamId === audited.team.id)).toBe(true);

    // Members and other teams' admins cannot read it; the instance admin reads every team's.
    expect(codeOf(await t.gql(AUDIT, { teamId: audited.team.id }, as(member.token)))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await t.gql(AUDIT, { teamId: audited.team.id }, as(world.admin.token)))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await t.gql(AUDIT, {}, as(audited.admin.token)))).toBe('FORBIDDEN');
    const all = await t.gql(AUDIT, {});
    expect(all.data?.auditEvents.totalCount).toBeGreaterThan(events.length);

    // Issuing tokens is audited too, without the secret.
    const rows = await t.prisma.auditEvent.findMany({ where: { action: 'createApiToken' } });
    expect(rows.length).toBeGreaterThan(0);
    const stored = JSON.stringify(await t.prisma.auditEvent.findMany());
    for (const secret of secrets) expect(stored).not.toContain(secret);
  });

  it('never writes a token into a log line or an error message', async () => {
    // Failures are where secrets leak: a wrong token, a token in the wrong place.
    const wrong = `${world.admin.token.slice(0, -2)}xx`;
    const failed = await t.gql(VIEWER, {}, as(wrong));
    expect(JSON.stringify(failed.errors)).not.toContain(wrong.slice(3, 20));
    // A secret sent where it does not belong is the client's own echo, but never logged.
    await t.gql(`{ team(key: "${world.admin.token}") { id } }`, {});
    const broken = await t.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .set(as(world.admin.token))
      .send(`{"query": "${world.admin.token}`);
    expect(broken.status).toBe(400);
    expect(broken.text).not.toContain(world.admin.token);

    const lines = t.logs.map((line) => JSON.stringify(line));
    expect(lines.length).toBeGreaterThan(50);
    for (const secret of [...secrets, wrong])
      expect(lines.filter((line) => line.includes(secret.slice(3)))).toEqual([]);
  });
});

describe('the instance admin token at start', () => {
  it('takes ADMIN_TOKEN, and a changed ADMIN_TOKEN replaces the previous one', async () => {
    const database = await createTestDatabase();
    const first = 'lb_bootstrap_first_0123456789abcdefghijklmnopqrstuvwxyz';
    const second = 'lb_bootstrap_second_0123456789abcdefghijklmnopqrstuvwxyz';
    try {
      const one = await startTestApp({ database, env: { ADMIN_TOKEN: first } });
      const viewer = await one.gql(VIEWER, {}, bearer(first));
      expect(viewer.data?.viewer).toMatchObject({ name: 'bootstrap-admin', instanceAdmin: true });
      const row = await one.prisma.apiToken.findUniqueOrThrow({
        where: { tokenHash: sha256(first) },
      });
      expect(row).toMatchObject({ instanceAdmin: true, createdBy: 'ADMIN_TOKEN', revokedAt: null });
      expect(JSON.stringify(one.logs)).not.toContain(first);
      await one.close();

      const two = await startTestApp({ database, env: { ADMIN_TOKEN: second } });
      expect(codeOf(await two.gql(VIEWER, {}, bearer(first)))).toBe('UNAUTHENTICATED');
      expect((await two.gql(VIEWER, {}, bearer(second))).data?.viewer.instanceAdmin).toBe(true);
      expect(
        await two.prisma.apiToken.count({ where: { instanceAdmin: true, revokedAt: null } }),
      ).toBe(1);
      await two.close();
    } finally {
      await database.drop();
    }
  });

  it('without ADMIN_TOKEN, prints a first admin token once and never again', async () => {
    const database = await createTestDatabase();
    const printed: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      printed.push(String(chunk));
      return true;
    });
    const start = async () => {
      const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', ...database.env });
      const logs: string[] = [];
      const destination = new PassThrough();
      destination.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
      const logger = new AppLogger(createPino({ level: 'info', pretty: false, destination }));
      const app = await createApp(config, logger);
      await app.init();
      return { app, logs };
    };
    try {
      const first = await start();
      // Printed once, to the console only.
      const tokens = printed.join('').match(/lb_[A-Za-z0-9_-]{43}/g) ?? [];
      expect(tokens).toHaveLength(1);
      const token = tokens[0]!;
      expect(first.logs.join('')).not.toContain(token);
      const res = await request(first.app.getHttpServer())
        .post('/graphql')
        .set('content-type', 'application/json')
        .set(bearer(token))
        .send({ query: VIEWER });
      expect(res.body.data.viewer).toMatchObject({ name: 'first-admin', instanceAdmin: true });
      await first.app.close();

      printed.length = 0;
      const second = await start();
      expect(printed.join('')).not.toMatch(/lb_[A-Za-z0-9_-]{43}/);
      await second.app.close();
    } finally {
      write.mockRestore();
      await database.drop();
    }
  });
});
