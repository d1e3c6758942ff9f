/**
 * Seeing, on PostgreSQL, that a session is blocked on a lock: how a test knows the other side
 * of a race has reached the point it is waiting at, instead of sleeping and hoping it has.
 */
import type { Client } from 'pg';
import { eventually } from './eventually';

/**
 * Waits until another session of this database waits for a lock: any lock, or with
 * `advisoryKey` the advisory lock of that (32-bit) key.
 */
export async function waitForLockWait(
  client: Client,
  { advisoryKey, message }: { advisoryKey?: number; message?: string } = {},
): Promise<void> {
  const advisory = advisoryKey === undefined ? '' : `AND l.locktype = 'advisory' AND l.objid = $1`;
  await eventually(
    async () => {
      const res = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND NOT l.granted
         ${advisory}`,
        advisoryKey === undefined ? [] : [advisoryKey],
      );
      return res.rows[0]!.n > 0;
    },
    { intervalMs: 25, message: message ?? 'a session waiting on a lock' },
  );
}
