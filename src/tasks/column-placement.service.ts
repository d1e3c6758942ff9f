import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../common/database/prisma.service';
import { InputError } from '../common/errors/app-error';
import type { BoardColumn } from '../generated/prisma/client';
import { evenlySpacedRanks, MAX_RANK_LENGTH, rankBetween } from './rank';
import { TasksRepository } from './tasks.repository';
import { WipLimitExceededError } from './tasks.errors';

export interface Placement {
  /** The column, already locked by the caller (ColumnsRepository.lock). */
  column: BoardColumn;
  /** The card being moved, or null for a new card. */
  taskId: string | null;
  /** The card's current column: a card already in the column does not count against WIP. */
  currentColumnId: string | null;
  beforeTaskId?: string | null;
  afterTaskId?: string | null;
  /** Bypass the WIP limit. */
  force: boolean;
}

interface Slot {
  id: string;
  rank: string;
}

/**
 * Where a card goes in a column: the WIP rule and the rank between its new neighbours.
 * Runs inside the caller's transaction while it holds the column's lock, so concurrent moves
 * into one column are decided one after another.
 */
@Injectable()
export class ColumnPlacementService {
  constructor(private readonly tasks: TasksRepository) {}

  async assertWipRoom(
    tx: PrismaTx,
    placement: Pick<Placement, 'column' | 'currentColumnId' | 'force'>,
  ): Promise<void> {
    const { column } = placement;
    if (placement.force || column.wipLimit === null || placement.currentColumnId === column.id)
      return;
    const count = (await this.tasks.countByColumns([column.id], tx)).get(column.id) ?? 0;
    if (count >= column.wipLimit) {
      throw new WipLimitExceededError(
        { id: column.id, name: column.name, wipLimit: column.wipLimit },
        count,
      );
    }
  }

  /** Checks the WIP limit and returns the rank for the card at the requested place. */
  async place(tx: PrismaTx, placement: Placement): Promise<string> {
    await this.assertWipRoom(tx, placement);
    return this.rankAt(tx, placement);
  }

  async rankAt(tx: PrismaTx, placement: Placement): Promise<string> {
    const key = await this.tryRank(tx, placement);
    if (key !== null) return key;
    // Keys grew too long (or collided): respace the whole column once, then place again.
    await this.respace(tx, placement.column.id, placement.taskId);
    const retry = await this.tryRank(tx, placement);
    if (retry === null) throw new Error(`Could not rank a card in column ${placement.column.id}`);
    return retry;
  }

  /** Rank directly above the first card whose priority is lower (for alert cards). */
  async rankAboveLowerPriority(
    tx: PrismaTx,
    column: BoardColumn,
    firstLowerTaskId: string | null,
  ): Promise<string> {
    return this.rankAt(tx, {
      column,
      taskId: null,
      currentColumnId: null,
      beforeTaskId: firstLowerTaskId,
      force: true,
    });
  }

  private async tryRank(tx: PrismaTx, p: Placement): Promise<string | null> {
    const columnId = p.column.id;
    let prev: Slot | null;
    let next: Slot | null;
    if (p.afterTaskId && p.beforeTaskId) {
      prev = await this.anchor(tx, columnId, p.afterTaskId, p.taskId, 'input.afterTaskId');
      next = await this.anchor(tx, columnId, p.beforeTaskId, p.taskId, 'input.beforeTaskId');
      const between = await this.tasks.firstRankAfter(tx, columnId, prev, p.taskId);
      if (!between || between.id !== next.id) {
        throw InputError.field(
          'input.beforeTaskId',
          'must be the card right after afterTaskId in the column',
        );
      }
    } else if (p.afterTaskId) {
      prev = await this.anchor(tx, columnId, p.afterTaskId, p.taskId, 'input.afterTaskId');
      next = await this.tasks.firstRankAfter(tx, columnId, prev, p.taskId);
    } else if (p.beforeTaskId) {
      next = await this.anchor(tx, columnId, p.beforeTaskId, p.taskId, 'input.beforeTaskId');
      prev = await this.tasks.lastRankBefore(tx, columnId, next, p.taskId);
    } else {
      prev = await this.tasks.lastRankBefore(tx, columnId, null, p.taskId);
      next = null;
    }
    if (prev && next && prev.rank >= next.rank) return null;
    const key = rankBetween(prev?.rank ?? null, next?.rank ?? null);
    return key.length > MAX_RANK_LENGTH ? null : key;
  }

  private async anchor(
    tx: PrismaTx,
    columnId: string,
    id: string,
    movingId: string | null,
    field: string,
  ): Promise<Slot> {
    if (id === movingId) throw InputError.field(field, 'cannot be the card being moved');
    const task = await this.tasks.findLive(id, tx);
    if (!task || task.columnId !== columnId)
      throw InputError.field(field, 'is not a card of the target column');
    return { id: task.id, rank: task.rank };
  }

  /** Rewrites a column's ranks evenly spaced, keeping the order (skipping the card in motion). */
  async respace(tx: PrismaTx, columnId: string, skipId: string | null = null): Promise<void> {
    const cards = (await this.tasks.orderedIdsOfColumn(tx, columnId)).filter(
      (c) => c.id !== skipId,
    );
    await this.tasks.setRanks(
      tx,
      cards.map((c) => c.id),
      evenlySpacedRanks(cards.length),
    );
  }
}
