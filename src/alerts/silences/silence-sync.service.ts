import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { MUTED_FOREVER } from '../alerts.service';
import { AlertmanagerClient, type HttpSend } from './alertmanager-client';
import { silenceMatchers } from './silence-matchers';
import { silenceStep } from './silence-plan';
import { SilencesRepository, type SilenceSubjectRow } from './silences.repository';

export const SILENCE_CREATED_BY = 'loopboard';

/**
 * Brings one alert's silence in Alertmanager in line with the alert as it is now (see
 * silence-plan.ts): the message that triggered it only says which alert to look at.
 */
@Injectable()
export class SilenceSyncService {
  constructor(
    private readonly silences: SilencesRepository,
    private readonly config: AppConfig,
  ) {}

  /** Returns what was done, for the outbox's record; throws what the sender must classify. */
  async reconcile(alertId: string, send: HttpSend): Promise<string> {
    const subject = await this.silences.findSubject(alertId);
    if (!subject) return 'the alert no longer exists';
    if (!subject.alertmanagerUrl) {
      // The Alertmanager that holds it is no longer known: the silence runs out on its own.
      if (subject.silenceId) await this.silences.forgetSilence(alertId, subject.silenceId);
      return 'the integration has no alertmanagerUrl';
    }
    const client = new AlertmanagerClient(send, {
      url: subject.alertmanagerUrl,
      authorization: subject.alertmanagerAuthorization,
    });
    const state = subject.silenceId ? await client.state(subject.silenceId) : null;
    const matchers = silenceMatchers(subject, subject.dedupBy);
    const now = new Date();
    const step = silenceStep(
      {
        mutedUntil: subject.mutedUntil,
        resolution: subject.card?.resolution ?? null,
        silenceId: subject.silenceId,
      },
      state,
      { now, maxDays: this.config.silenceMaxDays, canSilence: matchers !== null },
    );
    switch (step.kind) {
      case 'none':
        return 'in sync';
      case 'create': {
        const id = await client.create({
          matchers: matchers!,
          startsAt: now,
          endsAt: step.endsAt,
          createdBy: SILENCE_CREATED_BY,
          comment: this.comment(subject),
        });
        if (await this.silences.storeSilence(alertId, step.replaces, id, now))
          return `silence ${id} created until ${step.endsAt.toISOString()}`;
        // Unmuted or reopened since it was read, or another replica stored its silence first:
        // this one is not wanted.
        await client.expire(id);
        return `silence ${id} created and expired: the alert changed meanwhile`;
      }
      case 'expire':
        await client.expire(step.silenceId);
        await this.silences.forgetSilence(alertId, step.silenceId);
        return `silence ${step.silenceId} expired`;
      case 'forget':
        await this.silences.forgetSilence(alertId, step.silenceId);
        return `silence ${step.silenceId} was over already`;
    }
  }

  private comment(subject: SilenceSubjectRow): string {
    const card = subject.card!;
    const base = `${this.config.publicUrl}/teams/${encodeURIComponent(card.teamKey)}/board`;
    const link = `${card.boardId ? `${base}/${card.boardId}` : base}?card=${encodeURIComponent(card.key)}`;
    const until =
      subject.mutedUntil && subject.mutedUntil < MUTED_FOREVER
        ? ` until ${subject.mutedUntil.toISOString()}`
        : ' for good';
    return `Loopboard: ${card.key} "${card.title}" was closed as won't fix (muted${until}). ${link}`;
  }
}
