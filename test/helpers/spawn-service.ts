/**
 * Runs the built service (`node dist/main.js`) as a child process, as `npm start` does, for tests
 * of what only a real process shows: configuration errors on stderr, exit codes, signals, and
 * data that outlives a restart.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { eventually } from './eventually';

export const REPO_ROOT = join(__dirname, '..', '..');

export interface BuiltService {
  /** The entry point to run: `main.js` of a private copy of dist/. */
  mainJs: string;
  remove(): void;
}

/**
 * Builds dist/ with the command `npm start` runs, then copies it to a directory of this test run:
 * another build (`nest build` empties dist/ first) cannot pull the files from under a running
 * child. The copy sits inside the repository (in the ignored .tmp/) so that node_modules and
 * prisma/ are found from it exactly as from dist/.
 */
export function buildService(): BuiltService {
  const scratch = join(REPO_ROOT, '.tmp');
  mkdirSync(scratch, { recursive: true });
  for (let attempt = 1; ; attempt++) {
    execFileSync('npx', ['nest', 'build'], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 120_000 });
    const dir = mkdtempSync(join(scratch, 'service-dist-'));
    try {
      cpSync(join(REPO_ROOT, 'dist'), dir, { recursive: true });
      if (existsSync(join(dir, 'main.js'))) {
        return {
          mainJs: join(dir, 'main.js'),
          remove: () => rmSync(dir, { recursive: true, force: true }),
        };
      }
    } catch (error) {
      // A concurrent build emptied dist/ while it was being copied: build again.
      if (attempt >= 3) throw error;
    }
    rmSync(dir, { recursive: true, force: true });
    if (attempt >= 3) throw new Error('dist/main.js missing after three builds');
  }
}

/** A TCP port nobody listens on right now (the OS picks it). */
/**
 * A free port BELOW the kernel's ephemeral range (32768+): ports the OS hands out for listen(0)
 * (supertest servers of other test workers) cannot collide with a child service started later.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('No free port found between 20000 and 32000');
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnedService {
  child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** stdout parsed as JSON log lines (production logging); non-JSON lines are skipped. */
  logLines(): Record<string, unknown>[];
  /** Settles when the process has exited. */
  exited: Promise<Exit>;
  /** Polls GET /health/ready until 200; fails with the output so far when it does not come. */
  waitUntilReady(baseUrl: string, timeoutMs?: number): Promise<void>;
  /** Sends SIGKILL if the process is still running (cleanup after a failed test). */
  kill(): void;
}

/**
 * Starts `node <mainJs>` with exactly `env` plus PATH and HOME: nothing leaks in from the
 * test's own environment (DATABASE_URL in a PostgreSQL run). `cwd` should be a directory without
 * a `.env` file, since the service reads one when present.
 */
export function spawnService(
  mainJs: string,
  env: Record<string, string>,
  cwd: string,
): SpawnedService {
  const child = spawn(process.execPath, [mainJs], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let done = false;
  void exited.then(() => (done = true));

  return {
    child,
    stdout: () => out,
    stderr: () => err,
    logLines: () =>
      out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => {
          try {
            return JSON.parse(line) as Record<string, unknown>;
          } catch {
            return {};
          }
        }),
    exited,
    waitUntilReady: (baseUrl, timeoutMs = 60_000) =>
      waitForReady(baseUrl, {
        timeoutMs,
        hasExited: () => done,
        output: () => `stdout:\n${out}\nstderr:\n${err}`,
      }),
    kill: () => {
      if (!done) child.kill('SIGKILL');
    },
  };
}

/**
 * Polls GET /health/ready of a child process's service until it answers 200; fails with the
 * last answer and the process's output when it does not come, at once when the process exited.
 */
export async function waitForReady(
  baseUrl: string,
  options: { timeoutMs: number; hasExited: () => boolean; output: () => string },
): Promise<void> {
  let last = 'no answer';
  const outcome = await eventually(
    async () => {
      if (options.hasExited()) return 'exited';
      try {
        const res = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) });
        if (res.status === 200) return 'ready';
        last = `${res.status} ${await res.text()}`;
      } catch (error) {
        last = (error as Error).message;
      }
      return false;
    },
    {
      timeoutMs: options.timeoutMs,
      intervalMs: 100,
      message: `${baseUrl}/health/ready answering 200`,
    },
  ).catch(() => 'not ready');
  if (outcome !== 'ready')
    throw new Error(
      `service not ready at ${baseUrl} (${outcome === 'exited' ? 'it exited' : last})\n${options.output()}`,
    );
}
