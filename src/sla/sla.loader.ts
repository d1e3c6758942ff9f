import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupByKey, LoaderCache } from '../common/graphql/loader-cache';
import type { SlaBreach, TaskSla } from './models/task-sla.model';
import { SlaBreachRow, SlaRepository } from './sla.repository';
import { hasTargets, slaReading } from './sla-status';

/** Per-request batches of SLA clocks and breaches: one query each for a whole board. */
@Injectable()
export class SlaLoader {
  constructor(private readonly sla: SlaRepository) {}

  /** Each card's clock read at the database's SLA clock; null without a clock or targets. */
  clock(cache: LoaderCache): DataLoader<string, TaskSla | null> {
    return cache.get(
      'task.sla',
      () =>
        new DataLoader(async (taskIds) => {
          const { now, clocks } = await this.sla.clocksOf(taskIds);
          const visible = new Map(cache.visible(clocks, (c) => c.teamId).map((c) => [c.taskId, c]));
          return taskIds.map((id) => {
            const clock = visible.get(id);
            if (!clock || !hasTargets(clock)) return null;
            return {
              taskId: clock.taskId,
              startedAt: clock.startedAt,
              ackDueAt: clock.ackDueAt,
              resolveDueAt: clock.resolveDueAt,
              ackedAt: clock.ackedAt,
              resolvedAt: clock.resolvedAt,
              ...slaReading(clock, now),
            };
          });
        }),
    );
  }

  breaches(cache: LoaderCache): DataLoader<string, SlaBreach[]> {
    return cache.get(
      'task.slaBreaches',
      () =>
        new DataLoader(async (taskIds) =>
          groupByKey<string, SlaBreachRow>(
            taskIds,
            cache.visible(await this.sla.breachesOf(taskIds), (b) => b.teamId),
            (b) => b.taskId,
          ),
        ),
    );
  }
}
