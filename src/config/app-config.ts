import { resolve } from 'node:path';
import { Environment, LogLevel, NodeEnv } from './environment';

/** Which private addresses outgoing requests may reach: all of them, or these hosts only. */
export interface PrivateTargetPolicy {
  all: boolean;
  /** `host` or `host:port`, lower case. */
  hosts: readonly string[];
}

export type DatabaseConfig =
  | {
      kind: 'postgres';
      url: string;
      poolSize: number;
      connectTimeoutMs: number;
      statementTimeoutMs: number;
    }
  | { kind: 'pglite'; dataDir: string };

/** Typed, validated configuration. The only way code reads settings. */
export class AppConfig {
  constructor(private readonly env: Environment) {}

  get port(): number {
    return this.env.PORT;
  }

  get host(): string {
    return this.env.HOST;
  }

  get nodeEnv(): NodeEnv {
    return this.env.NODE_ENV;
  }

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }

  get logLevel(): LogLevel {
    return this.env.LOG_LEVEL;
  }

  /** Pretty, human-readable log lines in development; JSON lines otherwise. */
  get prettyLogs(): boolean {
    return this.env.NODE_ENV === 'development';
  }

  get database(): DatabaseConfig {
    if (this.env.DATABASE_URL) {
      return {
        kind: 'postgres',
        url: this.env.DATABASE_URL,
        poolSize: this.env.DATABASE_POOL_SIZE,
        connectTimeoutMs: this.env.DATABASE_CONNECT_TIMEOUT_MS,
        statementTimeoutMs: this.env.DATABASE_STATEMENT_TIMEOUT_MS,
      };
    }
    return { kind: 'pglite', dataDir: resolve(this.env.DATA_DIR) };
  }

  get migrateOnStart(): boolean {
    return this.env.MIGRATE_ON_START;
  }

  get shutdownTimeoutMs(): number {
    return this.env.SHUTDOWN_TIMEOUT_MS;
  }

  get requestBodyLimitBytes(): number {
    return this.env.REQUEST_BODY_LIMIT_BYTES;
  }

  get adminToken(): string | undefined {
    return this.env.ADMIN_TOKEN;
  }

  /** JSON bytes of board read answers a process keeps for unchanged boards (0: none). */
  get boardCacheMaxBytes(): number {
    return this.env.BOARD_CACHE_MAX_BYTES;
  }

  get limits(): {
    graphqlPerMinute: number;
    webhookPerMinute: number;
    webhookQueueMaxDeliveries: number;
    webhookAuthFailuresPerMinute: number;
    apiAuthFailuresPerMinute: number;
    maxDepth: number;
    maxAliases: number;
    maxCost: number;
  } {
    return {
      graphqlPerMinute: this.env.GRAPHQL_RATE_LIMIT_PER_MINUTE,
      webhookPerMinute: this.env.WEBHOOK_RATE_LIMIT_PER_MINUTE,
      webhookQueueMaxDeliveries: this.env.WEBHOOK_QUEUE_MAX_DELIVERIES,
      webhookAuthFailuresPerMinute: this.env.WEBHOOK_AUTH_FAILURES_PER_MINUTE,
      apiAuthFailuresPerMinute: this.env.API_AUTH_FAILURES_PER_MINUTE,
      maxDepth: this.env.GRAPHQL_MAX_DEPTH,
      maxAliases: this.env.GRAPHQL_MAX_ALIASES,
      maxCost: this.env.GRAPHQL_MAX_COST,
    };
  }

  /** Introspection: on outside production unless set. */
  get introspection(): boolean {
    return this.env.GRAPHQL_INTROSPECTION ?? !this.isProduction;
  }

  /** Allowed CORS origins; empty = CORS off. */
  get corsOrigins(): string[] {
    return (this.env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
  }

  /** Express "trust proxy" setting, for client addresses behind a load balancer. */
  get trustProxy(): boolean | number | string {
    const value = this.env.TRUST_PROXY;
    if (value === undefined || value === 'false') return false;
    if (value === 'true') return true;
    return /^\d+$/.test(value) ? Number(value) : value;
  }

  /** How often each replica scans for SLA targets that passed unmet. */
  /** The outbox: how often each replica looks for due messages, and how each is sent. */
  get outbox(): {
    dispatchIntervalMs: number;
    timeoutMs: number;
    retryBaseMs: number;
    retryHours: number;
    retentionDays: number;
    privateTargets: PrivateTargetPolicy;
  } {
    return {
      dispatchIntervalMs: this.env.NOTIFY_DISPATCH_INTERVAL_MS,
      timeoutMs: this.env.NOTIFY_TIMEOUT_MS,
      retryBaseMs: this.env.NOTIFY_RETRY_BASE_MS,
      retryHours: this.env.NOTIFY_RETRY_HOURS,
      retentionDays: this.env.NOTIFY_RETENTION_DAYS,
      privateTargets: {
        all: this.env.NOTIFY_ALLOW_PRIVATE_TARGETS,
        hosts: (this.env.NOTIFY_ALLOWED_HOSTS ?? '')
          .split(',')
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean),
      },
    };
  }

  get slaScanIntervalMs(): number {
    return this.env.SLA_SCAN_INTERVAL_MS;
  }

  get heartbeatIntervalMs(): number {
    return this.env.HEARTBEAT_INTERVAL_MS;
  }

  /** The longest a won't-fix silence in Alertmanager lasts (a longer mute is renewed). */
  get silenceMaxDays(): number {
    return this.env.SILENCE_MAX_DAYS;
  }

  /** When set, /metrics requires `Authorization: Bearer <token>`. */
  get metricsToken(): string | undefined {
    return this.env.METRICS_TOKEN;
  }

  get webhookBodyLimitBytes(): number {
    return this.env.WEBHOOK_BODY_LIMIT_BYTES;
  }

  /** Base URL that clients use to reach this service (for webhook URLs shown to users). */
  get publicUrl(): string {
    if (this.env.PUBLIC_URL) return this.env.PUBLIC_URL.replace(/\/+$/, '');
    const host =
      this.env.HOST === '0.0.0.0' || this.env.HOST === '::' ? 'localhost' : this.env.HOST;
    return `http://${host.includes(':') ? `[${host}]` : host}:${this.env.PORT}`;
  }
}
