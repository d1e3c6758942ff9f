/**
 * Lock order of a delivery against other writers on PostgreSQL: a delivery takes every column
 * lock it needs (the resolve column included) before it writes any card, as moves do (column
 * lock, then the card's row), so the two wait on each other instead of deadlocking.
 * PostgreSQL only: the embedded database runs one transaction at a time.
 */
import { Client } from 'pg';
import { createIntegration, postWebhook, alertTeam, deliver } from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { card, dbCardOfKey } from '../helpers/alert-readers';
import { waitForLockWait } from '../helpers/pg-locks';
import { startTestApp, TestApp } from '../helpers/test-app';
import { usingPostgres } from '../helpers/test-database';

const describeOnPostgres = usingPostgres() ? describe : describe.skip;

describeOnPostgres('delivery lock order', () => {
  let t: TestApp;
  let direct: Client;

  beforeAll(async () => {
    t = await startTestApp();
    direct = new Client({ connectionString: t.database.url });
    await direct.connect();
  });

  afterAll(async () => {
    await direct?.end();
    await t?.close();
  });

  it('does not deadlock with a move into the resolve column when it also raises a card', async () => {
    const { team, board } = await alertTeam(t);
    const done = board.column.DONE!.id;
    const integration = await createIntegration(t, team.id, { resolveColumnId: done });
    await deliver(
      t,
      integration,
      amGroup([
        amAlert({ fingerprint: 'raised', labels: { severity: 'warning' } }),
        amAlert({ fingerprint: 'resolved' }),
      ]),
    );
    const raised = await dbCardOfKey(t, integration.id, 'raised');
    const resolved = await dbCardOfKey(t, integration.id, 'resolved');

    // Another writer holds the resolve column, as a move into it does first…
    await direct.query('BEGIN');
    await direct.query('SELECT id FROM board_columns WHERE id = $1 FOR UPDATE', [done]);
    // …while a delivery raises one card and resolves the other (which moves to that column).
    const pending = postWebhook(
      t,
      integration,
      amGroup([
        amAlert({ fingerprint: 'raised', labels: { severity: 'critical' } }),
        amAlert({ fingerprint: 'resolved', status: 'resolved' }),
      ]),
    ).then((res) => res);
    try {
      await waitForLockWait(direct, { message: 'the delivery waiting on a lock' });
      // The other writer now writes the raised card, as a move does after its column lock.
      // Had the delivery locked that card's row before the column, this would deadlock.
      await direct.query(`SET LOCAL lock_timeout = '10s'`);
      await direct.query('UPDATE tasks SET updated_at = now() WHERE id = $1', [raised]);
      await direct.query('COMMIT');
    } catch (error) {
      await direct.query('ROLLBACK');
      throw error;
    }
    const res = await pending;
    expect({ status: res.status, body: res.body }).toEqual({
      status: 200,
      body: expect.objectContaining({ received: 2, updated: 1, resolved: 1 }),
    });
    expect((await card(t, raised)).priority).toBe('URGENT');
    expect((await card(t, resolved)).column?.id).toBe(done);
  });
});
