/**
 * A real local HTTP receiver for outgoing requests (notifications, webhooks): records every
 * request, answers from a script of statuses (then 200), and can go down and come back on the
 * same port, as a receiver that restarts does.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The status it was answered with. */
  status: number;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export class HttpReceiver {
  readonly requests: ReceivedRequest[] = [];
  private script: Answer[] = [];
  private server: Server | undefined;
  private port = 0;

  /** Answers the next requests with these, in order; then 200 again. */
  answerWith(...answers: (Answer | number)[]): void {
    this.script.push(...answers.map((a) => (typeof a === 'number' ? { status: a } : a)));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Requests to one path (`/hook-a`), parsed as JSON. */
  jsonAt<T = Record<string, any>>(path: string): T[] {
    return this.requests
      .filter((r) => r.path === path && r.status >= 200 && r.status < 300)
      .map((r) => JSON.parse(r.body) as T);
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answer = this.script.shift() ?? { status: 200 };
        this.requests.push({
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          status: answer.status,
        });
        res.writeHead(answer.status, answer.headers ?? {});
        res.end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Goes down (connections refused) until start() again, on the same port. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
