import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpResult, outboundRequest, OutboundRefusedError, sendHttp } from './outbound-http';

const NONE = { all: false, hosts: [] };
const ALL = { all: true, hosts: [] };

describe('outboundRequest', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(302, { location: 'http://169.254.169.254/' });
        return res.end();
      }
      if (req.url === '/slow') return; // never answers
      req.resume();
      req.on('end', () => res.end(`${req.method} ${req.headers['content-length'] ?? '-'}`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses a host name that resolves to a private address, checked when connecting', async () => {
    await expect(
      outboundRequest({
        method: 'POST',
        url: `http://localhost:${port}/`,
        timeoutMs: 2000,
        privateTargets: NONE,
      }),
    ).rejects.toThrow(OutboundRefusedError);
    await expect(
      outboundRequest({
        method: 'GET',
        url: `http://127.0.0.1:${port}/`,
        timeoutMs: 2000,
        privateTargets: NONE,
      }),
    ).rejects.toThrow(/private address \(127\.0\.0\.1\)/);
  });

  it('reaches it when private targets are allowed, sending the body with its length', async () => {
    const answer = await outboundRequest({
      method: 'POST',
      url: `http://localhost:${port}/`,
      body: '{"a":1}',
      timeoutMs: 2000,
      privateTargets: ALL,
    });
    expect(answer).toMatchObject({ status: 200, body: 'POST 7' });
  });

  it('reaches a private host the operator named (NOTIFY_ALLOWED_HOSTS), and only that one', async () => {
    const named = { all: false, hosts: [`localhost:${port}`] };
    const answer = await outboundRequest({
      method: 'GET',
      url: `http://localhost:${port}/`,
      timeoutMs: 2000,
      privateTargets: named,
    });
    expect(answer.status).toBe(200);
    await expect(
      outboundRequest({
        method: 'GET',
        url: `http://127.0.0.1:${port}/`,
        timeoutMs: 2000,
        privateTargets: named,
      }),
    ).rejects.toThrow(/NOTIFY_ALLOWED_HOSTS/);
    const byName = { all: false, hosts: ['localhost'] };
    const other = await outboundRequest({
      method: 'GET',
      url: `http://localhost:${port}/`,
      timeoutMs: 2000,
      privateTargets: byName,
    });
    expect(other.status).toBe(200);
  });

  it('does not follow redirects: a 3xx fails for good', async () => {
    const result = await sendHttp({
      method: 'POST',
      url: `http://127.0.0.1:${port}/redirect`,
      timeoutMs: 2000,
      privateTargets: ALL,
    });
    expect(result).toEqual({
      outcome: 'failed',
      statusCode: 302,
      error: 'HTTP 302: redirects are not followed (to http://169.254.169.254/)',
    });
  });

  it('gives up on an answer that does not come, to be retried', async () => {
    const result = await sendHttp({
      method: 'POST',
      url: `http://127.0.0.1:${port}/slow`,
      timeoutMs: 200,
      privateTargets: ALL,
    });
    expect(result).toEqual({ outcome: 'retry', error: 'no answer within 200 ms' });
  });
});

describe('httpResult', () => {
  const answer = (status: number, headers: Record<string, string> = {}, body = '') => ({
    status,
    headers,
    body,
  });

  it('delivers 2xx, retries 408, 429 and 5xx, and fails other 4xx', () => {
    expect(httpResult(answer(204)).outcome).toBe('delivered');
    expect(httpResult(answer(408)).outcome).toBe('retry');
    expect(httpResult(answer(503, {}, 'down'))).toEqual({
      outcome: 'retry',
      statusCode: 503,
      error: 'HTTP 503: down',
    });
    expect(httpResult(answer(429, { 'retry-after': '7' }))).toMatchObject({ retryAfterMs: 7000 });
    expect(httpResult(answer(404)).outcome).toBe('failed');
    expect(httpResult(answer(401)).outcome).toBe('failed');
  });
});
