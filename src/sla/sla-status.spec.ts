import { DEFAULT_SLA_POLICY, slaDueTimes } from './sla-policy';
import { SlaClockState, slaReading } from './sla-status';

const T0 = new Date('2030-01-08T09:00:00.000Z');
const at = (minutes: number, ms = 0): Date => new Date(T0.getTime() + minutes * 60_000 + ms);

function urgentClock(changes: Partial<SlaClockState> = {}): SlaClockState {
  return {
    startedAt: T0,
    ...slaDueTimes(DEFAULT_SLA_POLICY, 'URGENT', T0),
    ackedAt: null,
    resolvedAt: null,
    ...changes,
  };
}

describe('slaReading', () => {
  it('is ON_TRACK until 75 % of the acknowledge time, AT_RISK from that instant', () => {
    expect(slaReading(urgentClock(), at(11.25, -1)).status).toBe('ON_TRACK');
    expect(slaReading(urgentClock(), at(11.25))).toEqual({ status: 'AT_RISK', breachedAt: null });
  });

  it('is still AT_RISK at the due instant and BREACHED a millisecond after, breached at the due time', () => {
    expect(slaReading(urgentClock(), at(15)).status).toBe('AT_RISK');
    expect(slaReading(urgentClock(), at(15, 1))).toEqual({
      status: 'BREACHED',
      breachedAt: at(15),
    });
  });

  it('once acknowledged in time, follows the resolve target alone', () => {
    const acked = urgentClock({ ackedAt: at(10) });
    expect(slaReading(acked, at(100)).status).toBe('ON_TRACK');
    expect(slaReading(acked, at(180)).status).toBe('AT_RISK');
    expect(slaReading(acked, at(240, 1))).toEqual({ status: 'BREACHED', breachedAt: at(240) });
  });

  it('is MET when resolved with both targets met, whenever it is read', () => {
    const done = urgentClock({ ackedAt: at(15), resolvedAt: at(240) });
    expect(slaReading(done, at(10_000))).toEqual({ status: 'MET', breachedAt: null });
  });

  it('stays BREACHED after a late acknowledgement, from the acknowledge due time', () => {
    const late = urgentClock({ ackedAt: at(20), resolvedAt: at(30) });
    expect(slaReading(late, at(30))).toEqual({ status: 'BREACHED', breachedAt: at(15) });
  });

  it('names the earliest missed target when both are missed', () => {
    expect(slaReading(urgentClock(), at(300)).breachedAt).toEqual(at(15));
    const resolvedLate = urgentClock({ ackedAt: at(5), resolvedAt: at(250) });
    expect(slaReading(resolvedLate, at(250)).breachedAt).toEqual(at(240));
  });

  it('with only a resolve target, is never at risk for acknowledging', () => {
    const clock = urgentClock({ ackDueAt: null, ackRiskAt: null });
    expect(slaReading(clock, at(100)).status).toBe('ON_TRACK');
  });
});
