/**
 * The service as a process, as `npm start` runs it: bad configuration stops it with one line,
 * it logs where it listens, SIGTERM lets an in-flight request finish and exits 0, and the
 * embedded database keeps its data across a restart. Always on PGlite (the child never sees the
 * test run's DATABASE_URL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../helpers/eventually';
import {
  buildService,
  BuiltService,
  freePort,
  spawnService,
  SpawnedService,
} from '../helpers/spawn-service';

// A first start on an empty DATA_DIR creates and migrates the database: seconds when the machine
// is idle, more when it is busy running other test files.
jest.setTimeout(150_000);
const READY_TIMEOUT_MS = 120_000; // a bound for a hang: a loaded two-core machine starts slowly

interface GraphqlBody {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** The instance admin token the service is started with (GraphQL needs a caller). */
const ADMIN_TOKEN = 'lb_process_test_admin_0123456789abcdef0123';
const AUTH = { authorization: `Bearer ${ADMIN_TOKEN}` };

const CREATE_TEAM = `mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id key name } }`;

async function graphql(
  baseUrl: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ status: number; body: GraphqlBody }> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...AUTH },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as GraphqlBody };
}

/**
 * POST /graphql announcing the whole body's length but sending only its first half; the caller
 * sends the rest with `finish()`. `inFlight` settles once the server has parsed the request's
 * headers (it answers `Expect: 100-continue` only then), so the request is provably in flight
 * on the server, whatever the machine's load, before the test goes on.
 */
function halfSentGraphql(
  port: number,
  payload: unknown,
): {
  inFlight: Promise<void>;
  finish(): void;
  response: Promise<{ status: number; body: GraphqlBody }>;
} {
  const body = Buffer.from(JSON.stringify(payload));
  const half = Math.floor(body.length / 2);
  const req = httpRequest({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/graphql',
    headers: {
      ...AUTH,
      'content-type': 'application/json',
      'content-length': body.length,
      expect: '100-continue',
    },
  });
  const inFlight = new Promise<void>((resolve, reject) => {
    req.once('continue', () => {
      req.write(body.subarray(0, half));
      resolve();
    });
    req.once('error', reject);
  });
  const response = new Promise<{ status: number; body: GraphqlBody }>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as GraphqlBody });
        } catch {
          reject(new Error(`not JSON (${res.statusCode}): ${text}`));
        }
      });
    });
  });
  req.flushHeaders();
  return { inFlight, finish: () => req.end(body.subarray(half)), response };
}

describe('the service process', () => {
  let workDir: string;
  let built: BuiltService;
  const running: SpawnedService[] = [];

  beforeAll(() => {
    // The build must be the code under test, not whatever an earlier build left in dist/.
    built = buildService();
    workDir = mkdtempSync(join(tmpdir(), 'loopboard-process-'));
  }, 300_000);

  afterEach(() => {
    for (const service of running.splice(0)) service.kill();
  });

  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    built?.remove();
  });

  const start = (env: Record<string, string>): SpawnedService => {
    const service = spawnService(
      built.mainJs,
      {
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        ADMIN_TOKEN,
        ...env,
      },
      workDir,
    );
    running.push(service);
    return service;
  };

  it('exits non-zero with one line naming PORT when PORT is not a number', async () => {
    const service = start({ PORT: 'abc', DATA_DIR: join(workDir, 'unused') });
    const exit = await service.exited;
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(service.stderr()).toBe(
      'Invalid configuration: PORT must be an integer from 1 to 65535 (got "abc")\n',
    );
    expect(service.stdout()).toBe('');
  });

  it('exits non-zero with one line naming DATABASE_URL, without echoing its value', async () => {
    const service = start({ DATABASE_URL: 'not-a-url', DATA_DIR: join(workDir, 'unused') });
    const exit = await service.exited;
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    const lines = service.stderr().split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: DATABASE_URL must be a PostgreSQL URL/);
    expect(service.stderr()).not.toContain('not-a-url');
  });

  it('starts, finishes an in-flight request on SIGTERM, exits 0 and keeps the data', async () => {
    const dataDir = join(workDir, 'data');
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;

    const first = start({ PORT: String(port), DATA_DIR: dataDir });
    await first.waitUntilReady(baseUrl, READY_TIMEOUT_MS);
    const listening = first
      .logLines()
      .find((line) => typeof line.msg === 'string' && line.msg.includes('listening on'));
    expect(listening?.msg).toContain(`listening on ${baseUrl} `);
    expect(listening).toMatchObject({ level: 'info', service: 'loopboard' });

    const created = await graphql(baseUrl, CREATE_TEAM, {
      input: { key: 'PROC1', name: 'Before restart' },
    });
    expect(created).toMatchObject({
      status: 200,
      body: { data: { createTeam: { key: 'PROC1', name: 'Before restart' } } },
    });
    expect(created.body.errors).toBeUndefined();

    const inFlight = halfSentGraphql(port, {
      query: CREATE_TEAM,
      variables: { input: { key: 'PROC2', name: 'Sent during shutdown' } },
    });
    await inFlight.inFlight;
    first.child.kill('SIGTERM');
    // The rest of the body is sent once the service is draining, not before.
    await eventually(
      () =>
        first
          .logLines()
          .some((line) => line.msg === 'SIGTERM received: draining requests (up to 10000 ms)'),
      { message: 'the service draining after SIGTERM' },
    );
    inFlight.finish();
    const answer = await inFlight.response;
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual({
      createTeam: { id: expect.any(String), key: 'PROC2', name: 'Sent during shutdown' },
    });

    expect(await first.exited).toEqual({ code: 0, signal: null });
    const messages = first.logLines().map((line) => line.msg);
    expect(messages).toContain('SIGTERM received: draining requests (up to 10000 ms)');
    expect(messages).toContain('Stopped cleanly');

    const second = start({ PORT: String(port), DATA_DIR: dataDir });
    await second.waitUntilReady(baseUrl, READY_TIMEOUT_MS);
    const teams = await graphql(baseUrl, '{ teams { key name } }');
    expect(teams.body.errors).toBeUndefined();
    expect(teams.body.data?.teams).toEqual([
      { key: 'PROC1', name: 'Before restart' },
      { key: 'PROC2', name: 'Sent during shutdown' },
    ]);
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  }, 300_000);
});
