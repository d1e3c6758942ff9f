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

  /** Appends history entries in one statement, in the given order (their `seq`). */
  async record(tx: PrismaTx, events: NewTaskEvent[]): Promise<void> {
    if (events.length === 0) return;
    const json = (value: unknown): string | null =>
      value === null || value === undefined ? null : JSON.stringify(value);
    await tx.$executeRaw`
      INSERT INTO task_events (id, task_id, team_id, kind, actor, at, "from", "to", note)
      SELECT gen_random_uuid(), v.task_id, v.team_id, v.kind::"TaskEventKind", v.actor, COALESCE(v.at, now()),
        v.from_json::jsonb, v.to_json::jsonb, v.note
      FROM unnest(
        ${events.map((e) => e.taskId)}::uuid[], ${events.map((e) => e.teamId)}::uuid[],
        ${events.map((e) => e.kind)}::text[], ${events.map((e) => e.actor)}::text[],
        ${events.map((e) => e.at ?? null)}::timestamptz[], ${events.map((e) => json(e.from))}::text[],
        ${events.map((e) => json(e.to))}::text[], ${events.map((e) => e.note ?? null)}::text[]
      ) WITH ORDINALITY AS v(task_id, team_id, kind, actor, at, from_json, to_json, note, n)
      ORDER BY v.n`;
  }

  /** History of each task, oldest first. */
  findByTasks(taskIds: readonly string[]): Promise<TaskEvent[]> {
    return this.prisma.taskEvent.findMany({
      where: { taskId: { in: [...taskIds] } },
      orderBy: [{ seq: 'asc' }],
    });
  }
}
