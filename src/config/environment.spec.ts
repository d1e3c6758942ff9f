import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError, Environment, validateEnvironment } from './environment';

function errorOf(env: Record<string, string>): ConfigurationError {
  try {
    validateEnvironment(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('validateEnvironment', () => {
  it('gives every variable its default when the environment is empty', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATA_DIR: './data',
      DATABASE_POOL_SIZE: 10,
      DATABASE_CONNECT_TIMEOUT_MS: 5000,
      MIGRATE_ON_START: true,
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('converts numbers and booleans given as strings', () => {
    const env = validateEnvironment({
      PORT: '8080',
      MIGRATE_ON_START: 'false',
      DATABASE_POOL_SIZE: '25',
    });
    expect(env.PORT).toBe(8080);
    expect(env.MIGRATE_ON_START).toBe(false);
    expect(env.DATABASE_POOL_SIZE).toBe(25);
  });

  it('names PORT and what it expects when it is not a number', () => {
    const error = errorOf({ PORT: 'abc' });
    expect(error.variable).toBe('PORT');
    expect(error.message).toBe(
      'Invalid configuration: PORT must be an integer from 1 to 65535 (got "abc")',
    );
  });

  it('bounds the webhook queue: a default, and a clear error for zero', () => {
    expect(validateEnvironment({}).WEBHOOK_QUEUE_MAX_DELIVERIES).toBe(1000);
    expect(
      validateEnvironment({ WEBHOOK_QUEUE_MAX_DELIVERIES: '50' }).WEBHOOK_QUEUE_MAX_DELIVERIES,
    ).toBe(50);
    const error = errorOf({ WEBHOOK_QUEUE_MAX_DELIVERIES: '0' });
    expect(error.variable).toBe('WEBHOOK_QUEUE_MAX_DELIVERIES');
    expect(error.message).toContain('an integer from 1 to 100000');
  });

  it('bounds silences in Alertmanager to 30 days unless told otherwise', () => {
    expect(validateEnvironment({}).SILENCE_MAX_DAYS).toBe(30);
    expect(validateEnvironment({ SILENCE_MAX_DAYS: '7' }).SILENCE_MAX_DAYS).toBe(7);
    const error = errorOf({ SILENCE_MAX_DAYS: '0' });
    expect(error.variable).toBe('SILENCE_MAX_DAYS');
    expect(error.message).toContain('an integer from 1 to 3650');
  });

  it('rejects a port out of range', () => {
    expect(errorOf({ PORT: '70000' }).variable).toBe('PORT');
  });

  it('names DATABASE_URL without echoing its value, which may hold a password', () => {
    const error = errorOf({ DATABASE_URL: 'not-a-url' });
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.message).toContain('DATABASE_URL must be a PostgreSQL URL');
    expect(error.message).not.toContain('not-a-url');
  });

  it('rejects a URL of another database', () => {
    expect(errorOf({ DATABASE_URL: 'mysql://root@localhost/db' }).variable).toBe('DATABASE_URL');
  });

  it('accepts postgres:// and postgresql:// URLs and treats an empty one as unset', () => {
    expect(validateEnvironment({ DATABASE_URL: 'postgres://u:p@db:5432/x' }).DATABASE_URL).toBe(
      'postgres://u:p@db:5432/x',
    );
    expect(validateEnvironment({ DATABASE_URL: 'postgresql://localhost/x' }).DATABASE_URL).toBe(
      'postgresql://localhost/x',
    );
    expect(validateEnvironment({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('rejects an unknown log level and a non-boolean MIGRATE_ON_START', () => {
    expect(errorOf({ LOG_LEVEL: 'loud' }).message).toContain(
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    );
    expect(errorOf({ MIGRATE_ON_START: 'maybe' }).variable).toBe('MIGRATE_ON_START');
  });

  it('keeps the message to one line', () => {
    expect(errorOf({ DATABASE_CONNECT_TIMEOUT_MS: '-5' }).message).not.toContain('\n');
  });

  it('explains an integer range with its unit and what 0 means', () => {
    expect(errorOf({ DATABASE_STATEMENT_TIMEOUT_MS: '-1' }).message).toBe(
      'Invalid configuration: DATABASE_STATEMENT_TIMEOUT_MS must be an integer from 0 (none) to 3600000 (milliseconds) (got "-1")',
    );
    expect(errorOf({ BOARD_CACHE_MAX_BYTES: '1.5' }).message).toBe(
      'Invalid configuration: BOARD_CACHE_MAX_BYTES must be an integer from 0 to 1073741824 (0 turns the cache off) (got "1.5")',
    );
  });

  it('has the defaults the README configuration table documents', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const documented = new Map(
      [...readme.matchAll(/^\| `([A-Z_]+)` +\| `([^`]*)`/gm)].map((m) => [m[1], m[2]]),
    );
    const defaults = Object.entries(new Environment()).filter(([, value]) => value !== undefined);
    expect(defaults.length).toBeGreaterThan(20);
    for (const [name, value] of defaults)
      expect([name, documented.get(name)]).toEqual([name, String(value)]);
  });
});
