#!/usr/bin/env node
// Scenario 8, deployments (see bench/README.md, "Deployments"): (a) deployment intake, generic
// deployment posts of a new deployment each (3 commits, one naming a task), 10 connections;
// (b) deliveryReport over a year of history (a team deploying 3 services to production ~18 times a
// working day, with commits, failures, rollbacks and incident links), 1 connection.
//
// The history is INSERTed with `pg` (through the API it would take minutes): PostgreSQL only for
// (b); (a) runs on either database.
//
//   node bench/deployments.mjs [--db postgres|pglite] [--connections 10] [--duration 10]
//                              [--warmup 3] [--env KEY=VALUE ...] [--json-out file]
import pg from 'pg';
import {
  errorsOf,
  gql,
  LOAD_HEADERS,
  loadRow,
  out,
  p99Under,
  printProfile,
  resultHeader,
  round,
  runLoad,
  scenario,
  scenarioArgs,
  sqlPerRequest,
  startService,
  stopAndProfile,
  table,
  targetLine,
  warmAndRun,
  writeResult,
} from './lib.mjs';
import { postWebhook, seedTasks, seedTeam, webhookHeaders } from './seed.mjs';

const NAME = 'deployments';
const TARGETS = { intakePerSec: 200, intakeP99Ms: 150, reportP99Ms: 100 };
const UNIQUE = '__SEQ__';
const args = scenarioArgs({}, { connections: '10' });

const REPORT = `query Delivery($teamId: ID!, $from: Date!, $to: Date!) {
  deliveryReport(teamId: $teamId, from: $from, to: $to) {
    summary { deployments deploymentsPerDay deploymentFrequencyBand leadTime { p50Minutes p85Minutes band }
      failedChanges suspectedFailedChanges changeFailurePercent recovery { p50Minutes p85Minutes unrecovered } }
    weeks { weekStart figures { deployments failedChanges changeFailurePercent } }
    sprints { name confirmedPoints suspectedPoints }
  }
}`;

