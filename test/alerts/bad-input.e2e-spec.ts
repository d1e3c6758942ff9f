/**
 * Malformed and hostile webhook bodies: each gets a 4xx that names the problem (the `path` of the
 * first bad field for shape errors), nothing is half-written, and the process stays healthy.
 */
import {
  createIntegration,
  fixture,
  type IntegrationRef,
  alertTeam,
  counts,
  deliver,
} from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { gitlabFixture } from '../helpers/deployment-factories';
import { startTestApp, TestApp } from '../helpers/test-app';

type Kind = 'ALERTMANAGER' | 'GRAFANA' | 'KAPACITOR' | 'PAGERDUTY' | 'GENERIC' | 'GITLAB';

interface BadCase {
  name: string;
  kind?: Kind;
  body: string | Buffer;
  contentType?: string | null;
  headers?: Record<string, string>;
  status: number;
  /** For shape errors: the path the answer must name. */
  path?: string;
  message: RegExp;
}

const am = (extra: Record<string, unknown>): string =>
  JSON.stringify({ ...amGroup([amAlert()]), ...extra });
const amWith = (alert: Record<string, unknown>): string =>
  JSON.stringify(amGroup([{ ...amAlert(), ...alert }]));
const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const generic = (extra: Record<string, unknown>): string =>
  JSON.stringify({ ...fixture('generic-firing.json'), ...extra });

/** GitLab's documented Push Hook, changed: pushes are refused field by field like alerts. */
const gitlabPush = (extra: Record<string, unknown>): string =>
  JSON.stringify({ ...gitlabFixture('gitlab-push'), ...extra });
const PUSH_HOOK = { 'x-gitlab-event': 'Push Hook' };

