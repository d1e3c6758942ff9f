/**
 * Two app instances on one PostgreSQL, both scanning for SLA breaches: each breach is recorded
 * once, whichever instance finds it, however often both scan, and after one restarts.
 * PostgreSQL only: the embedded database belongs to one process.
 */
import { createIntegration } from '../helpers/alert-factories';
import { alertTeam, deliver } from '../helpers/alert-factories';
import { amAlert, amGroup } from '../helpers/alert-payloads';
import { dbCardOfKey } from '../helpers/alert-readers';
import { after, eventually, freezeSlaClock, MINUTE, thawSlaClock } from '../helpers/sla-clock';
import { startTestApp, TestApp } from '../helpers/test-app';
import { usingPostgres } from '../helpers/test-database';
import { SlaBreachScanner } from '../../src/sla/sla-breach-scanner';

const describeOnPostgres = usingPostgres() ? describe : describe.skip;
const T0 = new Date('2030-01-08T09:00:00.000Z');
const FAST_SCAN = { env: { SLA_SCAN_INTERVAL_MS: '100' } };

describeOnPostgres('SLA breaches with two app instances on one PostgreSQL', () => {
  let t: TestApp;
  let second: TestApp;
  let third: TestApp | undefined;

  beforeAll(async () => {
    t = await startTestApp(FAST_SCAN);
    second = await startTestApp({ ...FAST_SCAN, database: t.database });
  });

  afterAll(async () => {
    await thawSlaClock(t);
    await third?.close();
    await second?.close();
    await t?.close();
  });

  it('records each breach once while both scan, and again once after one restarts', async () => {
    const { team } = await alertTeam(t);
    const integration = await createIntegration(t, team.id);
    await freezeSlaClock(t, T0);
    const fingerprints = Array.from({ length: 10 }, (_, i) => `two-sla-${i}`);
    await deliver(
      t,
      integration,
      amGroup(
        fingerprints.map((fp) => amAlert({ fingerprint: fp, labels: { severity: 'critical' } })),
      ),
    );
    const ids = await Promise.all(fingerprints.map((fp) => dbCardOfKey(t, integration.id, fp)));
    const breaches = (target: 'ACK' | 'RESOLVE') =>
      t.prisma.slaBreach.findMany({ where: { teamId: team.id, target } });

    // Past the acknowledge target: the background scans of both race, and so do direct scans.
    await freezeSlaClock(t, after(T0, 16 * MINUTE));
    const scanners = [t, second].map((app) => app.app.get(SlaBreachScanner));
    const recorded = await Promise.all(
      Array.from({ length: 8 }, (_, i) => scanners[i % 2]!.scan()),
    );
    const acks = await eventually(
      () => breaches('ACK'),
      (rows) => rows.length >= ids.length,
    );
    expect(acks.map((b) => b.taskId).sort()).toEqual([...ids].sort());
    // What the direct scans recorded and what the background scans did add up to one each.
    expect(recorded.reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(ids.length);
    expect(await Promise.all(scanners.map((s) => s.scan()))).toEqual([0, 0]);
    expect(await breaches('ACK')).toHaveLength(ids.length);

    // One instance goes away; the resolve target passes while only one runs, then a new one starts.
    await second.close();
    await freezeSlaClock(t, after(T0, 241 * MINUTE));
    third = await startTestApp({ ...FAST_SCAN, database: t.database });
    const newcomer = third.app.get(SlaBreachScanner);
    await Promise.all([newcomer.scan(), scanners[0]!.scan(), newcomer.scan()]);
    const resolves = await breaches('RESOLVE');
    expect(resolves.map((b) => b.taskId).sort()).toEqual([...ids].sort());
    expect(await t.prisma.slaBreach.count({ where: { teamId: team.id } })).toBe(2 * ids.length);
  });
});
