import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * PostgreSQL settings for the embedded database: a small buffer pool keeps the process lean
 * (PGlite's memory is the process's memory; PostgreSQL's default 128 MB costs ~110 MB of RSS).
 */
export const PGLITE_SETTINGS = ['shared_buffers=16MB'];

function pgliteEntry(): string {
  return require.resolve('@electric-sql/pglite');
}

function pgliteVersion(): string {
  const pkg = join(dirname(dirname(pgliteEntry())), 'package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

/** Where `npm install` leaves an initialized, empty data directory for this PGlite version. */
export function templateDir(root: string): string {
  return join(root, 'node_modules', '.cache', 'loopboard', `pglite-${pgliteVersion()}-template`);
}

export function isInitialized(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

/**
 * Runs PGlite's initdb in a worker thread: initdb grows the WebAssembly heap to ~700 MB, which a
 * process never gives back; in a worker it is freed when the worker ends.
 */
export function initdbInWorker(dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const { PGlite } = require(workerData.entry);
       (async () => {
         const db = new PGlite(workerData.dataDir, { postgresqlconf: workerData.settings });
         await db.waitReady;
         await db.close();
       })().then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });`,
      { eval: true, workerData: { entry: pgliteEntry(), dataDir, settings: PGLITE_SETTINGS } },
    );
    worker.once('error', reject);
    worker.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`initdb of ${dataDir} failed (exit ${code})`)),
    );
  });
}

/**
 * Makes sure `dataDir` holds an initialized database before the service opens it: a copy of the
 * template made at install time (fast), else initdb in a worker thread. Copies go through a
 * sibling directory and a rename, so a crash never leaves a half-made database.
 */
export async function prepareDataDir(
  dataDir: string,
  root: string,
): Promise<'existing' | 'template' | 'initdb'> {
  if (isInitialized(dataDir)) return 'existing';
  mkdirSync(dataDir, { recursive: true });
  const leftovers = readdirSync(dataDir).filter((name) => name !== 'loopboard.lock');
  if (leftovers.length > 0) {
    throw new Error(
      `${dataDir} is not empty but holds no database; empty it or choose another DATA_DIR`,
    );
  }
  const template = templateDir(root);
  const staging = `${dataDir.replace(/\/+$/, '')}.init-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  let how: 'template' | 'initdb';
  if (isInitialized(template)) {
    cpSync(template, staging, { recursive: true });
    how = 'template';
  } else {
    await initdbInWorker(staging);
    how = 'initdb';
  }
  for (const name of readdirSync(staging)) renameSync(join(staging, name), join(dataDir, name));
  rmSync(staging, { recursive: true, force: true });
  return how;
}
