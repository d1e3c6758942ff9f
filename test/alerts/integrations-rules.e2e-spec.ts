/**
 * Alert integrations through GraphQL (create, read, update, delete, validation) and their rules
 * (ignore by matchers, minimum severity, priority overrides, routes) applied to real deliveries.
 */
import { createIntegration, alertTeam, counts, deliver } from '../helpers/alert-factories';
import { amAlert, amGroup, genericAlert } from '../helpers/alert-payloads';
import { card, dbCardOfKey } from '../helpers/alert-readers';
import { createTeam } from '../helpers/factories';
import { expectBadInput, expectCode } from '../helpers/graphql-errors';
import { startTestApp, TestApp } from '../helpers/test-app';

const CREATE = `mutation ($input: CreateAlertIntegrationInput!) {
  createAlertIntegration(input: $input) {
    token webhookUrl
    integration { id kind name dedupBy reopenWindowMinutes hasHmacSecret hmacTimestampHeader webhookUrl
      team { id } board { id } column { id } resolveColumn { id }
      rules { minSeverity ignore { matchers { label op value } } priorityOverrides { priority matchers { label op value } } routes { columnId matchers { label op value } } } }
  }
}`;
const UPDATE = `mutation ($id: ID!, $input: UpdateAlertIntegrationInput!) {
  updateAlertIntegration(id: $id, input: $input) { id name dedupBy reopenWindowMinutes hasHmacSecret column { id } rules { minSeverity } }
}`;

const m = (label: string, op: string, value: string): Record<string, string> => ({
  label,
  op,
  value,
});

