/**
 * An ALERTMANAGER integration's Alertmanager target through GraphQL: set on create and update,
 * read back as its URL and the kind of authentication only, removed with null; refused naming
 * the field for another kind, a non-http(s) URL and both kinds of authentication at once.
 */
import { createIntegration } from '../helpers/alert-factories';
import { createTeam } from '../helpers/factories';
import { expectBadInput } from '../helpers/graphql-errors';
import { startTestApp, type TestApp } from '../helpers/test-app';

const UPDATE = `mutation ($id: ID!, $input: UpdateAlertIntegrationInput!) {
  updateAlertIntegration(id: $id, input: $input) { id alertmanagerUrl alertmanagerAuth }
}`;
const READ = `query ($id: ID!) { alertIntegration(id: $id) { alertmanagerUrl alertmanagerAuth } }`;

describe("an integration's Alertmanager target", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('is set on create and update, shown without its credentials, and removed with null', async () => {
    const team = await createTeam(t);
    const { id } = await createIntegration(t, team.id, {
      alertmanager: { url: 'https://am.example.com/', bearerToken: 'am-secret-token' },
    });
    expect((await t.ok(READ, { id })).alertIntegration).toEqual({
      alertmanagerUrl: 'https://am.example.com',
      alertmanagerAuth: 'BEARER',
    });
    const stored = await t.prisma.alertIntegration.findUniqueOrThrow({ where: { id } });
    expect(stored.alertmanagerAuthorization).toBe('Bearer am-secret-token');

    const basic = await t.ok(UPDATE, {
      id,
      input: { alertmanager: { url: 'http://am:9093', basicUser: 'lb', basicPassword: 'pw' } },
    });
    expect(basic.updateAlertIntegration).toMatchObject({
      alertmanagerUrl: 'http://am:9093',
      alertmanagerAuth: 'BASIC',
    });
    // An update that does not mention it leaves it alone.
    await t.ok(UPDATE, { id, input: { name: 'Renamed' } });
    expect((await t.ok(READ, { id })).alertIntegration.alertmanagerAuth).toBe('BASIC');

    const removed = await t.ok(UPDATE, { id, input: { alertmanager: null } });
    expect(removed.updateAlertIntegration).toMatchObject({
      alertmanagerUrl: null,
      alertmanagerAuth: 'NONE',
    });
    const cleared = await t.prisma.alertIntegration.findUniqueOrThrow({ where: { id } });
    expect(cleared.alertmanagerAuthorization).toBeNull();
  });

  it('refuses both kinds of authentication, a non-http(s) URL and other kinds, naming the field', async () => {
    const team = await createTeam(t);
    const { id } = await createIntegration(t, team.id);
    const both = await t.gql(UPDATE, {
      id,
      input: {
        alertmanager: {
          url: 'http://am:9093',
          bearerToken: 't',
          basicUser: 'u',
          basicPassword: 'p',
        },
      },
    });
    expectBadInput(both, 'input.alertmanager.bearerToken');
    expectBadInput(
      await t.gql(UPDATE, { id, input: { alertmanager: { url: 'ftp://am:9093' } } }),
      'input.alertmanager.url',
    );
    const grafana = await t.gql(
      `mutation ($input: CreateAlertIntegrationInput!) { createAlertIntegration(input: $input) { token } }`,
      {
        input: {
          teamId: team.id,
          kind: 'GRAFANA',
          name: 'Grafana',
          alertmanager: { url: 'http://am:9093' },
        },
      },
    );
    expectBadInput(grafana, 'input.alertmanager');
    expect((await t.ok(READ, { id })).alertIntegration.alertmanagerUrl).toBeNull();
  });
});
