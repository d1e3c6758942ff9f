/**
 * History for the report specs: work is written through the public API like a client, then its
 * recorded timestamps are moved back in the database (only the functions named `backdate*`
 * touch rows directly), so a sprint can have run, and alerts have fired, in the past.
 */
import { createSprint, createTask, moveTask, startSprint, type BoardRef } from './factories';
import { closeSprintOk } from './planning-mutations';
import type { TestApp } from './test-app';

/** `2030-01-07` + `T10:00` → a Date at that UTC time. */
export const at = (day: string, time = '10:00'): Date => new Date(`${day}T${time}:00.000Z`);

/** The sprint "started" at the given moment (instead of when startSprint ran). */
export async function backdateSprintStart(
  t: TestApp,
  sprintId: string,
  startedAt: Date,
): Promise<void> {
  await t.prisma.sprint.update({ where: { id: sprintId }, data: { startedAt } });
}

/**
 * Moves a task's timestamps back: the given fields are set, and with `events` the task's last
 * `events` history entries are dated `events.at` (so history replays see the same day).
 */
export async function backdateTask(
  t: TestApp,
  taskId: string,
  fields: {
    createdAt?: Date;
    addedToSprintAt?: Date;
    startedAt?: Date;
    completedAt?: Date;
    deletedAt?: Date;
  },
  events?: { count: number; at: Date },
): Promise<void> {
  await t.prisma.task.update({ where: { id: taskId }, data: fields });
  if (events) {
    const last = await t.prisma.taskEvent.findMany({
      where: { taskId },
      orderBy: { seq: 'desc' },
      take: events.count,
      select: { id: true },
    });
    await t.prisma.taskEvent.updateMany({
      where: { id: { in: last.map((e) => e.id) } },
      data: { at: events.at },
    });
  }
}

/** Every history entry of a task dated `at` (for tasks whose whole life is on one day). */
export async function backdateAllEvents(t: TestApp, taskId: string, when: Date): Promise<void> {
  await t.prisma.taskEvent.updateMany({ where: { taskId }, data: { at: when } });
}

/** Creates a task through the API as if on `when`: created, added to its sprint and its CREATED entry. */
export async function createTaskAt(
  t: TestApp,
  teamId: string,
  when: Date,
  input: Record<string, unknown>,
): Promise<{ id: string; key: string }> {
  const task = await createTask(t, teamId, input);
  await backdateTask(
    t,
    task.id,
    { createdAt: when, ...(input.sprintId ? { addedToSprintAt: when } : {}) },
    { count: 1, at: when },
  );
  return task;
}

/**
 * Moves a card through the API as if on `when`: its MOVED entry, and the startedAt/completedAt
 * the move set, are dated `when`.
 */
export async function moveTaskAt(
  t: TestApp,
  taskId: string,
  column: { id: string; category: string },
  when: Date,
): Promise<void> {
  const before = await t.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
  await moveTask(t, { taskId, columnId: column.id, force: true });
  const fields: { startedAt?: Date; completedAt?: Date } = {};
  if (column.category === 'IN_PROGRESS' && before.startedAt === null) fields.startedAt = when;
  if (column.category === 'DONE' && before.completedAt === null) fields.completedAt = when;
  await backdateTask(t, taskId, fields, { count: 1, at: when });
}

export interface PastTask {
  estimate: number | null;
  type?: string;
  assigneeId?: string;
  /** Day it was added (unplanned work only; planned work was there before the start). */
  addedOn?: string;
  /** Day it was finished (moved to DONE), if it was. */
  doneOn?: string;
}

export interface PastSprint {
  id: string;
  planned: { id: string; key: string }[];
  unplanned: { id: string; key: string }[];
}

/**
 * A sprint of `startDate`..`endDate` run as if at the time: the planned tasks are in it before it
 * starts (at 08:00 on its first day), unplanned ones are added on `addedOn` at 10:00, work is done
 * on `doneOn` at 15:00. Closed (after its end) unless `close: false`; with `carryTo` its unfinished
 * work moves to that PLANNED sprint.
 */
export async function pastSprint(
  t: TestApp,
  team: { id: string; board: BoardRef },
  spec: {
    name?: string;
    startDate: string;
    endDate: string;
    focusFactor?: number;
    planned?: PastTask[];
    unplanned?: PastTask[];
    close?: boolean;
    carryTo?: string;
  },
): Promise<PastSprint> {
  const sprint = await createSprint(t, team.id, {
    startDate: spec.startDate,
    endDate: spec.endDate,
    ...(spec.name ? { name: spec.name } : {}),
    ...(spec.focusFactor ? { focusFactor: spec.focusFactor } : {}),
  });
  const before = at(spec.startDate, '07:00');
  const planned: { id: string; key: string }[] = [];
  for (const task of spec.planned ?? []) {
    planned.push(
      await createTaskAt(t, team.id, before, {
        sprintId: sprint.id,
        estimate: task.estimate,
        type: task.type ?? 'FEATURE',
        assigneeId: task.assigneeId ?? null,
        force: true,
      }),
    );
  }
  await startSprint(t, sprint.id);
  await backdateSprintStart(t, sprint.id, at(spec.startDate, '08:00'));
  const unplanned: { id: string; key: string }[] = [];
  for (const task of spec.unplanned ?? []) {
    unplanned.push(
      await createTaskAt(t, team.id, at(task.addedOn ?? spec.startDate), {
        sprintId: sprint.id,
        estimate: task.estimate,
        type: task.type ?? 'PRODUCTION_CHANGE',
        assigneeId: task.assigneeId ?? null,
        force: true,
      }),
    );
  }
  const all = [...(spec.planned ?? []), ...(spec.unplanned ?? [])];
  const refs = [...planned, ...unplanned];
  for (let i = 0; i < all.length; i++) {
    const doneOn = all[i]?.doneOn;
    if (doneOn)
      await moveTaskAt(
        t,
        (refs[i] as { id: string }).id,
        team.board.column.DONE as never,
        at(doneOn, '15:00'),
      );
  }
  if (spec.close ?? true) await closeSprintOk(t, sprint.id, spec.carryTo);
  return { id: sprint.id, planned, unplanned };
}

/**
 * Dates the firing episodes of an alert, oldest first: episode i lasted `minutes[i]` (null: still
 * firing). Episodes start at the alert's `startsAt`; their end is otherwise when the resolve arrived.
 */
export async function backdateEpisodeEnds(
  t: TestApp,
  alertId: string,
  minutes: (number | null)[],
): Promise<void> {
  const episodes = await t.prisma.alertEpisode.findMany({
    where: { alertId },
    orderBy: { startedAt: 'asc' },
  });
  if (episodes.length !== minutes.length)
    throw new Error(`Alert ${alertId} has ${episodes.length} episodes, not ${minutes.length}`);
  for (const [i, episode] of episodes.entries()) {
    const length = minutes[i];
    await t.prisma.alertEpisode.update({
      where: { id: episode.id },
      data: {
        endedAt:
          length === null || length === undefined
            ? null
            : new Date(episode.startedAt.getTime() + length * 60_000),
      },
    });
  }
}
