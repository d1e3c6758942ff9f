/**
 * The embedded database's lock as processes see it: the operating system releases it when its
 * holder dies however it dies, so a lock file naming a pid that now belongs to someone else
 * never keeps a healthy service from starting; and it is exclusive, so of two services started
 * at once on one DATA_DIR exactly one serves. Always on PGlite (the child never sees the test
 * run's DATABASE_URL).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildService,
  BuiltService,
  freePort,
  spawnService,
  SpawnedService,
} from '../helpers/spawn-service';

jest.setTimeout(150_000);
const READY_TIMEOUT_MS = 120_000; // a bound for a hang: a loaded two-core machine starts slowly
const ADMIN_TOKEN = 'lb_lock_test_admin_0123456789abcdef012345';

async function createTeam(baseUrl: string, key: string): Promise<void> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({
      query: `mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id } }`,
      variables: { input: { key, name: `Team ${key}` } },
    }),
  });
  const body = (await res.json()) as { errors?: unknown };
  if (res.status !== 200 || body.errors) throw new Error(`createTeam: ${JSON.stringify(body)}`);
}

async function teamKeys(baseUrl: string): Promise<string[]> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ query: '{ teams { key } }' }),
  });
  const body = (await res.json()) as { data: { teams: { key: string }[] } };
  return body.data.teams.map((t) => t.key).sort();
}

describe('the embedded database lock', () => {
  let workDir: string;
  let built: BuiltService;
  const running: SpawnedService[] = [];
  const others: { kill(): void }[] = [];

  beforeAll(() => {
    built = buildService();
    workDir = mkdtempSync(join(tmpdir(), 'loopboard-lock-'));
  }, 300_000);
  afterEach(() => {
    for (const service of running.splice(0)) service.kill();
    for (const other of others.splice(0)) other.kill();
  });
  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    built?.remove();
  });

  async function start(dataDir: string): Promise<{ service: SpawnedService; baseUrl: string }> {
    const port = await freePort();
    const service = spawnService(
      built.mainJs,
      {
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        ADMIN_TOKEN,
      },
      workDir,
    );
    running.push(service);
    return { service, baseUrl: `http://127.0.0.1:${port}` };
  }

  it('starts over a lock file whose pid now belongs to an unrelated live process', async () => {
    const unrelated = spawn('sleep', ['600'], { stdio: 'ignore' });
    others.push(unrelated);
    const stale: [string, string][] = [
      [
        'current',
        `pid=${unrelated.pid}\ncommand=node dist/main.js\nstarted=2026-01-01T00:00:00Z\n`,
      ],
      ['from an older version', String(unrelated.pid)],
    ];
    for (const [name, content] of stale) {
      const dataDir = join(workDir, `stale-${name.replace(/\W/g, '-')}`);
      const first = await start(dataDir);
      await first.service.waitUntilReady(first.baseUrl, READY_TIMEOUT_MS);
      first.service.child.kill('SIGTERM');
      expect(await first.service.exited).toEqual({ code: 0, signal: null });
      writeFileSync(join(dataDir, 'loopboard.lock'), content);

      const next = await start(dataDir);
      await next.service.waitUntilReady(next.baseUrl, READY_TIMEOUT_MS);
      expect(await teamKeys(next.baseUrl)).toEqual([]);
      next.service.child.kill('SIGTERM');
      expect(await next.service.exited).toEqual({ code: 0, signal: null });
    }
  }, 300_000);

  it('after SIGKILL, the next start takes over and every acknowledged write is there', async () => {
    const dataDir = join(workDir, 'killed');
    const first = await start(dataDir);
    await first.service.waitUntilReady(first.baseUrl, READY_TIMEOUT_MS);
    const keys = ['KILL1', 'KILL2', 'KILL3'];
    for (const key of keys) await createTeam(first.baseUrl, key);
    first.service.child.kill('SIGKILL');
    expect(await first.service.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const second = await start(dataDir);
    await second.service.waitUntilReady(second.baseUrl, READY_TIMEOUT_MS);
    expect(await teamKeys(second.baseUrl)).toEqual(keys);
  }, 300_000);

  it('of two services started at once on one DATA_DIR, exactly one serves; the other exits 1 naming the lock and its holder', async () => {
    const dataDir = join(workDir, 'twins');
    const [a, b] = await Promise.all([start(dataDir), start(dataDir)]);
    const outcome = (s: { service: SpawnedService; baseUrl: string }) =>
      Promise.race([
        s.service.exited.then((exit) => ({ s, exit })),
        s.service.waitUntilReady(s.baseUrl, READY_TIMEOUT_MS).then(() => ({ s, exit: null })),
      ]);
    const results = await Promise.all([outcome(a), outcome(b)]);
    const serving = results.filter((r) => r.exit === null);
    const refused = results.filter((r) => r.exit !== null);
    expect(serving).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.exit).toEqual({ code: 1, signal: null });
    const output = refused[0]!.s.service.stdout() + refused[0]!.s.service.stderr();
    expect(output).toContain(join(dataDir, 'loopboard.lock'));
    expect(output).toContain(`process ${serving[0]!.s.service.child.pid} (`);
    expect(output).toContain('Stop that process first');
    // The one that serves really does.
    await createTeam(serving[0]!.s.baseUrl, 'TWIN1');
    expect(await teamKeys(serving[0]!.s.baseUrl)).toEqual(['TWIN1']);
  }, 300_000);
});
