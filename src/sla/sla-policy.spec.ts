import { DEFAULT_SLA_POLICY, mergeSlaPolicy, slaDueTimes, slaPolicyOf } from './sla-policy';

const T0 = new Date('2030-01-08T09:00:00.000Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

describe('slaDueTimes', () => {
  it.each([
    ['URGENT', 15, 240],
    ['HIGH', 60, 1440],
    ['MEDIUM', 1440, 7200],
  ])('%s: acknowledge in %i min, resolve in %i min, at risk from 75 %% of each', (p, ack, res) => {
    expect(slaDueTimes(DEFAULT_SLA_POLICY, p, T0)).toEqual({
      ackDueAt: at(ack),
      ackRiskAt: at(ack * 0.75),
      resolveDueAt: at(res),
      resolveRiskAt: at(res * 0.75),
    });
  });

  it.each(['LOW', 'NONE'])('%s has no targets by default', (p) => {
    expect(slaDueTimes(DEFAULT_SLA_POLICY, p, T0)).toEqual({
      ackDueAt: null,
      ackRiskAt: null,
      resolveDueAt: null,
      resolveRiskAt: null,
    });
  });
});

describe('slaPolicyOf and mergeSlaPolicy', () => {
  it('fills priorities missing from a stored policy with the defaults', () => {
    expect(slaPolicyOf(null)).toEqual(DEFAULT_SLA_POLICY);
    expect(slaPolicyOf({ URGENT: { ackMinutes: 5 } })).toEqual({
      ...DEFAULT_SLA_POLICY,
      URGENT: { ackMinutes: 5, resolveMinutes: null },
    });
  });

  it('replaces the priorities given, clears those given as null, keeps the others', () => {
    const next = mergeSlaPolicy(DEFAULT_SLA_POLICY, {
      HIGH: { ackMinutes: 30, resolveMinutes: 600 },
      MEDIUM: null,
    });
    expect(next).toEqual({
      ...DEFAULT_SLA_POLICY,
      HIGH: { ackMinutes: 30, resolveMinutes: 600 },
      MEDIUM: { ackMinutes: null, resolveMinutes: null },
    });
  });
});
