import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../common/database/prisma.service';

/** A won't-fix card taken back to work, as the features that react to it see it. */
export interface ReopenedWontFix {
  id: string;
  teamId: string;
}

/**
 * Runs in the transaction that takes a won't-fix card back to work, so what other features undo
 * (the alerts feature unmutes the card's alerts and expires their silences) commits with the move.
 */
export type WontFixReopenHook = (tx: PrismaTx, task: ReopenedWontFix) => Promise<void>;

/**
 * Where features that depend on tasks hook into a won't-fix card's reopening, without tasks
 * importing them (alerts imports tasks, not the other way round).
 */
@Injectable()
export class TaskReopenHooks {
  private readonly hooks: WontFixReopenHook[] = [];

  onWontFixReopened(hook: WontFixReopenHook): void {
    this.hooks.push(hook);
  }

  async wontFixReopened(tx: PrismaTx, task: ReopenedWontFix): Promise<void> {
    for (const hook of this.hooks) await hook(tx, task);
  }
}
