import { Injectable } from '@nestjs/common';
import { PrismaService, PrismaTx } from '../common/database/prisma.service';
import type { Prisma, TaskEvent, TaskEventKind } from '../generated/prisma/client';

export interface NewTaskEvent {
  taskId: string;
  teamId: string;
  kind: TaskEventKind;
  actor: string;
  at?: Date;
  from?: Prisma.InputJsonValue | null;
  to?: Prisma.InputJsonValue | null;
  note?: string | null;
}

@Injectable()
export class TaskEventsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async record(tx: PrismaTx, events: NewTaskEvent[]): Promise<void> {
    if (events.length === 0) return;
    await tx.taskEvent.createMany({
      data: events.map((e) => ({
        taskId: e.taskId,
        teamId: e.teamId,
        kind: e.kind,
        actor: e.actor,
        at: e.at,
        from: e.from ?? undefined,
        to: e.to ?? undefined,
        note: e.note ?? null,
      })),
    });
  }

  /** History of each task, oldest first. */
  findByTasks(taskIds: readonly string[]): Promise<TaskEvent[]> {
    return this.prisma.taskEvent.findMany({
      where: { taskId: { in: [...taskIds] } },
      orderBy: [{ seq: 'asc' }],
    });
  }
}
