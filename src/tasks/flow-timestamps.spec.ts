import { flowTimestampsAfterMove } from './flow-timestamps';

const now = new Date('2026-12-01T10:00:00Z');
const earlier = new Date('2026-11-30T09:00:00Z');

describe('flowTimestampsAfterMove', () => {
  it('starts a card on its first entry into IN_PROGRESS', () => {
    expect(
      flowTimestampsAfterMove({ startedAt: null, completedAt: null }, 'IN_PROGRESS', now),
    ).toEqual({
      startedAt: now,
      completedAt: null,
    });
  });

  it('keeps the first start when the card enters IN_PROGRESS again', () => {
    expect(
      flowTimestampsAfterMove({ startedAt: earlier, completedAt: null }, 'IN_PROGRESS', now)
        .startedAt,
    ).toBe(earlier);
  });

  it('completes a card entering DONE', () => {
    expect(
      flowTimestampsAfterMove({ startedAt: earlier, completedAt: null }, 'DONE', now).completedAt,
    ).toBe(now);
  });

  it('clears completion when a card leaves DONE', () => {
    expect(
      flowTimestampsAfterMove({ startedAt: earlier, completedAt: earlier }, 'REVIEW', now),
    ).toEqual({
      startedAt: earlier,
      completedAt: null,
    });
  });

  it('does not start a card that goes straight from TODO to REVIEW', () => {
    expect(
      flowTimestampsAfterMove({ startedAt: null, completedAt: null }, 'REVIEW', now).startedAt,
    ).toBeNull();
  });

  it('keeps the completion time when a DONE card moves to another DONE column', () => {
    expect(
      flowTimestampsAfterMove({ startedAt: null, completedAt: earlier }, 'DONE', now).completedAt,
    ).toBe(earlier);
  });
});
