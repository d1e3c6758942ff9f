/**
 * `npm run token -- <command>`: manage API tokens from a shell (first tokens, CI bots, recovery).
 *
 *   create --team <KEY> --role <VIEWER|MEMBER|ADMIN> --name <name> [--expires <YYYY-MM-DD>]
 *   create --instance-admin --name <name> [--expires <YYYY-MM-DD>]
 *   list [--team <KEY>] [--all]
 *   revoke <token id>
 *   generate          a random token value for ADMIN_TOKEN (touches no database)
 *
 * On the embedded database the service must be stopped first (one process per data directory);
 * while it runs, use the GraphQL mutations createApiToken / revokeApiToken instead.
 */
import 'reflect-metadata';
import { config as loadDotenv } from 'dotenv';
import { parseArgs } from 'node:util';
import { ApiTokensRepository } from '../auth/api-tokens.repository';
import { generateApiToken } from '../auth/api-token';
import { ApiTokensService } from '../auth/api-tokens.service';
import { openDatabase } from '../common/database/database-connection';
import { Migrator } from '../common/database/migrations/migrator';
import { PrismaService } from '../common/database/prisma.service';
import { parseLocalDate } from '../common/graphql/date.scalar';
import { loadConfig } from '../config/load-config';
import type { TeamRole } from '../generated/prisma/enums';

const ROLES = ['VIEWER', 'MEMBER', 'ADMIN'];
const USAGE = `Usage:
  npm run token -- create --team <KEY> --role <VIEWER|MEMBER|ADMIN> --name <name> [--expires <YYYY-MM-DD>]
  npm run token -- create --instance-admin --name <name> [--expires <YYYY-MM-DD>]
  npm run token -- list [--team <KEY>] [--all]
  npm run token -- revoke <token id>
  npm run token -- generate
`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      team: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string' },
      'instance-admin': { type: 'boolean' },
      all: { type: 'boolean' },
    },
  });
  const [command, argument] = positionals;
  if (command === 'generate') {
    process.stdout.write(`${generateApiToken()}\n`);
    return 0;
  }
  if (!command || !['create', 'list', 'revoke'].includes(command)) throw new UsageError(USAGE);

  loadDotenv({ quiet: true });
  const config = loadConfig(process.env);
  const connection = await openDatabase(config.database, {
    warn: (m) => process.stderr.write(`${m}\n`),
  });
  try {
    await new Migrator(config.database, connection).apply();
    const prisma = new PrismaService(connection);
    const repository = new ApiTokensRepository(prisma);
    const tokens = new ApiTokensService(repository);
    const teamId = async (key: string | undefined): Promise<string | null> => {
      if (!key) return null;
      const team = await prisma.team.findUnique({ where: { key: key.toUpperCase() } });
      if (!team) throw new UsageError(`No team with key ${key}`);
      return team.id;
    };
    switch (command) {
      case 'create': {
        if (!values.name) throw new UsageError(`--name is required\n\n${USAGE}`);
        const instanceAdmin = values['instance-admin'] ?? false;
        const role = values.role?.toUpperCase();
        if (!instanceAdmin && (!values.team || !role || !ROLES.includes(role))) {
          throw new UsageError(
            `--team and --role (${ROLES.join(', ')}) are required, or --instance-admin\n\n${USAGE}`,
          );
        }
        const expires = values.expires ? parseLocalDate(values.expires) : null;
        if (values.expires && !expires)
          throw new UsageError('--expires must be a date as YYYY-MM-DD');
        const created = await tokens.create(null, {
          name: values.name,
          teamId: await teamId(values.team),
          role: instanceAdmin ? null : (role as TeamRole),
          instanceAdmin,
          expiresAt: expires,
        });
        process.stdout.write(`${created.token}\n`);
        process.stderr.write(
          `Created token ${created.apiToken.id} (${created.apiToken.name}); the secret above is shown only once.\n`,
        );
        return 0;
      }
      case 'list': {
        const rows = await tokens.list(await teamId(values.team), values.all ?? false);
        for (const t of rows) {
          const grants = t.instanceAdmin
            ? 'instance admin'
            : t.grants.map((g) => `${g.role}@${g.teamId}`).join(' ');
          const state = t.revokedAt
            ? 'revoked'
            : t.expiresAt && t.expiresAt <= new Date()
              ? 'expired'
              : 'active';
          process.stdout.write(
            `${t.id}\t${t.prefix}…\t${t.name}\t${grants}\t${state}\tlast used ${t.lastUsedAt?.toISOString() ?? 'never'}\n`,
          );
        }
        return 0;
      }
      case 'revoke': {
        if (!argument) throw new UsageError(`revoke needs a token id\n\n${USAGE}`);
        const revoked = await tokens.revoke(argument);
        process.stderr.write(`Revoked ${revoked.id} (${revoked.name})\n`);
        return 0;
      }
    }
    return 2;
  } finally {
    await connection.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
