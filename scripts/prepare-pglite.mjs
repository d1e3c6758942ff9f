#!/usr/bin/env node
// Run by `npm install` (postinstall): initializes an empty embedded database once, in
// node_modules/.cache, so that a first `npm start` copies it (well under a second) instead of
// running PGlite's initdb (several seconds of CPU). Optional: the service falls back to initdb.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
try {
  const entry = require.resolve('@electric-sql/pglite');
  const { version } = JSON.parse(
    readFileSync(join(dirname(dirname(entry)), 'package.json'), 'utf8'),
  );
  const template = join(root, 'node_modules', '.cache', 'loopboard', `pglite-${version}-template`);
  if (!existsSync(join(template, 'PG_VERSION'))) {
    const staging = `${template}.tmp-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    const { PGlite } = require(entry);
    const db = new PGlite(staging, { postgresqlconf: ['shared_buffers=16MB'] });
    await db.waitReady;
    await db.close();
    rmSync(template, { recursive: true, force: true });
    renameSync(staging, template);
    process.stdout.write(`Prepared an empty embedded database template in ${template}\n`);
  }
} catch (error) {
  console.warn(
    `Skipped the embedded database template (first start will run initdb): ${error?.message ?? error}`,
  );
}
