import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let root: string | undefined;

/** The directory holding `prisma/schema.prisma`: the repository root, or /app in the image. */
export function projectRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'prisma', 'schema.prisma'))) return (root = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`prisma/schema.prisma not found above ${__dirname}`);
    dir = parent;
  }
}

export const prismaSchemaPath = (): string => join(projectRoot(), 'prisma', 'schema.prisma');
export const migrationsDir = (): string => join(projectRoot(), 'prisma', 'migrations');
