/**
 * Notification channels as an admin sets them up: checked input, the signing secret shown once,
 * and the server-side request forgery guard (OWASP API7) with NOTIFY_ALLOW_PRIVATE_TARGETS off,
 * as it is by default.
 */
import { createTeam } from '../helpers/factories';
import { expectBadInput, expectCode } from '../helpers/graphql-errors';
import { snapshotTeam } from '../helpers/team-snapshot';
import { startTestApp, TestApp } from '../helpers/test-app';

const CREATE = `mutation ($input: CreateNotificationChannelInput!) {
  createNotificationChannel(input: $input) {
    channel { id kind name target enabled signed events { type minPriority } } signingSecret } }`;

describe('notification channels', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const input = (teamId: string, extra: Record<string, unknown> = {}) => ({
    teamId,
    kind: 'WEBHOOK',
    name: 'Ops receiver',
    url: 'https://93.184.215.14/hooks/loopboard',
    events: [{ type: 'SLA_BREACHED' }, { type: 'ALERT_CARD_CREATED', minPriority: 'HIGH' }],
    ...extra,
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', /private address \(169\.254\.169\.254\)/],
    ['http://127.0.0.1:9000/hook', /private address \(127\.0\.0\.1\)/],
    ['http://[::1]/hook', /private address \(::1\)/],
    ['http://10.0.0.7/hook', /private address/],
    ['http://localhost:9000/hook', /localhost is 127\.0\.0\.1|localhost is ::1/],
    ['ftp://example.com/hook', /must be an http\(s\) URL, not ftp/],
    ['https://user:pw@example.com/hook', /must not carry credentials/],
    ['not a url', /absolute http\(s\) URL/],
  ])('refuses %s without NOTIFY_ALLOW_PRIVATE_TARGETS, naming input.url', async (url, message) => {
    const team = await createTeam(t);
    const before = await snapshotTeam(t, team.id);
    const error = expectBadInput(
      await t.gql(CREATE, { input: input(team.id, { url }) }),
      'input.url',
    );
    expect(error.message).toMatch(message);
    expect(await snapshotTeam(t, team.id)).toEqual(before);
  });

  it('creates a WEBHOOK channel with a secret shown once, and never shows the URL path', async () => {
    const team = await createTeam(t);
    const created = await t.ok(CREATE, { input: input(team.id) });
    expect(created.createNotificationChannel).toEqual({
      channel: {
        id: expect.any(String),
        kind: 'WEBHOOK',
        name: 'Ops receiver',
        target: 'https://93.184.215.14/…',
        enabled: true,
        signed: true,
        events: [
          { type: 'SLA_BREACHED', minPriority: null },
          { type: 'ALERT_CARD_CREATED', minPriority: 'HIGH' },
        ],
      },
      signingSecret: expect.stringMatching(/^whsec_/),
    });
    const listed = await t.ok(
      `query ($teamId: ID!) { notificationChannels(teamId: $teamId) { id target signed } }`,
      { teamId: team.id },
    );
    expect(JSON.stringify(listed)).not.toContain('whsec_');
    expect(listed.notificationChannels).toHaveLength(1);
  });

  it('refuses bad subscriptions naming the field', async () => {
    const team = await createTeam(t);
    expectBadInput(await t.gql(CREATE, { input: input(team.id, { events: [] }) }), 'input.events');
    expectBadInput(
      await t.gql(CREATE, {
        input: input(team.id, { events: [{ type: 'SPRINT_STARTED' }, { type: 'SPRINT_STARTED' }] }),
      }),
      'input.events',
    );
    expectBadInput(await t.gql(CREATE, { input: input(team.id, { name: '  ' }) }), 'input.name');
  });

  it('updates, disables and deletes a channel; an unknown one is NOT_FOUND', async () => {
    const team = await createTeam(t);
    const created = await t.ok(CREATE, { input: { ...input(team.id), kind: 'SLACK' } });
    const id = created.createNotificationChannel.channel.id as string;
    expect(created.createNotificationChannel.signingSecret).toBeNull();
    const updated = await t.ok(
      `mutation ($id: ID!, $input: UpdateNotificationChannelInput!) {
        updateNotificationChannel(id: $id, input: $input) { name enabled events { type } } }`,
      { id, input: { name: 'Chat', enabled: false, events: [{ type: 'RESERVE_EXHAUSTED' }] } },
    );
    expect(updated.updateNotificationChannel).toEqual({
      name: 'Chat',
      enabled: false,
      events: [{ type: 'RESERVE_EXHAUSTED' }],
    });
    expectBadInput(
      await t.gql(
        `mutation ($id: ID!) { updateNotificationChannel(id: $id, input: {url: "http://127.0.0.1/x"}) { id } }`,
        { id },
      ),
      'input.url',
    );
    await t.ok(`mutation ($id: ID!) { deleteNotificationChannel(id: $id) }`, { id });
    expectCode(
      await t.gql(`mutation ($id: ID!) { deleteNotificationChannel(id: $id) }`, { id }),
      'NOT_FOUND',
    );
  });
});
