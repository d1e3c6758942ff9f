// Reconciling by state, not by command: whatever message arrives, in whatever order and however
// often, the sender compares what the alert is now with what Alertmanager has, and does the one
// step that brings them together. A repeated or late message then finds nothing left to do.

/** What Alertmanager says of the silence an alert points at. */
export type SilenceState = 'active' | 'pending' | 'expired' | 'missing';

export interface SilenceSubject {
  mutedUntil: Date | null;
  /** The card's resolution: only a won't-fix card keeps its alerts silenced. */
  resolution: string | null;
  silenceId: string | null;
}

export type SilenceStep =
  | { kind: 'none' }
  /** Create a silence until `endsAt` (replacing `replaces`, which ran out, if not null). */
  | { kind: 'create'; endsAt: Date; replaces: string | null }
  /** Expire the live silence, then forget it. */
  | { kind: 'expire'; silenceId: string }
  /** The silence is over already: only forget its id. */
  | { kind: 'forget'; silenceId: string };

export const DAY_MS = 86_400_000;

/** Whether the alert should be silenced now: muted into the future on a won't-fix card. */
export function wantsSilence(subject: SilenceSubject, now: Date): boolean {
  return (
    subject.resolution === 'WONT_FIX' &&
    subject.mutedUntil !== null &&
    subject.mutedUntil.getTime() > now.getTime()
  );
}

/**
 * The one step to take. `state` is what Alertmanager said of `subject.silenceId` (ignored
 * without one); `canSilence` is false when there is nothing to match on.
 */
export function silenceStep(
  subject: SilenceSubject,
  state: SilenceState | null,
  options: { now: Date; maxDays: number; canSilence: boolean },
): SilenceStep {
  const live = subject.silenceId !== null && (state === 'active' || state === 'pending');
  if (wantsSilence(subject, options.now) && options.canSilence) {
    if (live) return { kind: 'none' };
    return {
      kind: 'create',
      endsAt: silenceEnd(subject.mutedUntil!, options.now, options.maxDays),
      replaces: subject.silenceId,
    };
  }
  if (subject.silenceId === null) return { kind: 'none' };
  return live
    ? { kind: 'expire', silenceId: subject.silenceId }
    : { kind: 'forget', silenceId: subject.silenceId };
}

/** Until the mute ends, but never longer than the configured maximum. */
export function silenceEnd(mutedUntil: Date, now: Date, maxDays: number): Date {
  return new Date(Math.min(mutedUntil.getTime(), now.getTime() + maxDays * DAY_MS));
}

/** Alertmanager's silence status.state, read defensively. */
export function silenceStateOf(body: unknown): SilenceState {
  const state = (body as { status?: { state?: unknown } } | null)?.status?.state;
  return state === 'active' || state === 'pending' ? state : 'expired';
}