describe('alert integrations and their rules', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_URL: 'https://loopboard.example.com/' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('creates, lists, reads, updates and deletes integrations; the token is shown only once', async () => {
    const { team, board } = await alertTeam(t, { sprint: false });
    const created = await t.ok(CREATE, {
      input: {
        teamId: team.id,
        kind: 'GRAFANA',
        name: '  Grafana prod  ',
        boardId: board.id,
        columnId: board.column.TODO!.id,
        resolveColumnId: board.column.DONE!.id,
        dedupBy: 'GROUP',
        reopenWindowMinutes: 60,
        hmacSecret: 'a-very-long-shared-secret',
        hmacTimestampHeader: 'X-Grafana-Timestamp',
        rules: { minSeverity: 'WARNING' },
      },
    });
    const payload = created.createAlertIntegration;
    const id = payload.integration.id as string;
    expect(payload.token).toMatch(/^lbw_[A-Za-z0-9_-]{43}$/);
    expect(payload.webhookUrl).toBe(`https://loopboard.example.com/webhooks/${id}`);
    expect(payload.integration).toEqual({
      id,
      kind: 'GRAFANA',
      name: 'Grafana prod',
      dedupBy: 'GROUP',
      reopenWindowMinutes: 60,
      hasHmacSecret: true,
      hmacTimestampHeader: 'X-Grafana-Timestamp',
      webhookUrl: payload.webhookUrl,
      team: { id: team.id },
      board: { id: board.id },
      column: { id: board.column.TODO!.id },
      resolveColumn: { id: board.column.DONE!.id },
      rules: { minSeverity: 'WARNING', ignore: [], priorityOverrides: [], routes: [] },
    });
    // Stored as a hash: the token is nowhere in the row.
    const row = await t.prisma.alertIntegration.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(row)).not.toContain(payload.token);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const defaults = await createIntegration(t, team.id, { kind: 'GENERIC', name: 'Cron' });
    const listed = await t.ok(
      `query ($teamId: ID!) { alertIntegrations(teamId: $teamId) { id name kind dedupBy reopenWindowMinutes hasHmacSecret } }`,
      {
        teamId: team.id,
      },
    );
    expect(listed.alertIntegrations).toEqual([
      {
        id,
        name: 'Grafana prod',
        kind: 'GRAFANA',
        dedupBy: 'GROUP',
        reopenWindowMinutes: 60,
        hasHmacSecret: true,
      },
      {
        id: defaults.id,
        name: 'Cron',
        kind: 'GENERIC',
        dedupBy: 'ALERT',
        reopenWindowMinutes: 1440,
        hasHmacSecret: false,
      },
    ]);
    // No field of the schema gives the token or the secret back.
    const schema = await t.ok(`{ __type(name: "AlertIntegration") { fields { name } } }`);
    const fields = schema.__type.fields.map((f: { name: string }) => f.name);
    for (const secret of ['token', 'tokenHash', 'hmacSecret', 'previousTokenHash'])
      expect(fields).not.toContain(secret);

    const updated = await t.ok(UPDATE, {
      id,
      input: {
        name: 'Grafana',
        dedupBy: 'ALERT',
        reopenWindowMinutes: 0,
        columnId: null,
        hmacSecret: null,
        rules: {},
      },
    });
    expect(updated.updateAlertIntegration).toEqual({
      id,
      name: 'Grafana',
      dedupBy: 'ALERT',
      reopenWindowMinutes: 0,
      hasHmacSecret: false,
      column: null,
      rules: { minSeverity: null },
    });
    const read = await t.ok(
      `query ($id: ID!) { alertIntegration(id: $id) { name resolveColumn { id } } }`,
      { id },
    );
    expect(read.alertIntegration).toEqual({
      name: 'Grafana',
      resolveColumn: { id: board.column.DONE!.id },
    });

    await deliver(
      t,
      { id, token: payload.token, webhookUrl: '' },
      {
        ...amGroup([amAlert({ fingerprint: 'del' })]),
        version: '1',
      },
    );
    const deleted = await t.ok(`mutation ($id: ID!) { deleteAlertIntegration(id: $id) }`, { id });
    expect(deleted.deleteAlertIntegration).toBe(id);
    expect(await t.prisma.alertIntegration.count({ where: { id } })).toBe(0);
    expect(await t.prisma.alert.count({ where: { integrationId: id } })).toBe(0);
    expect(await t.prisma.webhookDelivery.count({ where: { integrationId: id } })).toBe(0);
    // Cards stay.
    expect(await t.prisma.task.count({ where: { teamId: team.id, source: 'ALERT' } })).toBe(1);
    expectCode(
      await t.gql(`query ($id: ID!) { alertIntegration(id: $id) { id } }`, { id }),
      'NOT_FOUND',
    );
    expectCode(
      await t.gql(`mutation ($id: ID!) { deleteAlertIntegration(id: $id) }`, { id }),
      'NOT_FOUND',
    );
  });

  it('rejects invalid settings, naming the field', async () => {
    const { team, board } = await alertTeam(t, { sprint: false });
    const other = await alertTeam(t, { sprint: false });
    const base = { teamId: team.id, kind: 'ALERTMANAGER', name: 'AM' };
    const bad: [Record<string, unknown>, string][] = [
      [{ name: '   ' }, 'input.name'],
      [{ reopenWindowMinutes: -1 }, 'input.reopenWindowMinutes'],
      [{ hmacSecret: 'a-long-enough-secret' }, 'input.hmacSecret'],
      [{ kind: 'GRAFANA', hmacSecret: 'short' }, 'input.hmacSecret'],
      [{ kind: 'PAGERDUTY', hmacTimestampHeader: 'X-Time' }, 'input.hmacTimestampHeader'],
      [{ kind: 'GRAFANA', hmacTimestampHeader: 'Bad Header' }, 'input.hmacTimestampHeader'],
      [{ boardId: other.board.id }, 'input.boardId'],
      [{ columnId: other.board.column.TRIAGE!.id }, 'input.columnId'],
      [{ resolveColumnId: other.board.column.DONE!.id }, 'input.resolveColumnId'],
      [
        { rules: { ignore: [{ matchers: [m('env', 'LIKE', 'x')] }] } },
        'input.rules.ignore[0].matchers[0].op',
      ],
      [
        { rules: { ignore: [{ matchers: [m('env', 'REGEX', '(unclosed')] }] } },
        'input.rules.ignore[0].matchers[0].value',
      ],
      [
        {
          rules: {
            priorityOverrides: [{ matchers: [m('env', 'NOT_REGEX', '*bad')], priority: 'HIGH' }],
          },
        },
        'input.rules.priorityOverrides[0].matchers[0].value',
      ],
      [
        {
          rules: {
            routes: [{ matchers: [m('env', 'REGEX', 'a[')], columnId: board.column.TODO!.id }],
          },
        },
        'input.rules.routes[0].matchers[0].value',
      ],
      // Would compile once wrapped (`^(?:prod)|(.*)$`) and match everything, unanchored.
      [
        { rules: { ignore: [{ matchers: [m('env', 'REGEX', 'prod)|(.*')] }] } },
        'input.rules.ignore[0].matchers[0].value',
      ],
      [
        { rules: { routes: [{ matchers: [], columnId: other.board.column.TODO!.id }] } },
        'input.rules.routes[0].columnId',
      ],
    ];
    const answers: [string, unknown][] = [];
    for (const [input, field] of bad) {
      const res = await t.gql(CREATE, { input: { ...base, ...input } });
      answers.push([field, res.errors?.map((e) => [e.extensions.code, e.extensions.fields])]);
    }
    expect(answers).toEqual(
      bad.map(([, field]) => [
        field,
        [['BAD_USER_INPUT', expect.arrayContaining([expect.objectContaining({ field })])]],
      ]),
    );
    for (const [input, field] of bad.filter(([, f]) => f.endsWith('.value'))) {
      const error = expectBadInput(await t.gql(CREATE, { input: { ...base, ...input } }), field);
      expect(error.message).toMatch(/not a valid regular expression/);
    }
    expect(await t.prisma.alertIntegration.count({ where: { teamId: team.id } })).toBe(0);
    const unknownTeam = await t.gql(CREATE, {
      input: { ...base, teamId: '00000000-0000-4000-8000-000000000000' },
    });
    expectCode(unknownTeam, 'NOT_FOUND');
    const integration = await createIntegration(t, team.id);
    expectBadInput(
      await t.gql(UPDATE, {
        id: integration.id,
        input: { rules: { ignore: [{ matchers: [m('a', 'REGEX', '(')] }] } },
      }),
      'input.rules.ignore[0].matchers[0].value',
    );
    expectBadInput(
      await t.gql(
        `mutation ($id: ID!) { rotateIntegrationToken(id: $id, graceMinutes: -5) { token } }`,
        { id: integration.id },
      ),
      'graceMinutes',
    );
  });

  it('ignores alerts by EQ, NEQ, REGEX and NOT_REGEX matchers and by minimum severity', async () => {
    const { team } = await alertTeam(t);
    const integration = await createIntegration(t, team.id, {
      rules: {
        minSeverity: 'WARNING',
        ignore: [
          { matchers: [m('env', 'EQ', 'dev')] },
          { matchers: [m('team', 'NEQ', 'payments'), m('env', 'EQ', 'staging')] },
          // Anchored: "test-.*" must match the whole value.
          { matchers: [m('instance', 'REGEX', 'test-.*')] },
          { matchers: [m('alertname', 'EQ', 'Watchdog')] },
          { matchers: [m('service', 'NOT_REGEX', 'api|web'), m('env', 'EQ', 'qa')] },
        ],
      },
    });
    const alert = (fingerprint: string, labels: Record<string, string>): Record<string, unknown> =>
      amAlert({
        fingerprint,
        labels: { env: 'prod', team: 'payments', severity: 'warning', ...labels },
      });
    const answer = await deliver(
      t,
      integration,
      amGroup([
        alert('kept-prod', {}),
        alert('ign-dev', { env: 'dev' }),
        alert('ign-staging-other-team', { env: 'staging', team: 'search' }),
        alert('kept-staging-payments', { env: 'staging' }),
        alert('ign-test-instance', { instance: 'test-42' }),
        alert('kept-prod-instance', { instance: 'prod-test-42' }),
        alert('ign-watchdog', { alertname: 'Watchdog' }),
        alert('ign-qa-worker', { env: 'qa', service: 'worker' }),
        alert('kept-qa-api', { env: 'qa', service: 'api' }),
        alert('ign-info', { severity: 'info' }),
        alert('kept-critical', { severity: 'critical' }),
      ]),
    );
    expect(answer).toMatchObject(counts({ received: 11, created: 5, ignored: 6 }));
    const keys = (await t.prisma.alert.findMany({ where: { integrationId: integration.id } }))
      .map((a) => a.dedupKey)
      .sort();
    expect(keys).toEqual([
      'kept-critical',
      'kept-prod',
      'kept-prod-instance',
      'kept-qa-api',
      'kept-staging-payments',
    ]);
    expect(await t.prisma.task.count({ where: { teamId: team.id } })).toBe(5);
    const delivery = await t.prisma.webhookDelivery.findUniqueOrThrow({
      where: { id: answer.deliveryId },
    });
    expect(delivery.summary).toMatchObject({ received: 11, created: 5, ignored: 6 });
  });

  it('overrides priorities and routes cards to columns by matchers, first match wins', async () => {
    const { team, board } = await alertTeam(t);
    const integration = await createIntegration(t, team.id, {
      kind: 'GENERIC',
      rules: {
        priorityOverrides: [
          { matchers: [m('environment', 'EQ', 'staging')], priority: 'LOW' },
          { matchers: [m('service', 'REGEX', 'pay.*')], priority: 'URGENT' },
          { matchers: [m('service', 'REGEX', 'pay.*')], priority: 'NONE' },
        ],
        routes: [
          { matchers: [m('team', 'EQ', 'db')], columnId: board.column.TODO!.id },
          { matchers: [m('severity', 'EQ', 'critical')], columnId: board.column.IN_PROGRESS!.id },
        ],
      },
    });
    const post = async (
      fingerprint: string,
      input: Record<string, unknown>,
    ): Promise<{ priority: string; column: string; type: string }> => {
      await deliver(t, integration, genericAlert({ fingerprint, ...input }));
      const c = await card(t, await dbCardOfKey(t, integration.id, fingerprint));
      return { priority: c.priority, column: c.column!.category, type: c.type };
    };
    // Labels only: environment and service come from the generic fields, so they are matched as labels.
    expect(await post('plain', { severity: 'high' })).toEqual({
      priority: 'HIGH',
      column: 'TRIAGE',
      type: 'PRODUCTION_CHANGE',
    });
    expect(
      await post('staging', { severity: 'critical', labels: { environment: 'staging' } }),
    ).toEqual({
      priority: 'LOW',
      column: 'IN_PROGRESS',
      type: 'INCIDENT',
    });
    expect(
      await post('payments', { severity: 'info', labels: { service: 'payments', team: 'db' } }),
    ).toEqual({
      priority: 'URGENT',
      column: 'TODO',
      type: 'PRODUCTION_CHANGE',
    });
    // A route to a column that was deleted since falls back to the entry column.
    await t.ok(
      `mutation ($id: ID!, $to: ID) { removeColumn(id: $id, moveTasksToColumnId: $to) { id } }`,
      {
        id: board.column.TODO!.id,
        to: board.column.REVIEW!.id,
      },
    );
    expect(await post('rerouted', { severity: 'low', labels: { team: 'db' } })).toEqual({
      priority: 'LOW',
      column: 'TRIAGE',
      type: 'PRODUCTION_CHANGE',
    });
  });

  it('keeps integrations of different teams apart', async () => {
    const a = await alertTeam(t, { sprint: false });
    const b = await createTeam(t);
    const ia = await createIntegration(t, a.team.id);
    const ib = await createIntegration(t, b.id);
    const body = amGroup([amAlert({ fingerprint: 'shared-fp' })]);
    await deliver(t, ia, body);
    await deliver(t, ib, body);
    const ca = await card(t, await dbCardOfKey(t, ia.id, 'shared-fp'));
    const cb = await card(t, await dbCardOfKey(t, ib.id, 'shared-fp'));
    expect(ca.key.startsWith(`${a.team.key}-`)).toBe(true);
    expect(cb.key.startsWith(`${b.key}-`)).toBe(true);
    expect(cb.column).toBeNull();
  });
});
