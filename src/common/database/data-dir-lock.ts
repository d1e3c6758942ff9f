import { closeSync, constants, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
// flock-style advisory locks from the kernel (Linux: open file description locks, fcntl
// F_OFD_SETLK; macOS: flock), with prebuilt binaries for every platform we run on, loaded
// without an install script. Chosen over a pid file (a pid is reused after a crash or in a new
// container, and checking it is not exclusive), over PGlite's postmaster.pid (not a lock in
// process) and over lock libraries built on mkdir and mtimes (stale by timeout, not by death):
// the kernel releases this lock the instant its holder exits, however it exits.
import { tryLock } from 'fs-native-extensions';

export const LOCK_FILE = 'loopboard.lock';

/** What a lock holder writes into the lock file: information only, never the lock itself. */
export interface LockHolder {
  pid: number | null;
  command: string | null;
  started: string | null;
  host: string | null;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder,
  ) {
    const who =
      holder.pid === null
        ? 'another process (it has not written its pid yet)'
        : `process ${holder.pid}${holder.command ? ` (${holder.command})` : ''}${holder.host && holder.host !== hostname() ? ` on host ${holder.host}` : ''}`;
    super(
      `The embedded database is in use: ${who} holds the lock on ${lockFile}` +
        `${holder.started ? ` since ${holder.started}` : ''}. ` +
        `Stop that process first, or give this one another DATA_DIR (several processes on one ` +
        `database need PostgreSQL: set DATABASE_URL). Do not delete the lock file: the ` +
        `operating system releases the lock the moment its holder exits, so once it has stopped, ` +
        `starting again just works.`,
    );
    this.name = 'DataDirInUseError';
  }
}

/** The command line of a live process, when this system shows it (/proc on Linux). */
function commandOf(pid: number): string | null {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return command.length ? command.join(' ') : null;
  } catch {
    return null;
  }
}

function readHolder(path: string): LockHolder {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    // unreadable: nothing to say about the holder
  }
  const field = (name: string): string | null =>
    new RegExp(`^${name}=(.*)$`, 'm').exec(text)?.[1]?.trim() || null;
  const pid = Number(field('pid'));
  const valid = Number.isInteger(pid) && pid > 0 ? pid : null;
  return {
    pid: valid,
    // The live command line when we can read it; what the holder wrote otherwise.
    command: (valid !== null ? commandOf(valid) : null) ?? field('command'),
    started: field('started'),
    host: field('host'),
  };
}

/**
 * A lock file of a Loopboard from before this lock (its pid alone, and no OS lock held), when
 * that pid is alive, is not this process and runs Loopboard: the older version still running.
 * Any other pid (dead, or reused by an unrelated process) is stale and taken over.
 */
function legacyHolder(path: string): LockHolder | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
  if (!/^\d+$/.test(text)) return null;
  const pid = Number(text);
  if (pid === process.pid) return null;
  const command = commandOf(pid);
  if (!command || !/loopboard|dist\/main\.js/.test(command)) return null;
  return { pid, command, started: null, host: null };
}

/**
 * One process per embedded database: PGlite has no multi-process locking, and two writers
 * would corrupt the data directory. Takes an exclusive lock on DATA_DIR/loopboard.lock, held
 * until the returned function is called or the process ends (in any way: the kernel releases
 * it, so a crash, SIGKILL or `docker kill` leaves nothing stale). Throws DataDirInUseError,
 * naming the holder, when another process (or another open of this one) holds it.
 *
 * The file is never deleted: a process that still has the old file open and locked would
 * otherwise hold a lock no one else sees.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o644);
  let locked: boolean;
  try {
    locked = tryLock(fd);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const legacy = locked ? legacyHolder(path) : null;
  if (!locked || legacy) {
    closeSync(fd);
    throw new DataDirInUseError(path, legacy ?? readHolder(path));
  }
  const info = [
    `pid=${process.pid}`,
    `command=${process.argv.join(' ')}`,
    `started=${new Date().toISOString()}`,
    `host=${hostname()}`,
    '# Information only: the lock is held by the process itself and released by the operating',
    '# system when it exits. Do not delete this file while that process runs.',
    '',
  ].join('\n');
  ftruncateSync(fd, 0);
  writeSync(fd, info, 0);
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    closeSync(fd); // releases the lock
  };
}
