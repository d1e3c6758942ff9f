import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';
import { IsPostgresUrl } from './is-postgres-url.validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;

/**
 * An integer setting from `min` to `max`: parsed from its string, range-checked, with one message
 * naming the variable and the range (`note` follows the range, `zero` says what 0 means). The
 * default is the property's initializer, the value the README's configuration table documents.
 */
function IntSetting(
  min: number,
  max: number,
  explain: { note?: string; zero?: string } = {},
): PropertyDecorator {
  return (target, property) => {
    const from = explain.zero === undefined ? `${min}` : `${min} (${explain.zero})`;
    const to = explain.note === undefined ? `${max}` : `${max} (${explain.note})`;
    const message = `${String(property)} must be an integer from ${from} to ${to}`;
    for (const decorate of [
      Transform(toInt),
      IsInt({ message }),
      Min(min, { message }),
      Max(max, { message }),
    ])
      decorate(target, property);
  };
}

const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * Every environment variable Loopboard reads, with its default. Validated once at boot
 * (`loadConfig`); nothing else in the code reads `process.env`.
 * Each `message` is the whole explanation a user sees when the value is wrong.
 */
export class Environment {
  @IntSetting(1, 65535)
  PORT = 3000;

  @IsString()
  @MinLength(1, { message: 'HOST must be a host name or address to listen on, e.g. 0.0.0.0' })
  HOST: string = '0.0.0.0';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsPostgresUrl({
    message:
      'DATABASE_URL must be a PostgreSQL URL like postgresql://user:password@host:5432/database (unset it to use the embedded database)',
  })
  DATABASE_URL?: string;

  @IsString()
  @MinLength(1, { message: 'DATA_DIR must be a directory path for the embedded database' })
  DATA_DIR: string = './data';

  @IntSetting(1, 1000)
  DATABASE_POOL_SIZE = 10;

  @IntSetting(100, 600000, { note: 'milliseconds' })
  DATABASE_CONNECT_TIMEOUT_MS = 5000;

  @IntSetting(0, 3600000, { note: 'milliseconds', zero: 'none' })
  DATABASE_STATEMENT_TIMEOUT_MS = 30000;

  @Transform(toBool)
  @IsBoolean({ message: 'MIGRATE_ON_START must be true or false' })
  MIGRATE_ON_START: boolean = true;

  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsIn(NODE_ENVS, { message: `NODE_ENV must be one of ${NODE_ENVS.join(', ')}` })
  NODE_ENV: NodeEnv = 'development';

  @IntSetting(0, 600000, { note: 'milliseconds' })
  SHUTDOWN_TIMEOUT_MS = 10000;

  @IntSetting(1024, 104857600)
  REQUEST_BODY_LIMIT_BYTES = 1048576;

  @IntSetting(1024, 104857600)
  WEBHOOK_BODY_LIMIT_BYTES = 1048576;

  @IntSetting(0, 1073741824, { note: '0 turns the cache off' })
  BOARD_CACHE_MAX_BYTES = 33554432;

  @IntSetting(100, 600000, { note: 'milliseconds' })
  HEARTBEAT_INTERVAL_MS = 15000;

  @IntSetting(100, 600000, { note: 'milliseconds' })
  SLA_SCAN_INTERVAL_MS = 5000;

  @IntSetting(50, 600000, { note: 'milliseconds' })
  NOTIFY_DISPATCH_INTERVAL_MS = 1000;

  @IntSetting(100, 120000, { note: 'milliseconds' })
  NOTIFY_TIMEOUT_MS = 10000;

  @IntSetting(10, 3600000, { note: 'milliseconds' })
  NOTIFY_RETRY_BASE_MS = 5000;

  @IntSetting(1, 720, { note: 'hours' })
  NOTIFY_RETRY_HOURS = 24;

  @IntSetting(1, 3650, { note: 'days' })
  NOTIFY_RETENTION_DAYS = 30;

  @Transform(toBool)
  @IsBoolean({ message: 'NOTIFY_ALLOW_PRIVATE_TARGETS must be true or false' })
  NOTIFY_ALLOW_PRIVATE_TARGETS: boolean = false;

