import { Injectable } from '@nestjs/common';
import { PrismaService, PrismaTx } from '../common/database/prisma.service';
import { Prisma } from '../generated/prisma/client';
import type { Task, TaskPriority, TaskSource, TaskType } from '../generated/prisma/client';

/** A filter in the repository's own terms: callers never build Prisma where-clauses. */
export interface TaskQuery {
  teamId: string;
  sprintId?: string | null;
  inBacklog?: boolean;
  boardId?: string | null;
  columnId?: string | null;
  assigneeId?: string | null;
  type?: TaskType;
  priority?: TaskPriority;
  label?: string;
  source?: TaskSource;
  text?: string;
  /** Only these tasks (e.g. those whose SLA clock stands at a status). */
  ids?: readonly string[];
}

export interface NewTask {
  teamId: string;
  number: number;
  key: string;
  title: string;
  description: string | null;
  type: TaskType;
  priority: TaskPriority;
  estimate: number | null;
  columnId: string | null;
  rank: string;
  sprintId: string | null;
  assigneeId: string | null;
  labels: string[];
  source: TaskSource;
  planned: boolean;
  addedToSprintAt: Date | null;
  startedAt: Date | null;
  completedAt: Date | null;
}

export type TaskChanges = Partial<
  Pick<
    Task,
    | 'title'
    | 'description'
    | 'type'
    | 'priority'
    | 'estimate'
    | 'assigneeId'
    | 'labels'
    | 'columnId'
    | 'rank'
    | 'sprintId'
    | 'planned'
    | 'addedToSprintAt'
    | 'startedAt'
    | 'completedAt'
    | 'deletedAt'
    | 'resolution'
    | 'reopenCount'
  >
>;

/**
 * Every column of a task under its model name, for raw queries that return whole cards (a page
 * of a column in one statement: no id list sent back, no ORM mapping of each row). Kept in step
 * with `model Task` by the board tests, which compare it with the ORM's rows.
 */
const TASK_COLUMNS = Prisma.sql`id, team_id AS "teamId", number, key, title, description, type::text AS type,
  priority::text AS priority, estimate, column_id AS "columnId", rank, sprint_id AS "sprintId",
  assignee_id AS "assigneeId", labels, source::text AS source, planned, added_to_sprint_at AS "addedToSprintAt",
  created_at AS "createdAt", updated_at AS "updatedAt", started_at AS "startedAt", completed_at AS "completedAt",
  deleted_at AS "deletedAt", resolution::text AS resolution, reopen_count AS "reopenCount",
  related_task_id AS "relatedTaskId"`;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function where(query: TaskQuery): Prisma.TaskWhereInput {
  const text = query.text?.trim();
  return {
    teamId: query.teamId,
    deletedAt: null,
    ...(query.sprintId ? { sprintId: query.sprintId } : {}),
    ...(query.inBacklog === true
      ? { sprintId: null }
      : query.inBacklog === false
        ? { sprintId: { not: null } }
        : {}),
    ...(query.boardId ? { column: { boardId: query.boardId } } : {}),
    ...(query.columnId ? { columnId: query.columnId } : {}),
    ...(query.assigneeId ? { assigneeId: query.assigneeId } : {}),
    ...(query.type ? { type: query.type } : {}),
    ...(query.priority ? { priority: query.priority } : {}),
    ...(query.label ? { labels: { has: query.label } } : {}),
    ...(query.source ? { source: query.source } : {}),
    ...(query.ids ? { id: { in: [...query.ids] } } : {}),
    ...(text
      ? {
          OR: [
            { key: { equals: text.toUpperCase() } },
            { title: { contains: escapeLike(text), mode: 'insensitive' as const } },
            { description: { contains: escapeLike(text), mode: 'insensitive' as const } },
          ],
        }
      : {}),
  };
}

@Injectable()
export class TasksRepository {
  constructor(private readonly prisma: PrismaService) {}

