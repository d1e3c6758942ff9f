/**
 * A TCP forwarder between the app and PostgreSQL that a test can cut and restore, to simulate
 * the database going away (every open connection dies, new ones are refused) and coming back
 * on the same address.
 */
import { createConnection, createServer, Server, Socket } from 'node:net';

export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private listenPort = 0;

  constructor(
    private readonly target: { host: string; port: number } = { host: '127.0.0.1', port: 5432 },
  ) {}

  /** The port the proxy listens on (fixed after the first start). */
  get port(): number {
    return this.listenPort;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Listens on 127.0.0.1: on a free port the first time, on the same port afterwards. */
  async start(): Promise<number> {
    if (this.server) return this.listenPort;
    const server = createServer((client) => this.forward(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (typeof address === 'object' && address) this.listenPort = address.port;
    this.server = server;
    return this.listenPort;
  }

  /** Refuses new connections and destroys every open one, both sides. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }

  /** `url` with its host and port replaced by the proxy's. */
  rewrite(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.listenPort);
    return parsed.toString();
  }

  private forward(client: Socket): void {
    const upstream = createConnection(this.target);
    this.sockets.add(client);
    this.sockets.add(upstream);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  }
}

/** The proxy's target taken from a PostgreSQL URL (host and port, 5432 by default). */
export function targetOf(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || 5432) };
}
