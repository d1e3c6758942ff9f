import { createIntegration, deliver } from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { dbCardOfKey } from '../helpers/alert-readers';
import { createSprint } from '../helpers/factories';
import { teamWithBoard } from '../helpers/planning-factories';
import { addMembers, closeSprintOk } from '../helpers/planning-mutations';
import { at, backdateTask, pastSprint } from '../helpers/backdating';
import { capacityReport, type CapacityReportView } from '../helpers/report-views';
import {
  findElements,
  parseCsv,
  parseXml,
  polylinePoints,
  type XmlElement,
} from '../helpers/report-files';
import { startTestApp, TestApp } from '../helpers/test-app';

/** The body as text (supertest hands image/* bodies over as a Buffer). */
function textOf(res: { body: unknown; text?: string }): string {
  return Buffer.isBuffer(res.body) ? res.body.toString('utf8') : (res.text as string);
}

/** The JSON file without what only it carries (every working date) or what differs per computation. */
function comparable(
  json: Record<string, unknown>,
  keepGeneratedAt: boolean,
): Record<string, unknown> {
  const { workingDates: _dates, generatedAt, ...rest } = json;
  return keepGeneratedAt ? { ...rest, generatedAt } : rest;
}

/**
 * The files of a sprint 2026-10-05..10-16 named like a formula: planned 5 (done 10-06) and 3,
 * an INCIDENT of 2 on 10-07, and a critical alert card (3 points) charged on 10-08.
 */
