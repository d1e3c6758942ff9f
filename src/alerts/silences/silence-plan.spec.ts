import { silenceEnd, silenceStateOf, silenceStep, wantsSilence } from './silence-plan';

const now = new Date('2030-01-10T12:00:00Z');
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000);
const options = { now, maxDays: 30, canSilence: true };

describe('silenceStep', () => {
  const muted = { mutedUntil: inDays(7), resolution: 'WONT_FIX', silenceId: null };

  it('creates a silence for a muted alert of a won’t-fix card, until the mute ends', () => {
    expect(silenceStep(muted, null, options)).toEqual({
      kind: 'create',
      endsAt: inDays(7),
      replaces: null,
    });
  });

  it('caps a silence for good at the configured maximum', () => {
    const forever = { ...muted, mutedUntil: new Date('9999-12-31T00:00:00Z') };
    expect(silenceStep(forever, null, options)).toEqual({
      kind: 'create',
      endsAt: inDays(30),
      replaces: null,
    });
  });

  it.each(['active', 'pending'] as const)('leaves a %s silence alone', (state) => {
    expect(silenceStep({ ...muted, silenceId: 's1' }, state, options)).toEqual({ kind: 'none' });
  });

  it.each(['expired', 'missing'] as const)(
    'replaces a silence that is %s while the alert is still muted',
    (state) => {
      expect(silenceStep({ ...muted, silenceId: 's1' }, state, options)).toEqual({
        kind: 'create',
        endsAt: inDays(7),
        replaces: 's1',
      });
    },
  );

  it('expires a live silence once the alert is unmuted or the card reopened', () => {
    const live = { ...muted, silenceId: 's1' };
    const expire = { kind: 'expire', silenceId: 's1' };
    expect(silenceStep({ ...live, mutedUntil: null }, 'active', options)).toEqual(expire);
    expect(silenceStep({ ...live, resolution: null }, 'pending', options)).toEqual(expire);
    expect(silenceStep({ ...live, mutedUntil: now }, 'active', options)).toEqual(expire);
  });

  it('only forgets a silence Alertmanager no longer has or that ran out', () => {
    const over = { mutedUntil: null, resolution: null, silenceId: 's1' };
    expect(silenceStep(over, 'expired', options)).toEqual({ kind: 'forget', silenceId: 's1' });
    expect(silenceStep(over, 'missing', options)).toEqual({ kind: 'forget', silenceId: 's1' });
  });

  it('does nothing for an alert neither muted nor silenced', () => {
    expect(
      silenceStep({ mutedUntil: null, resolution: null, silenceId: null }, null, options),
    ).toEqual({
      kind: 'none',
    });
  });

  it('creates nothing when there is nothing to match on, and expires what is left', () => {
    const none = { ...options, canSilence: false };
    expect(silenceStep(muted, null, none)).toEqual({ kind: 'none' });
    expect(silenceStep({ ...muted, silenceId: 's1' }, 'active', none)).toEqual({
      kind: 'expire',
      silenceId: 's1',
    });
  });
});

describe('wantsSilence', () => {
  it('needs a mute into the future on a won’t-fix card', () => {
    expect(
      wantsSilence({ mutedUntil: inDays(1), resolution: 'WONT_FIX', silenceId: null }, now),
    ).toBe(true);
    expect(wantsSilence({ mutedUntil: inDays(1), resolution: 'DONE', silenceId: null }, now)).toBe(
      false,
    );
    expect(
      wantsSilence({ mutedUntil: inDays(-1), resolution: 'WONT_FIX', silenceId: null }, now),
    ).toBe(false);
    expect(wantsSilence({ mutedUntil: null, resolution: 'WONT_FIX', silenceId: null }, now)).toBe(
      false,
    );
  });
});

describe('silenceEnd', () => {
  it('is the earlier of the mute end and now plus the maximum', () => {
    expect(silenceEnd(inDays(3), now, 30)).toEqual(inDays(3));
    expect(silenceEnd(inDays(45), now, 30)).toEqual(inDays(30));
    expect(silenceEnd(inDays(45), now, 1)).toEqual(inDays(1));
  });
});

describe('silenceStateOf', () => {
  it('reads status.state, anything unknown counting as over', () => {
    expect(silenceStateOf({ status: { state: 'active' } })).toBe('active');
    expect(silenceStateOf({ status: { state: 'pending' } })).toBe('pending');
    expect(silenceStateOf({ status: { state: 'expired' } })).toBe('expired');
    expect(silenceStateOf({ status: {} })).toBe('expired');
    expect(silenceStateOf(null)).toBe('expired');
  });
});
