import { ShutdownState } from '../../src/health/shutdown-state';
import { startTestApp, TestApp } from '../helpers/test-app';

describe('health and request ids', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers /health/live with 200', async () => {
    const res = await t.http.get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.process.status).toBe('up');
  });

  it('answers /health/ready with 200 when the database answers and migrations are applied', async () => {
    const res = await t.http.get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.info.database).toEqual({ status: 'up', kind: t.database.kind });
  });

  it('returns the caller’s x-request-id and logs it on the request line', async () => {
    const res = await t.http.get('/health/live').set('x-request-id', 'trace-abc-123');
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
    const line = t.logs.find((l) => l.msg === 'request' && l.requestId === 'trace-abc-123');
    expect(line).toMatchObject({ method: 'GET', route: '/health/live', status: 200 });
  });

  it('generates a request id when none or an unsafe one is sent', async () => {
    const res = await t.http.get('/health/live').set('x-request-id', 'bad id\twith spaces');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with the JSON error shape and the request id', async () => {
    // A POST: GETs of paths outside the API's own are the web app's client routes (its page).
    const res = await t.http.post('/nope').set('x-request-id', 'req-404');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'NOT_FOUND',
      message: 'Cannot POST /nope',
      requestId: 'req-404',
    });
  });

  it('answers malformed JSON with 400 naming the problem', async () => {
    const res = await t.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .send('{"query": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      error: 'BAD_USER_INPUT',
      message: 'Request body is not valid JSON',
    });
    expect(res.body.requestId).toEqual(res.headers['x-request-id']);
  });

  it('answers a body over the limit with 413', async () => {
    const res = await t.http
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ query: '{ teams { id } }', padding: 'x'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      statusCode: 413,
      error: 'PAYLOAD_TOO_LARGE',
      limitBytes: 1048576,
    });
  });

  // Last: draining cannot be undone.
  it('answers /health/ready with 503 and the reason once a shutdown has begun', async () => {
    t.app.get(ShutdownState).beginDrain();
    const res = await t.http.get('/health/ready');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({
      status: 'error',
      error: { lifecycle: { status: 'down', message: 'shutting down' } },
      info: { database: { status: 'up', kind: t.database.kind } },
    });
    expect((await t.http.get('/health/live')).status).toBe(200);
  });
});
