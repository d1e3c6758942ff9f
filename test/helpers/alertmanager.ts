/**
 * A real Prometheus Alertmanager (Debian's prometheus-alertmanager) run by a test on a free port:
 * started, stopped and started again on the same port and storage, given alerts through its API,
 * and read back through its API and amtool. Tests skip, saying why, when the binary is missing.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dump } from 'js-yaml';
import { eventually } from './eventually';
import { freePort } from './spawn-service';

export const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';
export const AMTOOL = '/usr/bin/amtool';
export const hasAlertmanager = existsSync(ALERTMANAGER) && existsSync(AMTOOL);

const SKIP_REASON = `${ALERTMANAGER} or ${AMTOOL} not found. Install Debian's Alertmanager (apt-get install -y prometheus-alertmanager) to run it.`;

/** `describe`, or `describe.skip` with a warning naming what to install. */
export function describeAlertmanager(name: string, fn: () => void): void {
  if (hasAlertmanager) return describe(name, fn);
  console.warn(`Skipping "${name}": ${SKIP_REASON}`);
  describe.skip(name, fn);
}

/** A receiver that drops everything: enough to see alerts grouped, silenced and suppressed. */
export const QUIET_CONFIG = {
  route: { receiver: 'null', group_wait: '0s', group_interval: '1s', repeat_interval: '1h' },
  receivers: [{ name: 'null' }],
};

export interface RunningAlertmanager {
  port: number;
  url: string;
  /** Everything it logged, for failure messages. */
  output(): string;
  /** Stops it (SIGTERM, then SIGKILL after 5 s) and waits for the exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and storage (silences survive), and waits until ready. */
  start(): Promise<void>;
  /** Stops it and removes its files. */
  close(): Promise<void>;
}

export async function startAlertmanager(
  config: Record<string, unknown> = QUIET_CONFIG,
  options: { port?: number } = {},
): Promise<RunningAlertmanager> {
  const dir = mkdtempSync(join(tmpdir(), 'loopboard-alertmanager-'));
  const file = join(dir, 'alertmanager.yml');
  writeFileSync(file, dump(config));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = '';

  const start = async (): Promise<void> => {
    const running = spawn(
      ALERTMANAGER,
      [
        `--config.file=${file}`,
        `--storage.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
        '--log.level=debug',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = running;
    running.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    running.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(
      async () => {
        if (running.exitCode !== null)
          throw new Error(`Alertmanager exited (${running.exitCode}):\n${output}`);
        return fetch(`${url}/-/ready`).then(
          (res) => res.ok,
          () => false,
        );
      },
      { message: `Alertmanager ready on ${url}`, timeoutMs: 60_000 },
    );
  };

  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    const stubborn = setTimeout(() => running.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(stubborn);
  };

  await start();
  return {
    port,
    url,
    output: () => output,
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Gives Alertmanager alerts through its API, as Prometheus does. */
export async function postAlerts(
  alertmanager: RunningAlertmanager,
  alerts: { labels: Record<string, string>; annotations?: Record<string, string> }[],
): Promise<void> {
  const res = await fetch(`${alertmanager.url}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(alerts.map((a) => ({ ...a, startsAt: new Date().toISOString() }))),
  });
  if (res.status !== 200) throw new Error(`POST /api/v2/alerts: ${res.status} ${await res.text()}`);
}

export interface AmAlertState {
  labels: Record<string, string>;
  status: { state: 'active' | 'suppressed' | 'unprocessed'; silencedBy: string[] };
}

/** The alert Alertmanager holds with exactly these labels, or undefined. */
export async function alertWithLabels(
  alertmanager: RunningAlertmanager,
  labels: Record<string, string>,
): Promise<AmAlertState | undefined> {
  const res = await fetch(`${alertmanager.url}/api/v2/alerts`);
  const alerts = (await res.json()) as AmAlertState[];
  const wanted = JSON.stringify(Object.entries(labels).sort());
  return alerts.find((a) => JSON.stringify(Object.entries(a.labels).sort()) === wanted);
}

export interface AmSilence {
  id: string;
  status: { state: 'active' | 'pending' | 'expired' };
  matchers: { name: string; value: string; isRegex: boolean; isEqual?: boolean }[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

const run = promisify(execFile);

/**
 * `amtool silence query` as an operator runs it: the active silences (with `expired`, the
 * expired ones instead), read from its JSON output.
 */
export async function amtoolSilences(
  alertmanager: RunningAlertmanager,
  options: { expired?: boolean } = {},
): Promise<AmSilence[]> {
  const { stdout } = await run(AMTOOL, [
    'silence',
    'query',
    `--alertmanager.url=${alertmanager.url}`,
    '--output=json',
    ...(options.expired ? ['--expired'] : []),
  ]);
  return JSON.parse(stdout || '[]') as AmSilence[];
}