  findLive(id: string, tx: PrismaTx = this.prisma): Promise<Task | null> {
    return tx.task.findFirst({ where: { id, deletedAt: null } });
  }

  findLiveByKey(key: string): Promise<Task | null> {
    return this.prisma.task.findFirst({ where: { key, deletedAt: null } });
  }

  findByIds(ids: readonly string[], tx: PrismaTx = this.prisma): Promise<Task[]> {
    return tx.task.findMany({ where: { id: { in: [...ids] } } });
  }

  /** A page of a team's tasks, newest (highest number) first, after the cursor's number. */
  findPage(query: TaskQuery, first: number, beforeNumber: number | null): Promise<Task[]> {
    return this.prisma.task.findMany({
      where: {
        ...where(query),
        ...(beforeNumber !== null ? { number: { lt: beforeNumber } } : {}),
      },
      orderBy: { number: 'desc' },
      take: first,
    });
  }

  count(query: TaskQuery): Promise<number> {
    return this.prisma.task.count({ where: where(query) });
  }

  create(tx: PrismaTx, data: NewTask): Promise<Task> {
    return tx.task.create({ data });
  }

  /** Inserts many tasks with ids chosen by the caller, in one statement. */
  async createMany(
    tx: PrismaTx,
    tasks: (NewTask & { id: string; relatedTaskId?: string | null })[],
  ): Promise<void> {
    if (tasks.length === 0) return;
    // One statement for any number of cards (alert storms): columns as arrays, unnested.
    const col = <K extends keyof (typeof tasks)[number]>(key: K) =>
      tasks.map((t) => t[key] ?? null);
    const now = new Date();
    await tx.$executeRaw`
      INSERT INTO tasks (id, team_id, number, key, title, description, type, priority, estimate, column_id,
        rank, sprint_id, assignee_id, labels, source, planned, added_to_sprint_at, started_at, completed_at,
        related_task_id, created_at, updated_at)
      SELECT v.id, v.team_id, v.number, v.key, v.title, v.description, v.type::"TaskType", v.priority::"TaskPriority",
        v.estimate, v.column_id, v.rank, v.sprint_id, v.assignee_id,
        ARRAY(SELECT jsonb_array_elements_text(v.labels::jsonb)), v.source::"TaskSource", v.planned,
        v.added_to_sprint_at, v.started_at, v.completed_at, v.related_task_id, ${now}, ${now}
      FROM unnest(
        ${col('id')}::uuid[], ${col('teamId')}::uuid[], ${col('number')}::int[], ${col('key')}::text[],
        ${col('title')}::text[], ${col('description')}::text[], ${col('type')}::text[], ${col('priority')}::text[],
        ${col('estimate')}::float8[], ${col('columnId')}::uuid[], ${col('rank')}::text[], ${col('sprintId')}::uuid[],
        ${col('assigneeId')}::uuid[], ${tasks.map((t) => JSON.stringify(t.labels))}::text[], ${col('source')}::text[],
        ${col('planned')}::boolean[], ${col('addedToSprintAt')}::timestamptz[], ${col('startedAt')}::timestamptz[],
        ${col('completedAt')}::timestamptz[], ${col('relatedTaskId')}::uuid[]
      ) AS v(id, team_id, number, key, title, description, type, priority, estimate, column_id, rank, sprint_id,
             assignee_id, labels, source, planned, added_to_sprint_at, started_at, completed_at, related_task_id)`;
  }

  /** The topmost live card of each priority in a column (where higher-priority cards go above). */
  topCardPerPriority(
    tx: PrismaTx,
    columnId: string,
  ): Promise<{ priority: TaskPriority; id: string; rank: string }[]> {
    return tx.$queryRaw<{ priority: TaskPriority; id: string; rank: string }[]>`
      SELECT p.priority, t.id, t.rank
      FROM unnest(enum_range(NULL::"TaskPriority")) AS p(priority)
      CROSS JOIN LATERAL (
        SELECT id, rank FROM tasks
        WHERE column_id = ${columnId}::uuid AND priority = p.priority AND deleted_at IS NULL
        ORDER BY rank, id LIMIT 1
      ) AS t`;
  }