describe('report files: capacity.json, capacity.csv, burndown.svg', () => {
  let t: TestApp;
  let sprintId: string;
  let plannedId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const { team, board } = await teamWithBoard(t);
    await addMembers(t, team.id, [2]);
    const sprint = await pastSprint(
      t,
      { id: team.id, board },
      {
        name: '=Sprint 7, "the big one"',
        startDate: '2026-10-05',
        endDate: '2026-10-16',
        planned: [{ estimate: 5, doneOn: '2026-10-06' }, { estimate: 3 }],
        unplanned: [{ estimate: 2, type: 'INCIDENT', addedOn: '2026-10-07' }],
        close: false,
      },
    );
    sprintId = sprint.id;
    const integration = await createIntegration(t, team.id, { name: '+Prometheus' });
    await deliver(
      t,
      integration,
      amGroup([amAlert({ fingerprint: 'f1', labels: { severity: 'critical' } })]),
    );
    const alertCard = await dbCardOfKey(t, integration.id, 'f1');
    await backdateTask(t, alertCard, {
      createdAt: at('2026-10-08'),
      addedToSprintAt: at('2026-10-08'),
    });
    plannedId = (await createSprint(t, team.id, { startDate: '2030-01-07', endDate: '2030-01-18' }))
      .id;
  });

  afterAll(async () => {
    await t.close();
  });

  it('capacity.json is the GraphQL report', async () => {
    const res = await t.http.get(`/reports/sprints/${sprintId}/capacity.json`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const json = res.body as Record<string, unknown>;
    expect(json.workingDates).toHaveLength(10);
    const report = await capacityReport(t, sprintId);
    const { generatedAt: _g, ...live } = report;
    expect(comparable(json, false)).toEqual(live);
    expect(report).toMatchObject({
      committedPoints: 8,
      unplannedProduction: { count: 2, points: 5 },
      reserveUsedPoints: 5,
      reserveOverflowPoints: 1,
    });

    await closeSprintOk(t, sprintId);
    const closed = await t.http.get(`/reports/sprints/${sprintId}/capacity.json`);
    expect(comparable(closed.body as Record<string, unknown>, true)).toEqual(
      await capacityReport(t, sprintId),
    );
  });

  it('capacity.csv parses as RFC 4180 CSV with the same figures', async () => {
    const res = await t.http.get(`/reports/sprints/${sprintId}/capacity.csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="capacity.csv"');
    const rows = parseCsv(res.text);
    const report: CapacityReportView = await capacityReport(t, sprintId);
    const summary = Object.fromEntries(
      rows.filter((r) => r[0] === 'summary').map((r) => [r[1], r[2]]),
    );
    // The name reads back as typed, defused with a leading apostrophe.
    expect(summary.sprint).toBe(`'${report.sprintName}`);
    for (const key of [
      'workingDays',
      'focusFactor',
      'capacityPoints',
      'reservedPoints',
      'plannablePoints',
      'committedPoints',
      'scopePoints',
      'addedScopeCount',
      'addedScopePoints',
      'completedCount',
      'completedPoints',
      'reserveUsedPoints',
      'reserveRemainingPoints',
      'reserveOverflowPoints',
      'reserveUsedPercent',
    ] as const) {
      expect([key, Number(summary[key])]).toEqual([key, report[key]]);
    }
    expect(Number(summary.unplannedProductionPoints)).toBe(report.unplannedProduction.points);
    expect(summary.flags).toBe(report.flags.join(' '));
    expect(rows).toContainEqual([`'+Prometheus`, '1', '3']);
    expect(rows).toContainEqual(['manual', '1', '2']);
    const burndown = rows.slice(rows.findIndex((r) => r[0] === 'date') + 1);
    expect(burndown.map((r) => r.map((v, i) => (i === 0 ? v : Number(v))))).toEqual(
      report.burndown.map((p) => [
        p.date,
        p.remainingPoints,
        p.idealPoints,
        p.unplannedAddedPoints,
      ]),
    );
  });

  it('burndown.svg is a well-formed SVG with the ideal line, the actual line and unplanned markers', async () => {
    const res = await t.http.get(`/reports/sprints/${sprintId}/burndown.svg`).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = parseXml(textOf(res));
    expect(svg.name).toBe('svg');
    const byClass = (name: string): XmlElement[] =>
      findElements(svg, (e) => e.attributes.class === name);
    expect(polylinePoints(byClass('ideal')[0] as XmlElement)).toHaveLength(10);
    expect(polylinePoints(byClass('actual')[0] as XmlElement)).toHaveLength(10);
    // Unplanned work arrived on 10-07 (the incident) and 10-08 (the alert card).
    expect(byClass('unplanned').map((m) => m.children[0]?.text)).toEqual([
      '+2 unplanned pts on 2026-10-07',
      '+3 unplanned pts on 2026-10-08',
    ]);
    expect(findElements(svg, (e) => e.name === 'title')[0]?.text).toBe(
      'Burndown: =Sprint 7, "the big one"',
    );

    // A sprint not started yet: the ideal line alone.
    const planned = parseXml(
      textOf(await t.http.get(`/reports/sprints/${plannedId}/burndown.svg`).buffer(true)),
    );
    expect(findElements(planned, (e) => e.attributes.class === 'ideal')).toHaveLength(1);
    expect(findElements(planned, (e) => e.attributes.class === 'actual')).toHaveLength(0);
  });

  it('the GraphQL report answers unknown and malformed ids with errors, not data', async () => {
    const query = `query ($id: ID!) { sprintCapacityReport(sprintId: $id) { sprintId } }`;
    const missing = await t.gql(query, { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.data).toBeNull();
    expect(missing.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const malformed = await t.gql(query, { id: 'not-a-uuid' });
    expect(malformed.data).toBeNull();
    expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(malformed.errors?.[0]?.extensions.code);
  });

  it.each(['capacity.json', 'capacity.csv', 'burndown.svg'])(
    '%s: under the same access rules as GraphQL (no token, no report)',
    async (file) => {
      const res = await t.anon.get(`/reports/sprints/${sprintId}/${file}`);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'UNAUTHENTICATED' });
      const gql = await t.anon
        .post('/graphql')
        .send({ query: `{ sprintCapacityReport(sprintId: "${sprintId}") { sprintId } }` });
      expect(gql.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    },
  );

  it.each(['capacity.json', 'capacity.csv', 'burndown.svg'])(
    '%s: unknown sprint → 404, malformed id → 400, as JSON errors',
    async (file) => {
      const missing = await t.http.get(
        `/reports/sprints/00000000-0000-4000-8000-000000000000/${file}`,
      );
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toMatch(/^application\/json/);
      expect(missing.body).toMatchObject({
        statusCode: 404,
        error: 'NOT_FOUND',
        message: expect.stringContaining('Sprint'),
        requestId: expect.any(String),
      });
      // Refused before any lookup: as bad input, or (access check first) as no such sprint.
      const malformed = await t.http.get(`/reports/sprints/not-a-uuid/${file}`);
      expect([400, 404]).toContain(malformed.status);
      expect(malformed.headers['content-type']).toMatch(/^application\/json/);
      expect(malformed.body).toMatchObject({
        statusCode: malformed.status,
        error: malformed.status === 400 ? 'BAD_USER_INPUT' : 'NOT_FOUND',
        requestId: expect.any(String),
      });
    },
  );
});
