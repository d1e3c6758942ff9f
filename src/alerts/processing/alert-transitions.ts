import type { TaskPriority } from '../../generated/prisma/enums';
import type { NormalizedAlert } from '../parsers';
import type { LockedAlert } from './alerts.repository';
import { priorityRank } from './alert-card';

/** What happens to the card an alert feeds. */
export type CardAction =
  | { kind: 'none' }
  | { kind: 'create'; relatedTaskId: string | null }
  | { kind: 'reopen'; taskId: string }
  | {
      kind: 'touch';
      taskId: string;
      raisePriority: TaskPriority | null;
      refired: boolean;
      acknowledged: boolean;
    }
  | { kind: 'resolve'; taskId: string; moveIfUnstarted: boolean };

export type Outcome = 'created' | 'updated' | 'resolved' | 'reopened';

export interface Transition {
  status: NormalizedAlert['status'];
  endsAt: Date | null;
  firingsDelta: number;
  flapsDelta: number;
  acknowledged: boolean;
  episode: 'start' | 'end' | null;
  card: CardAction;
  outcome: Outcome;
}

export interface TransitionContext {
  now: Date;
  reopenWindowMinutes: number;
  /** The priority a new card for this alert would get (severity map and overrides applied). */
  priority: TaskPriority;
}

function cardIsLive(
  existing: LockedAlert,
): existing is LockedAlert & { card: NonNullable<LockedAlert['card']> } {
  return existing.card !== null && existing.card.deletedAt === null;
}

/**
 * The rules for an alert that is already known (its row is locked):
 * firing again while the card is open counts an occurrence on the same card (a higher severity
 * raises its priority); a card done within the reopen window reopens; done longer ago, a new card
 * is opened and linked to the old one; a muted alert (won't fix) is only counted.
 * A resolve marks the alert resolved on its card.
 */
export function transitionExisting(
  existing: LockedAlert,
  incoming: NormalizedAlert,
  ctx: TransitionContext,
): Transition {
  const wasResolved = existing.status === 'RESOLVED';
  if (incoming.status === 'RESOLVED') {
    if (wasResolved) {
      return {
        status: 'RESOLVED',
        endsAt: incoming.endsAt ?? ctx.now,
        firingsDelta: 0,
        flapsDelta: 0,
        acknowledged: existing.acknowledged,
        episode: null,
        card: { kind: 'none' },
        outcome: 'updated',
      };
    }
    const card: CardAction =
      cardIsLive(existing) && existing.card.completedAt === null
        ? {
            kind: 'resolve',
            taskId: existing.card.id,
            moveIfUnstarted: existing.card.startedAt === null,
          }
        : { kind: 'none' };
    return {
      status: 'RESOLVED',
      endsAt: incoming.endsAt ?? ctx.now,
      firingsDelta: 0,
      flapsDelta: 0,
      acknowledged: existing.acknowledged,
      episode: 'end',
      card,
      outcome: 'resolved',
    };
  }

  // Firing.
  const firing = {
    status: 'FIRING' as const,
    endsAt: null,
    firingsDelta: wasResolved ? 1 : 0,
    flapsDelta: wasResolved ? 1 : 0,
    episode: wasResolved ? ('start' as const) : null,
  };
  // A new firing after a resolve starts unacknowledged.
  const acknowledged = wasResolved
    ? incoming.acknowledged
    : existing.acknowledged || incoming.acknowledged;
  if (existing.mutedUntil && existing.mutedUntil > ctx.now) {
    return { ...firing, acknowledged, card: { kind: 'none' }, outcome: 'updated' };
  }
  if (!cardIsLive(existing)) {
    return {
      ...firing,
      acknowledged,
      card: { kind: 'create', relatedTaskId: null },
      outcome: 'created',
    };
  }
  const { card } = existing;
  if (card.completedAt === null) {
    const raise = priorityRank(ctx.priority) > priorityRank(card.priority) ? ctx.priority : null;
    return {
      ...firing,
      acknowledged,
      card: {
        kind: 'touch',
        taskId: card.id,
        raisePriority: raise,
        refired: wasResolved,
        acknowledged: acknowledged && !existing.acknowledged,
      },
      outcome: 'updated',
    };
  }
  const doneForMs = ctx.now.getTime() - card.completedAt.getTime();
  if (doneForMs <= ctx.reopenWindowMinutes * 60_000) {
    return {
      ...firing,
      acknowledged,
      card: { kind: 'reopen', taskId: card.id },
      outcome: 'reopened',
    };
  }
  return {
    ...firing,
    acknowledged,
    card: { kind: 'create', relatedTaskId: card.id },
    outcome: 'created',
  };
}

/** A first notification: firing opens a card; a resolve for an alert never seen only records it. */
export function transitionNew(incoming: NormalizedAlert, ctx: TransitionContext): Transition {
  if (incoming.status === 'RESOLVED') {
    return {
      status: 'RESOLVED',
      endsAt: incoming.endsAt ?? ctx.now,
      firingsDelta: 0,
      flapsDelta: 0,
      acknowledged: incoming.acknowledged,
      episode: null,
      card: { kind: 'none' },
      outcome: 'resolved',
    };
  }
  return {
    status: 'FIRING',
    endsAt: null,
    firingsDelta: 0,
    flapsDelta: 0,
    acknowledged: incoming.acknowledged,
    episode: 'start',
    card: { kind: 'create', relatedTaskId: null },
    outcome: 'created',
  };
}