const CASES: BadCase[] = [
  // Not JSON, or not an object.
  {
    name: 'malformed JSON',
    body: '{"version": "4", "alerts": [',
    status: 400,
    message: /not valid JSON/,
  },
  {
    name: 'trailing garbage',
    body: '{"version":"4","alerts":[]} x',
    status: 400,
    message: /not valid JSON/,
  },
  { name: 'empty body', body: '', status: 400, message: /empty/ },
  { name: 'whitespace only', body: '   \n ', status: 400, message: /JSON/ },
  // Any JSON value reaches the source's parser, which says what it is (and keeps the delivery).
  {
    name: 'null',
    body: 'null',
    status: 400,
    path: '',
    message: /must be a JSON object \(got null\)/,
  },
  {
    name: 'a number',
    body: '42',
    status: 400,
    path: '',
    message: /must be a JSON object \(got a number\)/,
  },
  {
    name: 'a string',
    body: '"firing"',
    status: 400,
    path: '',
    message: /must be a JSON object \(got a string\)/,
  },
  {
    name: 'a boolean',
    body: 'true',
    status: 400,
    path: '',
    message: /must be a JSON object \(got a boolean\)/,
  },
  {
    name: 'an empty array',
    body: '[]',
    status: 400,
    path: '',
    message: /The body must be a JSON object \(got an array\)/,
  },
  {
    name: 'an array of groups',
    body: JSON.stringify([amGroup([amAlert()])]),
    status: 400,
    path: '',
    message: /must be a JSON object \(got an array\)/,
  },
  {
    name: '100k nested arrays',
    body: nested(100_000),
    status: 400,
    path: '',
    message: /must be a JSON object/,
  },
  {
    name: '100k nested arrays in a label',
    body: amWith({ labels: JSON.parse('{"a":0}') }).replace('"a":0', `"a":${nested(100_000)}`),
    status: 400,
    path: 'alerts[0].labels',
    message: /object of strings \("a" is an array\)/,
  },
  {
    name: '10k nested objects',
    body: '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
    status: 400,
    path: 'version',
    message: /version must be "4"/,
  },
  // Wrong version or missing fields.
  {
    name: 'empty object',
    body: '{}',
    status: 400,
    path: 'version',
    message: /version must be "4" for Alertmanager webhooks \(got nothing\)/,
  },
  {
    name: 'wrong version',
    body: am({ version: '3' }),
    status: 400,
    path: 'version',
    message: /got "3"/,
  },
  {
    name: 'version as a number',
    body: am({ version: 4 }),
    status: 400,
    path: 'version',
    message: /got a number/,
  },
  {
    name: 'Grafana version on Alertmanager',
    body: JSON.stringify(fixture('grafana-firing.json')),
    status: 400,
    path: 'version',
    message: /got "1"/,
  },
  {
    name: 'alerts missing',
    body: JSON.stringify({ version: '4' }),
    status: 400,
    path: 'alerts',
    message: /alerts is required/,
  },
  {
    name: 'alerts not an array',
    body: am({ alerts: { 0: amAlert() } }),
    status: 400,
    path: 'alerts',
    message: /must be an array \(got an object\)/,
  },
  {
    name: '1001 alerts',
    body: am({ alerts: Array.from({ length: 1001 }, () => amAlert()) }),
    status: 400,
    path: 'alerts',
    message: /at most 1000 items \(got 1001\)/,
  },
  {
    name: 'alert is a string',
    body: am({ alerts: [amAlert(), 'firing'] }),
    status: 400,
    path: 'alerts[1]',
    message: /must be a JSON object \(got a string\)/,
  },
  {
    name: 'alert status unknown',
    body: amWith({ status: 'exploded' }),
    status: 400,
    path: 'alerts[0].status',
    message: /"firing" or "resolved" \(got "exploded"\)/,
  },
  {
    name: 'alert status missing',
    body: amWith({ status: undefined }),
    status: 400,
    path: 'alerts[0].status',
    message: /got nothing/,
  },
  {
    name: 'labels as an array',
    body: amWith({ labels: ['a', 'b'] }),
    status: 400,
    path: 'alerts[0].labels',
    message: /object of strings \(got an array\)/,
  },
  {
    name: 'label value a number',
    body: amWith({ labels: { alertname: 'X', port: 8080 } }),
    status: 400,
    path: 'alerts[0].labels',
    message: /"port" is a number/,
  },
  {
    name: 'startsAt not a date',
    body: amWith({ startsAt: 'yesterday' }),
    status: 400,
    path: 'alerts[0].startsAt',
    message: /RFC 3339/,
  },
  {
    name: 'startsAt on 30 February',
    body: amWith({ startsAt: '2026-02-30T00:00:00Z' }),
    status: 400,
    path: 'alerts[0].startsAt',
    message: /RFC 3339/,
  },
  {
    name: 'truncatedAlerts negative',
    body: am({ truncatedAlerts: -1 }),
    status: 400,
    path: 'truncatedAlerts',
    message: /non-negative integer/,
  },
  // Huge and hostile strings.
  {
    name: 'a 70 kB summary',
    body: amWith({ annotations: { summary: 'x'.repeat(70_000) } }),
    status: 400,
    path: 'alerts[0].annotations.summary',
    message: /longer than 65536 bytes/,
  },
  {
    name: '201 labels',
    body: amWith({
      labels: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`l${i}`, 'v'])),
    }),
    status: 400,
    path: 'alerts[0].labels',
    message: /at most 200 entries/,
  },
  {
    name: 'NUL in a summary',
    body: amWith({ annotations: { summary: 'disk\u0000full' } }),
    status: 400,
    path: 'alerts[0].annotations.summary',
    message: /NUL/,
  },
  {
    name: 'NUL in a label name',
    body: amWith({ labels: { alertname: 'X', 'a\u0000b': 'v' } }),
    status: 400,
    path: 'alerts[0].labels',
    message: /NUL/,
  },
  {
    name: 'unpaired surrogate in a label',
    body: amWith({ labels: { alertname: 'X', zone: 'eu\ud800' } }),
    status: 400,
    path: 'alerts[0].labels.zone',
    message: /unpaired surrogate/,
  },
  {
    name: 'unpaired surrogate in a fingerprint',
    body: amWith({ fingerprint: '\udc00abc' }),
    status: 400,
    path: 'alerts[0].fingerprint',
    message: /unpaired surrogate/,
  },
  {
    name: 'invalid UTF-8 bytes',
    body: Buffer.concat([
      Buffer.from('{"version":"4","alerts":[],"receiver":"'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('"}'),
    ]),
    status: 400,
    message: /not valid UTF-8/,
  },
  // Prototype pollution: __proto__ must not supply fields.
  {
    name: '__proto__ carrying the fields',
    body: '{"__proto__":{"version":"4","alerts":[]}}',
    status: 400,
    path: 'version',
    message: /got nothing/,
  },
  {
    name: 'constructor.prototype carrying the fields',
    body: '{"constructor":{"prototype":{"version":"4"}},"alerts":[]}',
    status: 400,
    path: 'version',
    message: /got nothing/,
  },
  // Media type and size.
  {
    name: 'text/plain',
    body: am({}),
    contentType: 'text/plain',
    status: 415,
    message: /Content-Type must be application\/json \(got text\/plain\)/,
  },
  {
    name: 'form encoded',
    body: 'version=4&alerts=',
    contentType: 'application/x-www-form-urlencoded',
    status: 415,
    message: /application\/json/,
  },
  {
    name: 'no content type',
    body: am({}),
    contentType: null,
    status: 415,
    message: /Content-Type must be application\/json/,
  },
  {
    name: 'XML',
    body: '<alerts/>',
    contentType: 'application/xml',
    status: 415,
    message: /application\/json/,
  },
  {
    name: 'a latin1 charset',
    body: am({}),
    contentType: 'application/json; charset=latin1',
    status: 415,
    message: /charset/,
  },
  {
    name: 'an unknown content encoding',
    body: am({}),
    headers: { 'content-encoding': 'compress' },
    status: 415,
    message: /encoding/,
  },
  {
    name: 'over 1 MiB',
    body: am({ receiver: 'x'.repeat(1024 * 1024) }),
    status: 413,
    message: /larger than the limit of 1048576 bytes/,
  },
  // The other kinds.
  {
    name: 'generic without title',
    kind: 'GENERIC',
    body: generic({ title: undefined }),
    status: 400,
    path: 'title',
    message: /title is required/,
  },
  {
    name: 'generic title a number',
    kind: 'GENERIC',
    body: generic({ title: 42 }),
    status: 400,
    path: 'title',
    message: /must be a string \(got a number\)/,
  },
  {
    name: 'generic blank title',
    kind: 'GENERIC',
    body: generic({ title: '   ' }),
    status: 400,
    path: 'title',
    message: /must not be empty/,
  },
  {
    name: 'generic hosts an object',
    kind: 'GENERIC',
    body: generic({ hosts: { a: 1 } }),
    status: 400,
    path: 'hosts',
    message: /must be an array/,
  },
  {
    name: 'generic link without url',
    kind: 'GENERIC',
    body: generic({ links: [{ title: 'x' }] }),
    status: 400,
    path: 'links[0].url',
    message: /is required/,
  },
  {
    name: 'generic start_time in local time',
    kind: 'GENERIC',
    body: generic({ start_time: '2026-11-24 02:10:00' }),
    status: 400,
    path: 'start_time',
    message: /RFC 3339/,
  },
  {
    name: 'generic labels nested',
    kind: 'GENERIC',
    body: generic({ labels: { a: { b: 'c' } } }),
    status: 400,
    path: 'labels',
    message: /"a" is an object/,
  },
  {
    name: 'kapacitor unknown level',
    kind: 'KAPACITOR',
    body: JSON.stringify({ ...fixture('kapacitor-critical.json'), level: 'PANIC' }),
    status: 400,
    path: 'level',
    message: /OK, INFO, WARNING or CRITICAL \(got "PANIC"\)/,
  },
  {
    name: 'kapacitor without id',
    kind: 'KAPACITOR',
    body: JSON.stringify({ ...fixture('kapacitor-critical.json'), id: undefined }),
    status: 400,
    path: 'id',
    message: /id is required/,
  },
  {
    name: 'kapacitor tags a string',
    kind: 'KAPACITOR',
    body: JSON.stringify({
      ...fixture('kapacitor-critical.json'),
      data: { series: [{ name: 'cpu', tags: 'host=a' }] },
    }),
    status: 400,
    path: 'data.series[0].tags',
    message: /object of strings/,
  },
  {
    name: 'pagerduty without event',
    kind: 'PAGERDUTY',
    body: JSON.stringify({ data: {} }),
    status: 400,
    path: 'event',
    message: /must be a JSON object \(got nothing\)/,
  },
  {
    name: 'pagerduty without data',
    kind: 'PAGERDUTY',
    body: JSON.stringify({
      event: { event_type: 'incident.triggered', resource_type: 'incident' },
    }),
    status: 400,
    path: 'event.data',
    message: /got nothing/,
  },
  {
    name: 'grafana with Alertmanager version',
    kind: 'GRAFANA',
    body: JSON.stringify({ ...fixture('grafana-firing.json'), version: '4' }),
    status: 400,
    path: 'version',
    message: /version must be "1" for Grafana webhooks/,
  },
  {
    name: 'grafana values a string',
    kind: 'GRAFANA',
    body: JSON.stringify({
      ...fixture('grafana-firing.json'),
      alerts: [{ ...fixture('grafana-firing.json').alerts[0], values: { A: { nested: 1 } } }],
    }),
    status: 400,
    path: 'alerts[0].values',
    message: /object of numbers/,
  },
  // Push events of a deployment integration.
  {
    name: 'gitlab push with a short after',
    kind: 'GITLAB',
    headers: PUSH_HOOK,
    body: gitlabPush({ after: 'da15608' }),
    status: 400,
    path: 'after',
    message: /after must be a full commit sha/,
  },
  {
    name: 'gitlab push commits an object',
    kind: 'GITLAB',
    headers: PUSH_HOOK,
    body: gitlabPush({ commits: { id: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7' } }),
    status: 400,
    path: 'commits',
    message: /commits must be an array/,
  },
  {
    name: 'gitlab push commit with a NUL in its message',
    kind: 'GITLAB',
    headers: PUSH_HOOK,
    body: gitlabPush({
      commits: [{ id: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7', message: 'fix\u0000' }],
    }),
    status: 400,
    path: 'commits[0].message',
    message: /NUL/,
  },
  {
    name: 'gitlab push without its project path',
    kind: 'GITLAB',
    headers: PUSH_HOOK,
    body: gitlabPush({ project: { name: 'Diaspora' } }),
    status: 400,
    path: 'project.path_with_namespace',
    message: /project.path_with_namespace is required/,
  },
  {
    name: 'gitlab push with 3,000 commits',
    kind: 'GITLAB',
    headers: PUSH_HOOK,
    body: gitlabPush({ commits: Array.from({ length: 3000 }, () => ({})) }),
    status: 400,
    path: 'commits',
    message: /at most 2048 items/,
  },
];

describe('bad and hostile webhook bodies', () => {
  let t: TestApp;
  let teamId: string;
  const integrations = new Map<Kind, IntegrationRef>();

  beforeAll(async () => {
    t = await startTestApp();
    teamId = (await alertTeam(t, { sprint: false })).team.id;
    for (const kind of [
      'ALERTMANAGER',
      'GRAFANA',
      'KAPACITOR',
      'PAGERDUTY',
      'GENERIC',
      'GITLAB',
    ] as Kind[])
      integrations.set(kind, await createIntegration(t, teamId, { kind }));
  });

  afterAll(async () => {
    await t.close();
  });

  it(`answers each of ${CASES.length} bad bodies with a 4xx naming the problem, and stays healthy`, async () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    const failures: string[] = [];
    for (const c of CASES) {
      const integration = integrations.get(c.kind ?? 'ALERTMANAGER')!;
      let req = t.http
        .post(`/webhooks/${integration.id}`)
        .set('authorization', `Bearer ${integration.token}`);
      if (c.contentType !== null)
        req = req.set('content-type', c.contentType ?? 'application/json');
      if (c.headers) req = req.set(c.headers);
      // Raw bytes as they are: superagent would serialize a Buffer as JSON.
      if (Buffer.isBuffer(c.body)) req = req.serialize((bytes: unknown) => bytes as string);
      const res = await req.send(c.body);
      const body = res.body as Record<string, unknown>;
      const problems: string[] = [];
      if (res.status !== c.status) problems.push(`status ${res.status}, expected ${c.status}`);
      if (body.statusCode !== res.status) problems.push(`statusCode ${String(body.statusCode)}`);
      if (typeof body.message !== 'string' || !c.message.test(body.message))
        problems.push(
          `message ${JSON.stringify(body.message)} does not match ${String(c.message)}`,
        );
      if (c.path !== undefined && body.path !== c.path)
        problems.push(`path ${JSON.stringify(body.path)}, expected ${JSON.stringify(c.path)}`);
      if (c.path !== undefined && c.path !== '' && !String(body.message).includes(c.path))
        problems.push('message does not name the path');
      if (typeof body.requestId !== 'string') problems.push('no requestId');
      if (problems.length) failures.push(`${c.name}: ${problems.join('; ')}`);
    }
    expect(failures).toEqual([]);

    // No alert or card came of any of them; shape errors are in the inbox as REJECTED.
    expect(await t.prisma.alert.count({ where: { teamId } })).toBe(0);
    expect(await t.prisma.task.count({ where: { teamId } })).toBe(0);
    expect(await t.prisma.forgePush.count({ where: { teamId } })).toBe(0);
    const outcomes = await t.prisma.webhookDelivery.groupBy({
      by: ['outcome'],
      where: { integration: { teamId } },
      _count: true,
    });
    expect(outcomes).toEqual([
      { outcome: 'REJECTED', _count: CASES.filter((c) => c.path !== undefined).length },
    ]);
    expect(({} as Record<string, unknown>).version).toBeUndefined();

    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    // And the webhook still works.
    await deliver(
      t,
      integrations.get('ALERTMANAGER')!,
      amGroup([amAlert({ fingerprint: 'after-abuse' })]),
    );
    expect(await t.prisma.task.count({ where: { teamId } })).toBe(1);
  });

  it('keeps hostile but valid label names as plain labels', async () => {
    const integration = integrations.get('ALERTMANAGER')!;
    const labels = JSON.parse(
      '{"alertname":"Proto","__proto__":"x","constructor":"y","hasOwnProperty":"z","toString":"w"}',
    );
    const answer = await deliver(
      t,
      integration,
      amGroup([{ ...amAlert({ fingerprint: 'proto' }), labels }]),
    );
    expect(answer).toMatchObject(counts({ received: 1, created: 1 }));
    const alert = await t.prisma.alert.findUniqueOrThrow({
      where: { integrationId_dedupKey: { integrationId: integration.id, dedupKey: 'proto' } },
    });
    expect(alert.labels).toEqual(labels);
    expect(Object.keys(alert.labels as object).sort()).toEqual([
      '__proto__',
      'alertname',
      'constructor',
      'hasOwnProperty',
      'toString',
    ]);
    expect(Object.prototype).not.toHaveProperty('polluted');
    const task = await t.prisma.task.findUniqueOrThrow({ where: { id: alert.taskId! } });
    expect(task.description).toContain('| __proto__ | x |');
  });
});