/** A year of deployments of 3 services, ending yesterday, straight into the database. */
async function seedHistory(databaseUrl, { teamId, integrationId, taskIds }) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const started = performance.now();
  const day = 24 * 3600 * 1000;
  const end = Date.UTC(
    new Date().getUTCFullYear(),
    new Date().getUTCMonth(),
    new Date().getUTCDate(),
  );
  const rows = [];
  let n = 0;
  for (let d = 365; d >= 1; d--) {
    const date = new Date(end - d * day);
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
    for (const service of ['checkout', 'ledger', 'search']) {
      for (let k = 0; k < 6; k++) {
        n++;
        const start = date.getTime() + (8 + k * 1.5) * 3600 * 1000;
        const status = n % 17 === 0 ? 'FAILURE' : 'SUCCESS';
        // Every 23rd deployment redeploys the version before the last one: a rollback.
        const version = n % 23 === 0 ? `v${n - 2}` : `v${n}`;
        rows.push({
          id: crypto.randomUUID(),
          n,
          service,
          start,
          finish: start + 8 * 60 * 1000,
          status,
          version,
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await client.query(
      `INSERT INTO deployments (id, team_id, integration_id, external_id, service, environment, version, status,
         status_at, started_at, finished_at, updated_at)
       SELECT v.id, $1, $2, 'seed-' || v.n, v.service, 'production', v.version, v.status::"DeploymentStatus",
         v.finish, v.start, v.finish, now()
       FROM unnest($3::uuid[], $4::int[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[])
         AS v(id, n, service, version, status, start, finish)`,
      [
        teamId,
        integrationId,
        chunk.map((r) => r.id),
        chunk.map((r) => r.n),
        chunk.map((r) => r.service),
        chunk.map((r) => r.version),
        chunk.map((r) => r.status),
        chunk.map((r) => new Date(r.start)),
        chunk.map((r) => new Date(r.finish)),
      ],
    );
    // Three commits each, the first authored a day to a week before.
    await client.query(
      `INSERT INTO deployment_commits (deployment_id, sha, message, authored_at)
       SELECT v.id, md5(v.id::text || c::text) || substr(md5(c::text), 1, 8), 'change ' || c, v.start - make_interval(hours => 24 * (1 + (v.n % 7)) - c)
       FROM unnest($1::uuid[], $2::int[], $3::timestamptz[]) AS v(id, n, start), generate_series(0, 2) AS c`,
      [chunk.map((r) => r.id), chunk.map((r) => r.n), chunk.map((r) => new Date(r.start))],
    );
    await client.query(
      `UPDATE deployments d SET first_commit_at = c.first
       FROM (SELECT deployment_id, min(authored_at) AS first FROM deployment_commits
             WHERE deployment_id = ANY($1::uuid[]) GROUP BY deployment_id) c
       WHERE d.id = c.deployment_id`,
      [chunk.map((r) => r.id)],
    );
  }
  // An incident card linked to every 11th deployment (confirmed every other time).
  const linked = rows.filter((r) => r.n % 11 === 0).slice(0, taskIds.length);
  for (const [i, r] of linked.entries())
    await client.query(
      `INSERT INTO incident_causes (task_id, team_id, deployment_id, confirmed_at) VALUES ($1, $2, $3, $4)`,
      [taskIds[i], teamId, r.id, i % 2 === 0 ? new Date(r.finish + 3600 * 1000) : null],
    );
  await client.query('ANALYZE deployments; ANALYZE deployment_commits; ANALYZE incident_causes');
  await client.end();
  return {
    deployments: rows.length,
    commits: rows.length * 3,
    incidents: linked.length,
    seedMs: Math.round(performance.now() - started),
  };
}

await scenario(NAME, args, async (context) => {
  const service = await startService(args);
  let result;
  try {
    out(`service ready in ${service.readyMs} ms (pid ${service.pid}, port ${service.port})`);
    const team = await seedTeam(service, { members: 4 });
    const tasks = await seedTasks(service, team, 40);
    const { createAlertIntegration } = await gql(
      service,
      'mutation($input: CreateAlertIntegrationInput!) { createAlertIntegration(input: $input) { integration { id } token webhookUrl } }',
      { input: { teamId: team.teamId, kind: 'GENERIC_DEPLOYMENT', name: 'Benchmark CI' } },
    );
    const integration = {
      id: createAlertIntegration.integration.id,
      url: createAlertIntegration.webhookUrl,
      token: createAlertIntegration.token,
    };
    const now = new Date().toISOString();
    const template = JSON.stringify({
      id: `run-${UNIQUE}`,
      service: 'api',
      environment: 'staging',
      version: `v-${UNIQUE}`,
      status: 'success',
      started_at: now,
      finished_at: now,
      commit: 'a'.repeat(40),
      commits: [
        { sha: 'a'.repeat(40), message: `${tasks[0].key}: a change`, authored_at: now },
        { sha: 'b'.repeat(40), message: 'chore: deps', authored_at: now },
        { sha: 'c'.repeat(40), message: 'docs', authored_at: now },
      ],
    });
    const first = await postWebhook(integration, template.replaceAll(UNIQUE, 'check'));
    if (first.status !== 200 || first.answer.created !== 1)
      throw new Error(
        `a deployment was not recorded: ${first.status} ${JSON.stringify(first.answer)}`,
      );
    const sqlPerPost = await sqlPerRequest(service, (i) =>
      postWebhook(integration, template.replaceAll(UNIQUE, `sql-${i}`)),
    );
    const intake = await warmAndRun(service, args, {
      url: integration.url,
      headers: webhookHeaders(integration),
      body: template,
      unique: UNIQUE,
      connections: args.connectionsList.at(-1),
      expect: '"created":1',
    });

    let report = null;
    if (args.db === 'postgres') {
      const seeded = await seedHistory(service.databaseUrl, {
        teamId: team.teamId,
        integrationId: integration.id,
        taskIds: tasks.map((t) => t.id),
      });
      out(
        `seeded ${seeded.deployments} deployments, ${seeded.commits} commits, ${seeded.incidents} incident links in ${seeded.seedMs} ms`,
      );
      const to = new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 10);
      const from = new Date(Date.now() - 365 * 24 * 3600 * 1000).toISOString().slice(0, 10);
      const variables = { teamId: team.teamId, from, to };
      const answer = (await gql(service, REPORT, variables)).deliveryReport;
      if (answer.summary.deployments < 1000 || answer.weeks.length < 52)
        throw new Error(`unexpected report: ${JSON.stringify(answer.summary)}`);
      const load = {
        url: `${service.base}/graphql`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${service.token}` },
        body: JSON.stringify({ query: REPORT, variables, operationName: 'Delivery' }),
        reject: '"errors"',
        connections: 1,
      };
      if (args.warmup > 0) await runLoad(service, { ...load, duration: args.warmup });
      const run = await runLoad(service, { ...load, duration: args.duration });
      report = {
        seeded,
        summary: answer.summary,
        sqlPerRequest: await sqlPerRequest(service, () => gql(service, REPORT, variables)),
        run,
      };
    }
    result = {
      ...resultHeader(NAME, args, context, { commitsPerDeployment: 3, bodyBytes: template.length }),
      service: { readyMs: service.readyMs },
      intake: { sqlPerRequest: sqlPerPost, run: intake },
      report,
      summary: {
        intakePerSec: round(intake.perSecond, 0),
        intakeP99Ms: intake.latency.p99,
        intakeErrors: errorsOf(intake),
        reportP99Ms: report?.run.latency.p99 ?? null,
        reportReqPerSec: report ? round(report.run.perSecond, 0) : null,
      },
      targets: {
        ...TARGETS,
        met: {
          intakeAtLeast200PerSec:
            intake.perSecond >= TARGETS.intakePerSec && errorsOf(intake) === 0,
          intakeP99Under150Ms: p99Under(intake, TARGETS.intakeP99Ms),
          reportP99Under100Ms: report
            ? p99Under(report.run, TARGETS.reportP99Ms) && errorsOf(report.run) === 0
            : null,
        },
      },
    };
    // The profile (--profile) covers the report's run when there is one: the costlier path.
    await stopAndProfile(service, result, report?.run.window ?? intake.window);
  } finally {
    await service.stop();
  }
  out();
  table(LOAD_HEADERS, [
    loadRow(
      `deployment posts, ${args.connectionsList.at(-1)} connections`,
      result.intake.run,
      'deploys/s',
    ),
    ...(result.report
      ? [loadRow('deliveryReport over a year, 1 connection', result.report.run)]
      : []),
  ]);
  out();
  out(
    `SQL statements per deployment post: ${result.intake.sqlPerRequest}${result.report ? `; per report: ${result.report.sqlPerRequest}` : ''}`,
  );
  targetLine(`≥ ${TARGETS.intakePerSec} deployments/s`, result.targets.met.intakeAtLeast200PerSec);
  targetLine(`intake p99 < ${TARGETS.intakeP99Ms} ms`, result.targets.met.intakeP99Under150Ms);
  if (result.report)
    targetLine(`report p99 < ${TARGETS.reportP99Ms} ms`, result.targets.met.reportP99Under100Ms);
  printProfile(result);
  writeResult(args, result);
});
