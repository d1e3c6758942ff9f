import { toilTrend } from './toil';

describe('toilTrend', () => {
  it('is the least-squares slope of the shares, oldest first', () => {
    // 0.2, 0.4, 0.6: +0.2 a sprint.
    expect(toilTrend([0.2, 0.4, 0.6])).toEqual({ direction: 'RISING', slopePerSprint: 0.2 });
    // 0.5, 0.3, 0.4: slope ((−1)(0.1) + 0 + (1)(0)) / 2 = −0.05.
    expect(toilTrend([0.5, 0.3, 0.4])).toEqual({ direction: 'FALLING', slopePerSprint: -0.05 });
  });

  it('calls a slope within ±0.02 a sprint steady, and skips sprints without a share', () => {
    // Shares at sprints 0 and 2 (sprint 1 completed nothing): (0.31 − 0.3) / 2 = 0.005.
    expect(toilTrend([0.3, null, 0.31])).toEqual({ direction: 'STEADY', slopePerSprint: 0.01 });
  });

  it('needs two shares', () => {
    expect(toilTrend([0.4])).toBeNull();
    expect(toilTrend([null, 0.4])).toBeNull();
  });
});
