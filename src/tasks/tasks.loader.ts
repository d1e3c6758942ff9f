import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupByKey, LoaderCache } from '../common/graphql/loader-cache';
import type { Task, TaskEvent } from '../generated/prisma/client';
import { TaskEventsRepository } from './task-events.repository';
import { TasksRepository } from './tasks.repository';

@Injectable()
export class TasksLoader {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly events: TaskEventsRepository,
  ) {}

  /**
   * The first `limit` cards of each requested column: one batch for the whole board. The same
   * statement counts each column's cards, which primes `cardCount` for those columns.
   */
  firstCards(cache: LoaderCache, limit: number): DataLoader<string, Task[]> {
    return cache.get(
      `column.firstCards.${limit}`,
      () =>
        new DataLoader(async (columnIds) => {
          const { cards, counts } = await this.tasks.firstCardsOfColumns(columnIds, limit);
          const visible = cache.visible(cards, (t) => t.teamId);
          const grouped = groupByKey(columnIds, visible, (t) => t.columnId as string);
          const cardCount = this.cardCount(cache);
          columnIds.forEach((id, i) => {
            // Only columns whose cards the caller may see (a column with none counts 0 anyway).
            const page = grouped[i] as Task[];
            if (page.length > 0 || !counts.has(id)) cardCount.prime(id, counts.get(id) ?? 0);
          });
          return grouped;
        }),
    );
  }

  cardCount(cache: LoaderCache): DataLoader<string, number> {
    return cache.get(
      'column.cardCount',
      () =>
        new DataLoader(async (columnIds) => {
          const counts = await this.tasks.countByColumns(columnIds);
          return columnIds.map((id) => counts.get(id) ?? 0);
        }),
    );
  }

  tasksOfSprint(cache: LoaderCache): DataLoader<string, Task[]> {
    return cache.get(
      'sprint.tasks',
      () =>
        new DataLoader(async (sprintIds) =>
          groupByKey(
            sprintIds,
            cache.visible(await this.tasks.findBySprints(sprintIds), (t) => t.teamId),
            (t) => t.sprintId as string,
          ),
        ),
    );
  }

  history(cache: LoaderCache): DataLoader<string, TaskEvent[]> {
    return cache.get(
      'task.history',
      () =>
        new DataLoader(async (taskIds) =>
          groupByKey(
            taskIds,
            cache.visible(await this.events.findByTasks(taskIds), (e) => e.teamId),
            (e) => e.taskId,
          ),
        ),
    );
  }
}
