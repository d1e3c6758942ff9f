/**
 * The README's bash examples, run as written (curl and jq) against a real listening server:
 * the promise that its commands work. The two `export URL=… TOKEN=…` lines are the only ones
 * replaced, by this server's address and admin token.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../helpers/spawn-service';
import { startTestApp, TestApp } from '../helpers/test-app';

const run = promisify(execFile);

/** Every top-level JSON object in a stream of outputs (curl answers end without a newline). */
function jsonObjects(text: string): Record<string, any>[] {
  const found: Record<string, any>[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"' && depth > 0) inString = true;
    else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0) found.push(JSON.parse(text.slice(start, i + 1)) as Record<string, any>);
    }
  }
  return found;
}

function bashBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

describe('README examples', () => {
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    t = await startTestApp({ env: { PUBLIC_URL: url } });
    await t.app.listen(port, '127.0.0.1');
  });

  afterAll(async () => {
    await t.close();
  });

  it('runs every bash block in order and gets the answers the README describes', async () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    mkdirSync(join(__dirname, '..', '..', '.tmp'), { recursive: true });
    const blocks = bashBlocks(readme);
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const script = blocks
      .join('\n')
      .split('\n')
      .filter((line) => !/^export (URL|TOKEN)=/.test(line))
      .join('\n');
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], {
      env: { ...process.env, URL: url, TOKEN: t.adminToken },
      cwd: join(__dirname, '..', '..', '.tmp'),
      maxBuffer: 10 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`README script failed:\n${error.stderr ?? ''}\n${error.stdout ?? ''}`);
    });
    const answers = jsonObjects(stdout);
    const errors = answers.filter((a) => a.errors);
    expect(errors).toEqual([]);

    const started = answers.find((a) => a.data?.startSprint)?.data.startSprint;
    expect(started).toEqual({ state: 'ACTIVE', committedPoints: 5 });
    const moved = answers.find((a) => a.data?.moveTask)?.data.moveTask;
    expect(moved.column.name).toBe('In Progress');
    expect(moved.startedAt).not.toBeNull();
    const sprint = answers.find((a) => a.data?.sprint)?.data.sprint;
    expect(sprint).toMatchObject({
      workingDays: 10,
      capacityPoints: 20.8,
      reservedPoints: 4.16,
      plannablePoints: 16.64,
      committedPoints: 5,
    });

    const delivery = answers.find((a) => a.deliveryId);
    expect(delivery).toMatchObject({
      received: 1,
      created: 1,
      updated: 0,
      resolved: 0,
      reopened: 0,
      ignored: 0,
    });
    const deployments = answers.filter((a) => a.deploymentId);
    expect(deployments).toEqual([
      expect.objectContaining({ received: 1, created: 1, updated: 0 }),
      expect.objectContaining({ received: 1, created: 0, updated: 1 }),
    ]);
    expect(deployments[1]?.deploymentId).toBe(deployments[0]?.deploymentId);
    expect(answers.find((a) => a.data?.deployments)?.data.deployments).toEqual([
      {
        version: 'v1.4.2',
        status: 'SUCCESS',
        isRollback: false,
        previousDeployment: null,
        tasks: [{ key: 'SRE-1' }],
      },
    ]);
    const deliveryReport = answers.find((a) => a.data?.deliveryReport)?.data.deliveryReport;
    expect(deliveryReport.summary).toMatchObject({
      deployments: 1,
      successfulDeployments: 1,
      deploymentsPerDay: 1,
      deploymentFrequencyBand: 'ELITE',
      leadTime: { count: 1 },
      failedChanges: 0,
      changeFailurePercent: 0,
    });
    const alerts = answers.find((a) => a.data?.alerts)?.data.alerts;
    expect(alerts.totalCount).toBe(1);
    expect(alerts.edges[0].node.task).toMatchObject({
      priority: 'URGENT',
      type: 'INCIDENT',
      estimate: 3,
    });

    expect(answers.find((a) => a.data?.updateTeam)?.data.updateTeam.reservePolicy.mode).toBe(
      'HISTORICAL',
    );
    expect(answers.find((a) => a.data?.updateTeam?.slaPolicy)?.data.updateTeam.slaPolicy).toEqual({
      urgent: { ackMinutes: 10, resolveMinutes: 120 },
      low: { ackMinutes: 2880, resolveMinutes: null },
    });
    const alertCards = answers.find((a) => a.data?.tasks)?.data.tasks.edges;
    expect(alertCards).toHaveLength(1);
    const clock = alertCards[0].node.sla;
    expect(clock.status).toMatch(/^(ON_TRACK|MET)$/);
    expect(new Date(clock.ackDueAt).getTime()).toBeGreaterThan(Date.now());
    const sla = answers.find((a) => a.data?.slaReport)?.data.slaReport;
    expect(sla.priorities.find((p: { priority: string }) => p.priority === 'URGENT')).toMatchObject(
      { cards: 1, breached: 0, breaches: 0 },
    );

    const channels = answers
      .filter((a) => a.data?.createNotificationChannel)
      .map((a) => a.data.createNotificationChannel);
    expect(channels[0].channel).toMatchObject({
      kind: 'SLACK',
      target: 'https://hooks.slack.com/…',
      events: [
        { type: 'ALERT_CARD_CREATED', minPriority: 'HIGH' },
        { type: 'SLA_BREACHED', minPriority: null },
        { type: 'RESERVE_EXHAUSTED', minPriority: null },
      ],
    });
    expect(channels[1]).toMatchObject({
      channel: { signed: true },
      signingSecret: expect.stringMatching(/^whsec_/),
    });
    expect(stdout).toContain(
      '[{"field":"input.url","message":"must not point to a private address (169.254.169.254) unless NOTIFY_ALLOW_PRIVATE_TARGETS is on or NOTIFY_ALLOWED_HOSTS names it"}]',
    );

    expect(answers.find((a) => a.data?.updateTeam?.reserveOverflowPolicy)?.data.updateTeam).toEqual(
      { reserveOverflowPolicy: 'PROPOSE_SWAP', productionShareCap: 0.4 },
    );
    expect(answers.find((a) => a.data?.velocityReport)?.data.velocityReport.toil).toMatchObject({
      productionShareCap: 0.4,
      sprintsOverCap: 0,
    });
    const report = answers.find((a) => a.data?.sprintCapacityReport)?.data.sprintCapacityReport;
    expect(report).toMatchObject({
      capacityPoints: 20.8,
      committedPoints: 5,
      reserveUsedPoints: 3,
    });
    expect(report.unplannedProduction).toMatchObject({ count: 1, points: 3 });

    const report2 = answers.find((a) => a.sprintId && a.burndown);
    expect(report2).toMatchObject({ capacityPoints: 20.8 });
    expect(stdout).toContain('section,metric,value');
    expect(readFileSync(join(__dirname, '..', '..', '.tmp', 'burndown.svg'), 'utf8')).toContain(
      '<svg',
    );

    const today = new Date().toISOString().slice(0, 10);
    const noise = answers.find((a) => a.data?.alertNoiseReport)?.data.alertNoiseReport;
    expect(noise).toMatchObject({ to: today, alerts: [{ firings: 1 }] });

    const holidays = answers.find((a) => a.data?.addTeamHolidays)?.data.addTeamHolidays;
    expect(holidays.holidays).toEqual([
      { date: '2026-12-25', name: 'Public holiday' },
      { date: '2027-01-01', name: 'Public holiday' },
    ]);
    const calendar = answers.find((a) => a.data?.calendar)?.data.calendar;
    expect(calendar).toMatchObject({ workingDays: 8, capacityPoints: 21 });
    expect(
      calendar.capacityByDay.map((d: { date: string; points: number }) => [d.date, d.points]),
    ).toEqual([
      ['2026-12-21', 3],
      ['2026-12-22', 3],
      ['2026-12-23', 3],
      ['2026-12-24', 2],
      ['2026-12-28', 3],
      ['2026-12-29', 3],
      ['2026-12-30', 3],
      ['2026-12-31', 1],
    ]);
    expect(calendar.memberCapacity).toEqual([
      { member: { name: 'Ana' }, daysOff: 1.5, availableDays: 6.5 },
      { member: { name: 'Ben' }, daysOff: 0, availableDays: 8 },
    ]);
    expect(answers.find((a) => a.refused)).toEqual({
      refused: 'BAD_USER_INPUT',
      field: 'input.daysOffDates[0].date',
      message: expect.stringContaining('2026-12-25 is a team holiday (Public holiday)'),
    });

    const live = answers.find((a) => a.data?.boardChanged)?.data.boardChanged;
    expect(live).toMatchObject({ kind: 'BOARD_UPDATED', version: expect.any(Number) });

    const token = answers.find((a) => a.data?.createApiToken)?.data.createApiToken;
    expect(token.token).toMatch(/^lb_/);
  });
});
