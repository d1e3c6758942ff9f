import { reportWindow } from './report-window';

const NOW = new Date('2030-03-15T22:30:00Z');

describe('reportWindow', () => {
  it('defaults to the last 30 days, today (UTC) included', () => {
    const window = reportWindow(undefined, null, NOW);
    expect(window).toMatchObject({ fromDate: '2030-02-14', toDate: '2030-03-15' });
    expect(window.days).toHaveLength(30);
    expect(window.from.toISOString()).toBe('2030-02-14T00:00:00.000Z');
    expect(window.to.toISOString()).toBe('2030-03-16T00:00:00.000Z');
  });

  it('takes the 30 days up to a given `to`', () => {
    expect(reportWindow(null, '2030-01-31', NOW)).toMatchObject({
      fromDate: '2030-01-02',
      toDate: '2030-01-31',
    });
  });

  it('runs from a given `from` to today', () => {
    const window = reportWindow('2030-03-01', undefined, NOW);
    expect(window).toMatchObject({ fromDate: '2030-03-01', toDate: '2030-03-15' });
    expect(window.days).toHaveLength(15);
  });

  it('refuses a `from` after the default `to` (today)', () => {
    expect(() => reportWindow('2030-04-01', undefined, NOW)).toThrow(
      'Invalid input: to: must not be before from',
    );
  });
});
