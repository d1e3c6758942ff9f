/**
 * The observability files in deploy/ against the real service: every metric the Grafana
 * dashboard and the alert rules use is one Loopboard exports (scraped from the app after traffic
 * that gives every metric samples), the alerts of loopboard.rules.yml become cards when
 * Alertmanager posts them to Loopboard's own webhook, and the YAML files and the compose
 * `observability` profile agree with each other. The tools' own validators (promtool, amtool)
 * run in scripts/check-deploy.sh.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { load } from 'js-yaml';
import { createIntegration, fixture, postWebhook } from '../helpers/alert-factories';
import { createBoard, createSprint, createTeam, startSprint } from '../helpers/factories';
import { REPO_ROOT } from '../helpers/spawn-service';
import { startTestApp, TestApp } from '../helpers/test-app';

const DEPLOY = join(REPO_ROOT, 'deploy');
const CHECK_DASHBOARD = join(REPO_ROOT, 'scripts', 'check-dashboard.mjs');

function readYaml(path: string): any {
  return load(readFileSync(join(REPO_ROOT, path), 'utf8'));
}

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

function alertRules(): Rule[] {
  const doc = readYaml('deploy/loopboard.rules.yml');
  return (doc.groups as { rules: Rule[] }[]).flatMap((group) => group.rules);
}

/** Runs scripts/check-dashboard.mjs; never throws. */
function checkDashboard(args: string[]): { code: number; output: string } {
  try {
    const output = execFileSync(process.execPath, [CHECK_DASHBOARD, ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { code: failed.status, output: `${failed.stdout}${failed.stderr}` };
  }
}

describe('deploy files against the running service', () => {
  let t: TestApp;
  let work: string;
  let exposition: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'loopboard-deploy-'));
    t = await startTestApp();
    // Traffic that gives every Loopboard metric samples: GraphQL operations, an active sprint
    // (reserve gauges), a webhook delivery with new and repeated alerts.
    const team = await createTeam(t);
    await createBoard(t, team.id);
    const sprint = await createSprint(t, team.id);
    await startSprint(t, sprint.id);
    await t.ok('query DeployFilesProbe { teams { id } }');
    const integration = await createIntegration(t, team.id);
    const firing = fixture('alertmanager-firing.json');
    expect((await postWebhook(t, integration, firing)).status).toBe(200);
    expect((await postWebhook(t, integration, firing)).status).toBe(200);
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    exposition = join(work, 'metrics.txt');
    writeFileSync(exposition, res.text);
  });

  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('uses only metrics the service exports, in the dashboard and in the alert rules', () => {
    const { code, output } = checkDashboard(['--exposition', exposition]);
    expect(output).toContain('dashboard and rules OK');
    expect(code).toBe(0);
    // The check saw the metrics that matter, not an empty list.
    for (const name of [
      'http_request_duration_seconds_bucket',
      'graphql_operation_duration_seconds_count',
      'loopboard_webhook_deliveries_total',
      'loopboard_alerts_received_total',
      'loopboard_alert_cards_created_total',
      'loopboard_alerts_deduplicated_total',
      'loopboard_sprint_reserve_points',
      'loopboard_sprint_reserve_used_points',
      'loopboard_heartbeat_timestamp_seconds',
      'loopboard_db_query_duration_seconds_bucket',
    ])
      expect(output).toContain(name);
  });

  it('passes the same check against the metrics declared in the code (check-deploy.sh)', () => {
    const { code, output } = checkDashboard([]);
    expect(output).toContain('checked against the code');
    expect(code).toBe(0);
  });

  it('fails a dashboard or a rule that uses a metric the service does not export', () => {
    const dashboard = readFileSync(join(DEPLOY, 'grafana/dashboards/loopboard.json'), 'utf8');
    const badDashboard = join(work, 'dashboard.json');
    writeFileSync(
      badDashboard,
      dashboard.replace(/loopboard_alert_cards_created_total/g, 'loopboard_cards_made_total'),
    );
    const byDashboard = checkDashboard(['--exposition', exposition, '--dashboard', badDashboard]);
    expect(byDashboard.code).toBe(1);
    expect(byDashboard.output).toContain('loopboard_cards_made_total is not a metric');

    const rules = readFileSync(join(DEPLOY, 'loopboard.rules.yml'), 'utf8');
    const badRules = join(work, 'rules.yml');
    writeFileSync(badRules, rules.replace(/_bucket\{/g, '{'));
    const byRules = checkDashboard(['--exposition', exposition, '--rules', badRules]);
    expect(byRules.code).toBe(1);
    expect(byRules.output).toContain(
      'LoopboardHighLatencyP99: http_request_duration_seconds is not a metric',
    );
  });

  it("turns each alert of loopboard.rules.yml into a card on the operations team's board", async () => {
    const ops = await createTeam(t, { key: 'OPS', name: 'Operations' });
    await createBoard(t, ops.id);
    const integration = await createIntegration(t, ops.id, { name: 'Loopboard self-monitoring' });
    const rules = alertRules();
    // What Alertmanager posts for these rules (webhook payload version 4), annotations as the
    // rules write them (Prometheus would have expanded the templates).
    const payload = {
      ...fixture('alertmanager-firing.json'),
      receiver: 'loopboard',
      groupLabels: {},
      commonLabels: { job: 'loopboard' },
      commonAnnotations: {},
      alerts: rules.map((rule, i) => ({
        status: 'firing',
        labels: {
          alertname: rule.alert,
          job: 'loopboard',
          instance: 'loopboard:3000',
          ...rule.labels,
        },
        annotations: rule.annotations,
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus:9090/graph',
        fingerprint: `5e1f0000000000${String(i).padStart(2, '0')}`,
      })),
    };
    const res = await postWebhook(t, integration, payload);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: rules.length });
  });
});

