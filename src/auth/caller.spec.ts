import { Caller } from './caller';

describe('Caller', () => {
  const member = new Caller(
    'token-1',
    'ci',
    false,
    new Map([
      ['team-a', 'MEMBER'],
      ['team-b', 'VIEWER'],
    ]),
  );
  const admin = new Caller('token-2', 'root', true, new Map());

  it('has its role on each team it was granted, and none elsewhere', () => {
    expect(member.roleOn('team-a')).toBe('MEMBER');
    expect(member.roleOn('team-b')).toBe('VIEWER');
    expect(member.roleOn('team-c')).toBeNull();
  });

  it('may do what its role or a lower one allows (VIEWER < MEMBER < ADMIN)', () => {
    expect(member.can('team-a', 'VIEWER')).toBe(true);
    expect(member.can('team-a', 'MEMBER')).toBe(true);
    expect(member.can('team-a', 'ADMIN')).toBe(false);
    expect(member.can('team-b', 'MEMBER')).toBe(false);
    expect(member.can('team-c', 'VIEWER')).toBe(false);
  });

  it('as the instance admin, is ADMIN on every team and sees them all', () => {
    expect(admin.roleOn('any-team')).toBe('ADMIN');
    expect(admin.can('any-team', 'ADMIN')).toBe(true);
    expect(admin.teamIds).toBeNull();
  });

  it('lists its teams and grants', () => {
    expect(member.teamIds).toEqual(['team-a', 'team-b']);
    expect(member.grants).toEqual([
      { teamId: 'team-a', role: 'MEMBER' },
      { teamId: 'team-b', role: 'VIEWER' },
    ]);
  });
});
