import { bandOf, DORA_BANDS } from './dora';

describe('bandOf', () => {
  it('bands deployment frequency by deployments per day, edges included', () => {
    const f = DORA_BANDS.deploymentFrequency;
    expect([3, 1, 0.99, 1 / 7, 0.1, 1 / 30, 0.01, 0].map((v) => bandOf(f, v))).toEqual([
      'ELITE',
      'ELITE',
      'HIGH',
      'HIGH',
      'MEDIUM',
      'MEDIUM',
      'LOW',
      'LOW',
    ]);
  });

  it('bands lead time: under a day, a week at most, a month at most', () => {
    const day = 24 * 60;
    expect(
      [60, day - 1, day, 7 * day, 7 * day + 1, 30 * day, 31 * day].map((v) =>
        bandOf(DORA_BANDS.leadTime, v),
      ),
    ).toEqual(['ELITE', 'ELITE', 'HIGH', 'HIGH', 'MEDIUM', 'MEDIUM', 'LOW']);
  });

  it('bands change failure rate at 5, 10 and 15 percent, inclusive', () => {
    expect(
      [0, 5, 5.01, 10, 15, 15.01, 64].map((v) => bandOf(DORA_BANDS.changeFailureRate, v)),
    ).toEqual(['ELITE', 'ELITE', 'HIGH', 'HIGH', 'MEDIUM', 'LOW', 'LOW']);
  });

  it('bands recovery: under an hour, under a day, a week at most', () => {
    const day = 24 * 60;
    expect(
      [59, 60, day - 1, day, 7 * day, 7 * day + 1].map((v) => bandOf(DORA_BANDS.recoveryTime, v)),
    ).toEqual(['ELITE', 'HIGH', 'HIGH', 'MEDIUM', 'MEDIUM', 'LOW']);
  });

  it('has no band for nothing measured', () => {
    expect(bandOf(DORA_BANDS.recoveryTime, null)).toBeNull();
  });
});
