import { parseLocalDate } from '../common/graphql/date.scalar';
import { checkDaysOff } from './days-off';

const d = (value: string): Date => parseLocalDate(value)!;
// 2030-01-07 (Mon) .. 2030-01-18 (Fri); Wednesday 2030-01-09 is a team holiday.
const calendar = {
  startDate: d('2030-01-07'),
  endDate: d('2030-01-18'),
  workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'] as const,
  holidays: [{ date: d('2030-01-09'), name: 'Founders day' }],
};

describe('checkDaysOff', () => {
  it('accepts working days of the sprint, whole and half', () => {
    const result = checkDaysOff(
      [
        { date: '2030-01-08', fraction: 1 },
        { date: '2030-01-18', fraction: 0.5 },
      ],
      calendar,
    );
    expect(result.problems).toEqual([]);
    expect(result.datesOff).toEqual([
      { date: d('2030-01-08'), fraction: 1 },
      { date: d('2030-01-18'), fraction: 0.5 },
    ]);
  });

  it('names each refused date and its field', () => {
    const result = checkDaysOff(
      [
        { date: '2030-01-06', fraction: 1 },
        { date: '2030-01-12', fraction: 1 },
        { date: '2030-01-09', fraction: 0.5 },
        { date: '2030-01-10', fraction: 1 },
        { date: '2030-01-10', fraction: 0.5 },
        { date: '2030-01-21', fraction: 1 },
      ],
      calendar,
    );
    expect(result.problems).toEqual([
      {
        field: 'input.daysOffDates[0].date',
        message: '2030-01-06 is outside the sprint (2030-01-07 to 2030-01-18)',
      },
      {
        field: 'input.daysOffDates[1].date',
        message: '2030-01-12 is a SAT, not a working day of the team',
      },
      {
        field: 'input.daysOffDates[2].date',
        message: '2030-01-09 is a team holiday (Founders day)',
      },
      { field: 'input.daysOffDates[4].date', message: '2030-01-10 is given more than once' },
      {
        field: 'input.daysOffDates[5].date',
        message: '2030-01-21 is outside the sprint (2030-01-07 to 2030-01-18)',
      },
    ]);
  });
});