  @IntSetting(1, 1000000, { note: 'requests per token per minute' })
  GRAPHQL_RATE_LIMIT_PER_MINUTE = 600;

  @IntSetting(1, 10000000, { note: 'deliveries per integration per minute' })
  WEBHOOK_RATE_LIMIT_PER_MINUTE = 60000;

  @IntSetting(1, 100000, { note: 'deliveries per integration waiting to be processed' })
  WEBHOOK_QUEUE_MAX_DELIVERIES = 1000;

  @IntSetting(1, 3650, { note: "days a won't-fix silence in Alertmanager lasts at most" })
  SILENCE_MAX_DAYS = 30;

  @IntSetting(1, 100000, {
    note: 'requests with an unknown API token per client address per minute',
  })
  API_AUTH_FAILURES_PER_MINUTE = 60;

  @IntSetting(1, 100000, { note: 'failed webhook authentications per client address per minute' })
  WEBHOOK_AUTH_FAILURES_PER_MINUTE = 30;

  @IntSetting(2, 100)
  GRAPHQL_MAX_DEPTH = 10;

  @IntSetting(0, 1000)
  GRAPHQL_MAX_ALIASES = 15;

  @IntSetting(100, 10000000)
  GRAPHQL_MAX_COST = 20000;

  @Transform(toBool)
  @IsOptional()
  @IsBoolean({ message: 'GRAPHQL_INTROSPECTION must be true or false' })
  GRAPHQL_INTROSPECTION?: boolean;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^(\*|https?:\/\/[^\s,]+)(\s*,\s*https?:\/\/[^\s,]+)*$/, {
    message:
      'CORS_ORIGINS must be a comma-separated list of origins like https://app.example.com (or *)',
  })
  CORS_ORIGINS?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[a-z0-9.-]+(:\d{1,5})?(\s*,\s*[a-z0-9.-]+(:\d{1,5})?)*$/i, {
    message:
      'NOTIFY_ALLOWED_HOSTS must be a comma-separated list of host names or host:port, e.g. alertmanager:9093',
  })
  NOTIFY_ALLOWED_HOSTS?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^(true|false|\d+|[\d.:/a-f,\s]+|loopback|linklocal|uniquelocal)$/i, {
    message:
      'TRUST_PROXY must be true, false, a hop count, or addresses/subnets of trusted proxies',
  })
  TRUST_PROXY?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, {
    message:
      'ADMIN_TOKEN must be at least 32 characters (generate one with: npm run token -- generate)',
  })
  ADMIN_TOKEN?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16, {
    message: 'METRICS_TOKEN must be at least 16 characters (or unset for an open /metrics)',
  })
  METRICS_TOKEN?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, {
    message:
      'PUBLIC_URL must be the http(s) base URL clients use to reach Loopboard, e.g. https://loopboard.example.com',
  })
  PUBLIC_URL?: string;
}

/** Variables whose values are never echoed back in an error message. */
const SECRET_VARIABLES = new Set(['DATABASE_URL', 'METRICS_TOKEN', 'ADMIN_TOKEN']);

export class ConfigurationError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

/**
 * Validates the environment and returns the typed configuration, or throws a ConfigurationError
 * whose message is one line naming the first bad variable and what it expects.
 */
export function validateEnvironment(env: Record<string, string | undefined>): Environment {
  const known = Object.keys(new Environment());
  const input: Record<string, string> = {};
  for (const name of [
    ...known,
    'DATABASE_URL',
    'PUBLIC_URL',
    'METRICS_TOKEN',
    'ADMIN_TOKEN',
    'CORS_ORIGINS',
    'NOTIFY_ALLOWED_HOSTS',
    'TRUST_PROXY',
    'GRAPHQL_INTROSPECTION',
  ]) {
    const value = env[name];
    if (value !== undefined) input[name] = value;
  }
  const config = plainToInstance(Environment, input, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const first = errors[0] as ValidationError;
    const message = Object.values(first.constraints ?? {})[0] ?? `${first.property} is invalid`;
    const raw = input[first.property];
    const shown =
      SECRET_VARIABLES.has(first.property) || raw === undefined ? '' : ` (got "${raw}")`;
    throw new ConfigurationError(first.property, `Invalid configuration: ${message}${shown}`);
  }
  return config;
}
