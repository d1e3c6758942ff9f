import type { NormalizedAlert } from '../parsers';
import type { LockedAlert } from './alerts.repository';
import { transitionExisting, transitionNew, type TransitionContext } from './alert-transitions';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const minutesAgo = (minutes: number): Date => new Date(NOW.getTime() - minutes * 60_000);

function incoming(overrides: Partial<NormalizedAlert> = {}): NormalizedAlert {
  return {
    dedupKey: 'fp-1',
    fingerprint: 'fp-1',
    groupKey: null,
    status: 'FIRING',
    acknowledged: false,
    severity: 'WARNING',
    sourcePriority: null,
    name: 'DiskFull',
    title: 'Disk full',
    description: null,
    environment: null,
    component: null,
    instance: null,
    value: null,
    labels: {},
    annotations: {},
    links: [],
    startsAt: minutesAgo(30),
    endsAt: null,
    notes: [],
    ...overrides,
  };
}

type Card = NonNullable<LockedAlert['card']>;

function locked(
  overrides: Partial<LockedAlert> = {},
  card: Partial<Card> | null = {},
): LockedAlert {
  return {
    id: 'alert-1',
    dedupKey: 'fp-1',
    status: 'FIRING',
    severity: 'WARNING',
    acknowledged: false,
    mutedUntil: null,
    taskId: card ? 'task-1' : null,
    card: card
      ? {
          id: 'task-1',
          completedAt: null,
          deletedAt: null,
          startedAt: null,
          columnId: 'col-1',
          sprintId: null,
          priority: 'MEDIUM',
          resolution: null,
          ...card,
        }
      : null,
    ...overrides,
  };
}

const ctx = (overrides: Partial<TransitionContext> = {}): TransitionContext => ({
  now: NOW,
  reopenWindowMinutes: 1440,
  priority: 'MEDIUM',
  ...overrides,
});

describe('transitionNew', () => {
  it('opens a card for a first firing, starting an episode', () => {
    expect(transitionNew(incoming(), ctx())).toEqual({
      status: 'FIRING',
      endsAt: null,
      firingsDelta: 0,
      flapsDelta: 0,
      acknowledged: false,
      episode: 'start',
      card: { kind: 'create', relatedTaskId: null },
      outcome: 'created',
    });
  });

  it('only records a resolve for an alert never seen firing', () => {
    const endsAt = minutesAgo(5);
    expect(transitionNew(incoming({ status: 'RESOLVED', endsAt }), ctx())).toEqual({
      status: 'RESOLVED',
      endsAt,
      firingsDelta: 0,
      flapsDelta: 0,
      acknowledged: false,
      episode: null,
      card: { kind: 'none' },
      outcome: 'resolved',
    });
  });

  it('dates a resolve without an end time at receipt', () => {
    expect(transitionNew(incoming({ status: 'RESOLVED' }), ctx()).endsAt).toEqual(NOW);
  });

  it('keeps an acknowledgement sent with the first notification', () => {
    expect(transitionNew(incoming({ acknowledged: true }), ctx()).acknowledged).toBe(true);
  });
});

