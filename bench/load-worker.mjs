// The load generator: autocannon in its own process (forked by lib.mjs runLoad), so the service
// and the client do not share an event loop. Receives one options message over IPC, answers with
// the figures, and exits.
//
// Options: url, method, headers, body, connections, duration (s) or amount, timeout (s),
//   unique    a placeholder in `body` replaced by a new value for every request (new alerts)
//   expect    a substring every 2xx answer must contain (else it counts as a bad answer)
//   reject    a substring no 2xx answer may contain (GraphQL: '"errors"')
import autocannon from 'autocannon';

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

function run(options) {
  let bad = 0;
  let badSample = null;
  let sequence = 0;
  const prefix = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  const request = { method: options.method ?? 'POST' };
  if (options.unique) {
    const template = options.body;
    request.setupRequest = (req) => ({
      ...req,
      body: template.replaceAll(options.unique, `${prefix}-${(sequence++).toString(36)}`),
    });
  }
  if (options.expect || options.reject) {
    request.onResponse = (status, body) => {
      if (status < 200 || status >= 300) return;
      const text = typeof body === 'string' ? body : String(body ?? '');
      const wrong =
        (options.expect && !text.includes(options.expect)) ||
        (options.reject && text.includes(options.reject));
      if (wrong) {
        bad++;
        badSample ??= text.slice(0, 1000);
      }
    };
  }
  const cpu0 = process.cpuUsage();
  const fromUs = monotonicUs();
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: options.url,
        method: options.method ?? 'POST',
        headers: options.headers ?? {},
        body: options.body,
        connections: options.connections ?? 50,
        duration: options.amount ? undefined : (options.duration ?? 10),
        amount: options.amount,
        timeout: options.timeout ?? 30,
        requests: [request],
      },
      (error, result) => {
        if (error) return reject(error);
        const toUs = monotonicUs();
        const cpu = process.cpuUsage(cpu0);
        const ok = result['2xx'] - bad;
        const durationMs = (toUs - fromUs) / 1000;
        resolve({
          requests: result.requests.total,
          ok,
          durationMs: Math.round(durationMs),
          perSecond: ok / (durationMs / 1000),
          latency: {
            mean: result.latency.mean,
            p50: result.latency.p50,
            p90: result.latency.p90,
            p99: result.latency.p99,
            max: result.latency.max,
          },
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          statusCodes: result.statusCodeStats,
          badAnswers: bad,
          badSample,
          window: { fromUs, toUs },
          loadGeneratorCpuMs: Math.round((cpu.user + cpu.system) / 1000),
        });
      },
    );
  });
}

process.on('message', (options) => {
  run(options)
    .then((result) => process.send(result, () => process.exit(0)))
    .catch((error) =>
      process.send({ error: String(error?.stack ?? error) }, () => process.exit(1)),
    );
});
process.send({ ready: true });
