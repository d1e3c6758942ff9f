import { taskKeysIn } from './task-keys';

describe('taskKeysIn', () => {
  it('finds the keys of the team in messages and branch names, each once, in order', () => {
    expect(
      taskKeysIn('SRE', ['SRE-42: fix timeouts (see SRE-7)', 'fix/sre-42-timeouts', null]),
    ).toEqual(['SRE-42', 'SRE-7']);
  });

  it('ignores other teams, keys glued to letters or digits, and leading zeros', () => {
    expect(taskKeysIn('SRE', ['OPS-1 XSRE-2 SRE-3a SRE-0004 SRE-', 'SRE-420'])).toEqual([
      'SRE-3',
      'SRE-4',
      'SRE-420',
    ]);
  });

  it('finds nothing in empty texts', () => {
    expect(taskKeysIn('SRE', ['', null])).toEqual([]);
  });
});
