import { PassThrough } from 'node:stream';
import type { MigrationService } from '../common/database/migration.service';
import { AppLogger, createPino } from '../common/logging/app-logger';
import type { AppConfig } from '../config/app-config';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { hashApiToken } from './api-token';
import type { ApiTokensRepository } from './api-tokens.repository';

const ADMIN_TOKEN = 'lb_configured_admin_token_0123456789abcdef';

describe('AdminBootstrapService', () => {
  let calls: { method: string; args: unknown[] }[];
  let activeAdmins: number;
  let firstAdminWins: boolean;
  let printed: string[];
  let logs: string[];
  let write: jest.SpyInstance;

  beforeEach(() => {
    calls = [];
    activeAdmins = 0;
    firstAdminWins = true;
    printed = [];
    logs = [];
    write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      printed.push(String(chunk));
      return true;
    });
  });

  afterEach(() => {
    write.mockRestore();
  });

  function service(options: { adminToken?: string; migrated?: boolean }): AdminBootstrapService {
    const record =
      (method: string, result: (...args: unknown[]) => unknown) =>
      (...args: unknown[]) => {
        calls.push({ method, args });
        return Promise.resolve(result(...args));
      };
    const tokens = {
      upsertBootstrapAdmin: record('upsertBootstrapAdmin', () => 'created'),
      countActiveAdmins: record('countActiveAdmins', () => activeAdmins),
      createFirstAdmin: record('createFirstAdmin', () => (firstAdminWins ? { id: 'x' } : null)),
    } as unknown as ApiTokensRepository;
    const config = { adminToken: options.adminToken } as AppConfig;
    const migrations = {
      state: () => Promise.resolve({ ready: options.migrated ?? true }),
    } as unknown as MigrationService;
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    const logger = new AppLogger(createPino({ level: 'info', pretty: false, destination: stream }));
    return new AdminBootstrapService(tokens, config, logger, migrations);
  }

  it('makes ADMIN_TOKEN the instance admin token, storing only its hash', async () => {
    await service({ adminToken: ADMIN_TOKEN }).onApplicationBootstrap();
    expect(calls.map((c) => c.method)).toEqual(['upsertBootstrapAdmin']);
    const [hash, prefix] = calls[0]!.args;
    expect(hash).toBe(hashApiToken(ADMIN_TOKEN));
    expect(prefix).toBe(ADMIN_TOKEN.slice(0, 7));
    expect(JSON.stringify(calls)).not.toContain(ADMIN_TOKEN);
    expect(printed.join('')).not.toContain(ADMIN_TOKEN);
    expect(logs.join('')).not.toContain(ADMIN_TOKEN);
  });

  it('without ADMIN_TOKEN and without any admin, creates one and prints it once', async () => {
    await service({}).onApplicationBootstrap();
    const secret = /(lb_[A-Za-z0-9_-]{43})/.exec(printed.join(''))?.[1];
    expect(secret).toBeDefined();
    expect(calls.map((c) => c.method)).toEqual(['countActiveAdmins', 'createFirstAdmin']);
    expect(calls[1]!.args[0]).toBe(hashApiToken(secret!));
    expect(logs.join('')).not.toContain(secret!);
    expect(logs.join('')).toContain('printed it once');
  });

  it('prints nothing when an admin exists, or when another replica created it first', async () => {
    activeAdmins = 1;
    await service({}).onApplicationBootstrap();
    expect(calls.map((c) => c.method)).toEqual(['countActiveAdmins']);
    activeAdmins = 0;
    firstAdminWins = false;
    await service({}).onApplicationBootstrap();
    expect(printed.join('')).not.toMatch(/lb_/);
  });

  it('does nothing on a database that is not migrated yet', async () => {
    await service({ adminToken: ADMIN_TOKEN, migrated: false }).onApplicationBootstrap();
    expect(calls).toEqual([]);
    expect(logs.join('')).toContain('Admin token bootstrap skipped');
  });
});
