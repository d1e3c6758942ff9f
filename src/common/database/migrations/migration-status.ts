import type { PrismaService } from '../prisma.service';

/** Names of migrations recorded as finished (not rolled back) in `_prisma_migrations`. */
export async function appliedMigrations(prisma: PrismaService): Promise<string[]> {
  const table = await prisma.$queryRaw<{ exists: boolean }[]>`
    SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists`;
  if (!table[0]?.exists) return [];
  const rows = await prisma.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations
    WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  return rows.map((row) => row.migration_name);
}