describe('transitionExisting: firing', () => {
  it('counts a repeat on the open card without touching it', () => {
    const result = transitionExisting(locked(), incoming(), ctx());
    expect(result).toEqual({
      status: 'FIRING',
      endsAt: null,
      firingsDelta: 0,
      flapsDelta: 0,
      acknowledged: false,
      episode: null,
      card: {
        kind: 'touch',
        taskId: 'task-1',
        raisePriority: null,
        refired: false,
        acknowledged: false,
      },
      outcome: 'updated',
    });
  });

  it('raises the card priority when the new priority is higher, never lowers it', () => {
    const raise = transitionExisting(
      locked({}, { priority: 'MEDIUM' }),
      incoming(),
      ctx({ priority: 'URGENT' }),
    );
    expect(raise.card).toMatchObject({ kind: 'touch', raisePriority: 'URGENT' });
    const lower = transitionExisting(
      locked({}, { priority: 'HIGH' }),
      incoming(),
      ctx({ priority: 'LOW' }),
    );
    expect(lower.card).toMatchObject({ kind: 'touch', raisePriority: null });
    const same = transitionExisting(
      locked({}, { priority: 'HIGH' }),
      incoming(),
      ctx({ priority: 'HIGH' }),
    );
    expect(same.card).toMatchObject({ kind: 'touch', raisePriority: null });
    const fromNone = transitionExisting(
      locked({}, { priority: 'NONE' }),
      incoming(),
      ctx({ priority: 'LOW' }),
    );
    expect(fromNone.card).toMatchObject({ raisePriority: 'LOW' });
  });

  it('marks a re-fire after a resolve on the open card: a new episode, one more firing and flap', () => {
    const result = transitionExisting(locked({ status: 'RESOLVED' }), incoming(), ctx());
    expect(result).toMatchObject({
      status: 'FIRING',
      endsAt: null,
      firingsDelta: 1,
      flapsDelta: 1,
      episode: 'start',
      card: { kind: 'touch', taskId: 'task-1', refired: true },
      outcome: 'updated',
    });
  });

  it('records an acknowledgement once, and keeps it while the alert fires', () => {
    const first = transitionExisting(locked(), incoming({ acknowledged: true }), ctx());
    expect(first).toMatchObject({
      acknowledged: true,
      card: { kind: 'touch', acknowledged: true },
    });
    const again = transitionExisting(
      locked({ acknowledged: true }),
      incoming({ acknowledged: true }),
      ctx(),
    );
    expect(again).toMatchObject({
      acknowledged: true,
      card: { kind: 'touch', acknowledged: false },
    });
    const kept = transitionExisting(
      locked({ acknowledged: true }),
      incoming({ acknowledged: false }),
      ctx(),
    );
    expect(kept.acknowledged).toBe(true);
  });

  it('starts a re-fire after a resolve unacknowledged', () => {
    const result = transitionExisting(
      locked({ status: 'RESOLVED', acknowledged: true }),
      incoming(),
      ctx(),
    );
    expect(result.acknowledged).toBe(false);
  });

  it('reopens a card done within the reopen window, up to its last millisecond', () => {
    for (const doneAgo of [0, 60, 1440]) {
      const result = transitionExisting(
        locked({ status: 'RESOLVED' }, { completedAt: minutesAgo(doneAgo), resolution: 'DONE' }),
        incoming(),
        ctx(),
      );
      expect(result).toMatchObject({
        card: { kind: 'reopen', taskId: 'task-1' },
        outcome: 'reopened',
        firingsDelta: 1,
      });
    }
  });

  it('opens a new card linked to the old one when it was done longer ago than the window', () => {
    const result = transitionExisting(
      locked({ status: 'RESOLVED' }, { completedAt: new Date(minutesAgo(1440).getTime() - 1) }),
      incoming(),
      ctx(),
    );
    expect(result).toMatchObject({
      card: { kind: 'create', relatedTaskId: 'task-1' },
      outcome: 'created',
    });
  });

  it('never reopens with a window of 0 (unless done this very millisecond)', () => {
    const result = transitionExisting(
      locked({}, { completedAt: new Date(NOW.getTime() - 1) }),
      incoming(),
      ctx({ reopenWindowMinutes: 0 }),
    );
    expect(result.card).toEqual({ kind: 'create', relatedTaskId: 'task-1' });
  });

  it('opens a fresh card, unlinked, when the old card was deleted or is gone', () => {
    const deleted = transitionExisting(locked({}, { deletedAt: minutesAgo(1) }), incoming(), ctx());
    expect(deleted).toMatchObject({
      card: { kind: 'create', relatedTaskId: null },
      outcome: 'created',
    });
    const none = transitionExisting(locked({}, null), incoming(), ctx());
    expect(none).toMatchObject({
      card: { kind: 'create', relatedTaskId: null },
      outcome: 'created',
    });
  });

  it('only counts a muted alert: no card action, even when its card is done or gone', () => {
    const muted = { mutedUntil: new Date(NOW.getTime() + 1) };
    for (const card of [
      { completedAt: minutesAgo(1), resolution: 'WONT_FIX' as const },
      { deletedAt: minutesAgo(1) },
      {},
    ]) {
      const result = transitionExisting(
        locked({ ...muted, status: 'RESOLVED' }, card),
        incoming(),
        ctx({ priority: 'URGENT' }),
      );
      expect(result).toMatchObject({
        status: 'FIRING',
        firingsDelta: 1,
        flapsDelta: 1,
        episode: 'start',
        card: { kind: 'none' },
        outcome: 'updated',
      });
    }
  });

  it('treats a mute that has ended as no mute', () => {
    const result = transitionExisting(
      locked(
        { mutedUntil: NOW, status: 'RESOLVED' },
        { completedAt: minutesAgo(10), resolution: 'WONT_FIX' },
      ),
      incoming(),
      ctx(),
    );
    expect(result.card).toEqual({ kind: 'reopen', taskId: 'task-1' });
  });
});

describe('transitionExisting: resolved', () => {
  const resolved = (endsAt: Date | null = minutesAgo(2)): NormalizedAlert =>
    incoming({ status: 'RESOLVED', endsAt });

  it('resolves the alert on its open, unstarted card (which may move)', () => {
    const endsAt = minutesAgo(2);
    expect(transitionExisting(locked(), resolved(endsAt), ctx())).toEqual({
      status: 'RESOLVED',
      endsAt,
      firingsDelta: 0,
      flapsDelta: 0,
      acknowledged: false,
      episode: 'end',
      card: { kind: 'resolve', taskId: 'task-1', moveIfUnstarted: true },
      outcome: 'resolved',
    });
  });

  it('does not move a started card', () => {
    const result = transitionExisting(locked({}, { startedAt: minutesAgo(10) }), resolved(), ctx());
    expect(result.card).toEqual({ kind: 'resolve', taskId: 'task-1', moveIfUnstarted: false });
  });

  it('leaves a done, deleted or missing card alone but still ends the episode', () => {
    for (const card of [{ completedAt: minutesAgo(1) }, { deletedAt: minutesAgo(1) }, null]) {
      const result = transitionExisting(locked({}, card), resolved(), ctx());
      expect(result).toMatchObject({ card: { kind: 'none' }, episode: 'end', outcome: 'resolved' });
    }
  });

  it('counts a repeated resolve as an update with nothing else to do', () => {
    const result = transitionExisting(locked({ status: 'RESOLVED' }), resolved(), ctx());
    expect(result).toMatchObject({
      status: 'RESOLVED',
      episode: null,
      card: { kind: 'none' },
      outcome: 'updated',
    });
  });

  it('dates a resolve without an end time at receipt, and keeps the acknowledgement', () => {
    const result = transitionExisting(locked({ acknowledged: true }), resolved(null), ctx());
    expect(result).toMatchObject({ endsAt: NOW, acknowledged: true });
  });
});