  update(tx: PrismaTx, id: string, changes: TaskChanges): Promise<Task> {
    return tx.task.update({ where: { id }, data: changes });
  }

  /** Live tasks of the given ids that belong to the team, locked against concurrent planning. */
  async lockForTeam(tx: PrismaTx, teamId: string, ids: readonly string[]): Promise<Task[]> {
    if (ids.length === 0) return [];
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM tasks
      WHERE id = ANY(${[...ids]}::uuid[]) AND team_id = ${teamId}::uuid AND deleted_at IS NULL
      ORDER BY id FOR UPDATE`;
    return this.findByIds(
      locked.map((r) => r.id),
      tx,
    );
  }

  /** Live tasks in the sprints, by column order then key. */
  findBySprints(sprintIds: readonly string[], tx: PrismaTx = this.prisma): Promise<Task[]> {
    return tx.task.findMany({
      where: { sprintId: { in: [...sprintIds] }, deletedAt: null },
      orderBy: [{ number: 'asc' }],
    });
  }

  /** Puts tasks into a sprint (or the backlog, with null) and records how they joined it. */
  async setSprint(
    tx: PrismaTx,
    ids: readonly string[],
    changes: { sprintId: string | null; planned: boolean; addedToSprintAt: Date | null },
  ): Promise<void> {
    if (ids.length === 0) return;
    await tx.task.updateMany({ where: { id: { in: [...ids] } }, data: changes });
  }

  /** At sprint start: everything in the sprint is planned work. */
  async markPlanned(tx: PrismaTx, sprintId: string): Promise<void> {
    await tx.task.updateMany({ where: { sprintId, deletedAt: null }, data: { planned: true } });
  }

  // --- Column contents -------------------------------------------------------------------

  /**
   * The first `limit` cards of each column, in rank order, in two queries whatever the number of
   * columns or cards: a window query picks the ids, one lookup loads them.
   */
  /**
   * The first `limit` cards of each column, in rank order, and how many cards each column holds
   * (counted in the same statement; a column without cards has no rows and holds 0).
   */
  async firstCardsOfColumns(
    columnIds: readonly string[],
    limit: number,
  ): Promise<{ cards: Task[]; counts: Map<string, number> }> {
    if (columnIds.length === 0) return { cards: [], counts: new Map() };
    const rows = await this.prisma.$queryRaw<(Task & { columnCards?: bigint | number })[]>`
      SELECT ${TASK_COLUMNS}, column_cards AS "columnCards" FROM (
        SELECT *, row_number() OVER (PARTITION BY column_id ORDER BY rank, id) AS position,
          count(*) OVER (PARTITION BY column_id) AS column_cards
        FROM tasks
        WHERE column_id = ANY(${[...columnIds]}::uuid[]) AND deleted_at IS NULL
      ) ranked
      WHERE position <= ${limit}
      ORDER BY column_id, rank, id`;
    const counts = new Map<string, number>();
    for (const row of rows) {
      counts.set(row.columnId as string, Number(row.columnCards));
      delete row.columnCards;
    }
    return { cards: rows, counts };
  }

  /** Cards of one column after a (rank, id) position, in rank order. */
  async cardsOfColumnAfter(
    columnId: string,
    after: { rank: string; id: string },
    limit: number,
  ): Promise<Task[]> {
    return this.prisma.$queryRaw<Task[]>`
      SELECT ${TASK_COLUMNS} FROM tasks
      WHERE column_id = ${columnId}::uuid AND deleted_at IS NULL AND (rank, id) > (${after.rank}, ${after.id}::uuid)
      ORDER BY rank, id
      LIMIT ${limit}`;
  }

  async countByColumns(
    columnIds: readonly string[],
    tx: PrismaTx = this.prisma,
  ): Promise<Map<string, number>> {
    const rows = await tx.task.groupBy({
      by: ['columnId'],
      where: { columnId: { in: [...columnIds] }, deletedAt: null },
      _count: { _all: true },
    });
    return new Map(rows.map((r) => [r.columnId as string, r._count._all]));
  }

  /** The neighbours of a position in a column, skipping one task (the one being moved). */
  async lastRankBefore(
    tx: PrismaTx,
    columnId: string,
    bound: { rank: string; id: string } | null,
    skipId: string | null,
  ): Promise<{ id: string; rank: string } | null> {
    const rows = bound
      ? await tx.$queryRaw<{ id: string; rank: string }[]>`
          SELECT id, rank FROM tasks
          WHERE column_id = ${columnId}::uuid AND deleted_at IS NULL AND id <> ${skipId ?? NIL}::uuid
            AND (rank, id) < (${bound.rank}, ${bound.id}::uuid)
          ORDER BY rank DESC, id DESC LIMIT 1`
      : await tx.$queryRaw<{ id: string; rank: string }[]>`
          SELECT id, rank FROM tasks
          WHERE column_id = ${columnId}::uuid AND deleted_at IS NULL AND id <> ${skipId ?? NIL}::uuid
          ORDER BY rank DESC, id DESC LIMIT 1`;
    return rows[0] ?? null;
  }

  async firstRankAfter(
    tx: PrismaTx,
    columnId: string,
    bound: { rank: string; id: string },
    skipId: string | null,
  ): Promise<{ id: string; rank: string } | null> {
    const rows = await tx.$queryRaw<{ id: string; rank: string }[]>`
      SELECT id, rank FROM tasks
      WHERE column_id = ${columnId}::uuid AND deleted_at IS NULL AND id <> ${skipId ?? NIL}::uuid
        AND (rank, id) > (${bound.rank}, ${bound.id}::uuid)
      ORDER BY rank, id LIMIT 1`;
    return rows[0] ?? null;
  }

  /** Every live card of a column in order (for rebalancing its ranks). */
  orderedIdsOfColumn(tx: PrismaTx, columnId: string): Promise<{ id: string; rank: string }[]> {
    return tx.$queryRaw<{ id: string; rank: string }[]>`
      SELECT id, rank FROM tasks WHERE column_id = ${columnId}::uuid AND deleted_at IS NULL ORDER BY rank, id`;
  }

  /** Rewrites many ranks in one statement. */
  async setRanks(tx: PrismaTx, ids: string[], ranks: string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.$executeRaw`
      UPDATE tasks AS t SET rank = v.rank, updated_at = now()
      FROM (SELECT unnest(${ids}::uuid[]) AS id, unnest(${ranks}::text[]) AS rank) AS v
      WHERE t.id = v.id`;
  }

  /**
   * Moves cards to another column with the given ranks in one statement, applying the flow
   * timestamp rules of the target category (see flow-timestamps.ts).
   */
  async moveCards(
    tx: PrismaTx,
    ids: string[],
    ranks: string[],
    to: { columnId: string; category: string },
    now: Date,
  ): Promise<void> {
    if (ids.length === 0) return;
    const starts = to.category === 'IN_PROGRESS';
    const completes = to.category === 'DONE';
    await tx.$executeRaw`
      UPDATE tasks AS t SET
        column_id = ${to.columnId}::uuid,
        rank = v.rank,
        started_at = CASE WHEN ${starts} THEN COALESCE(t.started_at, ${now}) ELSE t.started_at END,
        completed_at = CASE WHEN ${completes} THEN COALESCE(t.completed_at, ${now}) ELSE NULL END,
        updated_at = now()
      FROM (SELECT unnest(${ids}::uuid[]) AS id, unnest(${ranks}::text[]) AS rank) AS v
      WHERE t.id = v.id`;
  }
}

/** A uuid no row has, so "skip nothing" can share the query text with "skip this task". */
const NIL = '00000000-0000-0000-0000-000000000000';
