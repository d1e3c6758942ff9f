import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../../config/app-config';
import { AppLogger } from '../logging/app-logger';
import { DATABASE_CONNECTION } from './database.tokens';
import type { DatabaseConnection } from './database-connection';

type Handler = (payload: string) => void;

/** Channel names are identifiers we choose; refusing anything else keeps LISTEN unquotable. */
const CHANNEL = /^[a-z_][a-z0-9_]*$/;
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;

/**
 * The process's one listening connection for PostgreSQL's NOTIFY. Notifications are queued by
 * database triggers and delivered only when their transaction commits, in commit order, to every
 * listening session: every replica hears every replica's changes, and a rolled-back change is
 * never heard. On PostgreSQL it is a dedicated client outside the pool (a pooled connection would
 * be handed back and lose its LISTENs), reconnected with backoff; on PGlite, the embedded
 * database's own session, which hears its own notifications.
 *
 * While the connection is down, notifications are lost: `onResync` handlers run after every
 * reconnection so that consumers can tell their clients to re-read.
 */
@Injectable()
export class DatabaseListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly resyncHandlers = new Set<() => void>();
  /** PGlite: channels already listened to (PostgreSQL re-listens to all on each connection). */
  private readonly listening = new Set<string>();
  private client: Client | null = null;
  private pgliteUnsubscribes: (() => Promise<void>)[] = [];
  private started = false;
  private stopped = false;
  /** PostgreSQL connection attempts so far: any connection after the first is a resync. */
  private attempts = 0;
  private reconnectDelay = RECONNECT_MIN_MS;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection,
    private readonly config: AppConfig,
    private readonly logger: AppLogger,
  ) {}

  /** True while notifications are being received (the connection is up and listening). */
  get connected(): boolean {
    return this.connection.kind === 'pglite' ? this.started : this.client !== null;
  }

  /**
   * Calls `handler` with each payload sent on `channel`. Register during module initialisation
   * (onModuleInit): the listener connects and LISTENs once every module is initialised, before
   * the service takes requests.
   */
  on(channel: string, handler: Handler): () => void {
    if (!CHANNEL.test(channel)) throw new Error(`Invalid NOTIFY channel name: ${channel}`);
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      if (this.started)
        this.listen(channel).catch((error: unknown) =>
          this.logger.warn(
            `LISTEN ${channel} failed (the next reconnection listens again): ${error instanceof Error ? error.message : String(error)}`,
            'DatabaseListener',
          ),
        );
    }
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Runs after the listening connection came back: notifications may have been missed. */
  onResync(handler: () => void): () => void {
    this.resyncHandlers.add(handler);
    return () => this.resyncHandlers.delete(handler);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.started = true;
    if (this.connection.kind === 'pglite') {
      for (const channel of this.handlers.keys()) await this.listen(channel);
      return;
    }
    // A database that is down at start must not stop the service from starting: it keeps trying.
    await this.connect().catch(() => this.scheduleReconnect());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
    const unsubscribes = this.pgliteUnsubscribes;
    this.pgliteUnsubscribes = [];
    const pglite = this.connection.pglite;
    if (pglite && !pglite.closed) await Promise.all(unsubscribes.map((u) => u().catch(() => {})));
  }

  private dispatch(channel: string, payload: string): void {
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler(payload);
      } catch (error) {
        this.logger.error(
          `A ${channel} notification handler failed: ${error instanceof Error ? error.message : String(error)}`,
          'DatabaseListener',
        );
      }
    }
  }

  private async listen(channel: string): Promise<void> {
    const pglite = this.connection.pglite;
    if (pglite) {
      if (this.listening.has(channel)) return;
      this.listening.add(channel);
      const unsubscribe = await pglite.listen(channel, (payload) =>
        this.dispatch(channel, payload),
      );
      this.pgliteUnsubscribes.push(unsubscribe);
      return;
    }
    await this.client?.query(`LISTEN ${channel}`);
  }

  private async connect(): Promise<void> {
    const database = this.config.database;
    if (database.kind !== 'postgres' || this.stopped) return;
    const resync = this.attempts++ > 0;
    const client = new Client({
      connectionString: database.url,
      connectionTimeoutMillis: database.connectTimeoutMs,
      keepAlive: true,
      application_name: 'loopboard-listener',
    });
    client.on('notification', (message) => this.dispatch(message.channel, message.payload ?? ''));
    const lost = (error?: Error): void => {
      if (this.client !== client) return;
      this.client = null;
      if (this.stopped) return;
      this.logger.warn(
        `The database notification listener lost its connection${error ? `: ${error.message}` : ''}; reconnecting`,
        'DatabaseListener',
      );
      void client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.reconnectDelay = RECONNECT_MIN_MS;
    if (resync) for (const handler of this.resyncHandlers) handler();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(delay * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect().catch(() => this.scheduleReconnect());
    }, delay);
    this.reconnectTimer.unref();
  }
}