describe('deploy files agree with each other', () => {
  const compose = readYaml('docker-compose.yml');
  const prometheus = readYaml('deploy/prometheus.yml');
  const alertmanager = readYaml('deploy/alertmanager.yml');
  const observability = Object.entries(compose.services as Record<string, any>).filter(
    ([, service]) => (service.profiles ?? []).includes('observability'),
  );
  const service = (name: string): any => compose.services[name];

  /** Bind mounts of a service as [host path relative to the repo, container path]. */
  function mounts(name: string): [string, string][] {
    return (service(name).volumes as (string | { type: string; source: string; target: string })[])
      .map((volume): [string, string] | null => {
        if (typeof volume === 'object')
          return volume.type === 'bind' ? [volume.source, volume.target] : null;
        const [source = '', target = ''] = volume.split(':');
        return source.startsWith('.') ? [source, target] : null;
      })
      .filter((mount): mount is [string, string] => mount !== null)
      .map(([source, target]) => [posix.normalize(source), target]);
  }

  it('the observability profile runs Prometheus, Alertmanager and Grafana with healthchecks', () => {
    expect(observability.map(([name]) => name).sort()).toEqual([
      'alertmanager',
      'grafana',
      'prometheus',
    ]);
    for (const [, svc] of observability) {
      // Docker runs the probe itself (CMD or CMD-SHELL), asking the service on its own port.
      const probe = svc.healthcheck?.test as string[];
      expect(probe[0]).toMatch(/^CMD(-SHELL)?$/);
      expect(probe.slice(1).join(' ')).toMatch(/http:\/\/127\.0\.0\.1:\d+\//);
    }
    expect(service('prometheus').image).toMatch(/^prom\/prometheus:/);
    expect(service('alertmanager').image).toMatch(/^prom\/alertmanager:/);
    expect(service('grafana').image).toMatch(/^grafana\/grafana:/);
    // The default services stay outside the profile.
    expect(service('loopboard').profiles).toBeUndefined();
  });

  it('mounts files that exist (secrets excepted), with the rules next to prometheus.yml', () => {
    for (const [name] of observability) {
      for (const [source] of mounts(name)) {
        if (source.startsWith('deploy/secrets/')) continue;
        expect(existsSync(join(REPO_ROOT, source))).toBe(true);
      }
    }
    const prom = new Map(mounts('prometheus'));
    const config = prom.get('deploy/prometheus.yml') as string;
    for (const file of prometheus.rule_files as string[]) {
      expect(existsSync(join(DEPLOY, file))).toBe(true);
      expect(prom.get(posix.join('deploy', file))).toBe(posix.join(posix.dirname(config), file));
    }
    expect(service('prometheus').command).toContain(`--config.file=${config}`);
  });

  it('Prometheus scrapes Loopboard and alerts through Alertmanager', () => {
    const job = (prometheus.scrape_configs as any[]).find((c) => c.job_name === 'loopboard');
    expect(job.metrics_path).toBe('/metrics');
    expect(job.static_configs[0].targets).toEqual(['loopboard:3000']);
    expect(prometheus.alerting.alertmanagers[0].static_configs[0].targets).toEqual([
      'alertmanager:9093',
    ]);
    // The rules select the job this scrape config defines.
    for (const rule of alertRules()) expect(rule.expr).toContain('job="loopboard"');
  });

  it("Alertmanager posts to Loopboard's webhook with the mounted token, resolved alerts too", () => {
    const receivers = alertmanager.receivers as any[];
    expect(receivers).toHaveLength(1);
    const [webhook] = receivers[0].webhook_configs;
    expect(webhook.url).toBe('http://loopboard:3000/webhooks/${LOOPBOARD_INTEGRATION_ID}');
    expect(webhook.send_resolved).toBe(true);
    expect(webhook.http_config.authorization.type).toBe('Bearer');
    const tokenFile = webhook.http_config.authorization.credentials_file as string;
    expect(mounts('alertmanager').map(([, target]) => target)).toContain(tokenFile);
    // The service renders the id into the file it mounts, then runs Alertmanager on the result.
    const script = (service('alertmanager').command as string[]).join('\n');
    const [, source] = mounts('alertmanager').find(([host]) => host === 'deploy/alertmanager.yml')!;
    expect(script).toContain(`\\$\${LOOPBOARD_INTEGRATION_ID}|$$LOOPBOARD_INTEGRATION_ID|g`);
    expect(script).toContain(source);
    expect(script).toMatch(/exec \/bin\/alertmanager --config\.file=\S+/);
    // Passed through from the operator's environment (empty until an integration exists).
    expect(service('alertmanager').environment.LOOPBOARD_INTEGRATION_ID).toBe(
      '${LOOPBOARD_INTEGRATION_ID:-}',
    );
    // Every route ends at that receiver.
    expect(alertmanager.route.receiver).toBe('loopboard');
  });

  it('every alert has a severity, a summary, a description and a runbook', () => {
    const rules = alertRules();
    expect(rules.map((rule) => rule.alert).sort()).toEqual([
      'LoopboardDown',
      'LoopboardHeartbeatStale',
      'LoopboardHigh5xxRatio',
      'LoopboardHighLatencyP99',
      'LoopboardNotificationsFailing',
      'LoopboardOutboxNotDraining',
      'LoopboardReserveExhausted',
      'LoopboardWebhookFailures',
    ]);
    for (const rule of rules) {
      expect(['critical', 'warning']).toContain(rule.labels.severity);
      expect(rule.annotations.summary).toBeTruthy();
      expect(rule.annotations.description).toBeTruthy();
      expect(readmeAnchors()).toContain(
        String(rule.annotations.runbook).replace(/^README\.md#/, ''),
      );
    }
  });

  it('Grafana gets the Prometheus datasource and the dashboard from the mounted directories', () => {
    const grafana = new Map(mounts('grafana'));
    const provisioning = grafana.get('deploy/grafana/provisioning');
    expect(provisioning).toBe('/etc/grafana/provisioning');
    const datasources = readYaml('deploy/grafana/provisioning/datasources/prometheus.yml');
    const [datasource] = datasources.datasources;
    expect(datasource).toMatchObject({ type: 'prometheus', url: 'http://prometheus:9090' });
    const providers = readYaml('deploy/grafana/provisioning/dashboards/loopboard.yml');
    expect(providers.providers[0].options.path).toBe(grafana.get('deploy/grafana/dashboards'));
    const dashboard = JSON.parse(
      readFileSync(join(DEPLOY, 'grafana/dashboards/loopboard.json'), 'utf8'),
    );
    expect(dashboard.uid).toBe('loopboard');
    const uids = new Set(
      (dashboard.panels as any[])
        .filter((panel) => panel.type !== 'row')
        .map((panel) => panel.datasource.uid as string),
    );
    expect([...uids]).toEqual([datasource.uid]);
    expect(service('grafana').environment.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH).toBe(
      posix.join(grafana.get('deploy/grafana/dashboards') as string, 'loopboard.json'),
    );
  });

  it('names no host but localhost and the compose services', () => {
    const allowed = new Set([
      'localhost',
      '127.0.0.1',
      'loopboard',
      'prometheus',
      'alertmanager',
      'grafana',
      'postgres',
    ]);
    const files = [
      'deploy/prometheus.yml',
      'deploy/loopboard.rules.yml',
      'deploy/loopboard.rules.test.yml',
      'deploy/alertmanager.yml',
      'deploy/grafana/provisioning/datasources/prometheus.yml',
      'deploy/grafana/provisioning/dashboards/loopboard.yml',
      'deploy/grafana/dashboards/loopboard.json',
    ];
    for (const file of files) {
      const text = readFileSync(join(REPO_ROOT, file), 'utf8');
      for (const [, host = ''] of text.matchAll(/\bhttps?:\/\/([^/:\s"'`)]+)/g))
        expect(`${file}: ${host}`).toBe(`${file}: ${allowed.has(host) ? host : '?'}`);
    }
  });
});

/** The anchors of the README's headings, as GitHub makes them (`## SLA clocks` → `sla-clocks`). */
function readmeAnchors(): string[] {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  return [...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
    (m[1] as string)
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-'),
  );
}
