/**
 * Sprint- and reports-page tests: a team whose sprint holds planned work and production work
 * that crossed its reserve, created through the API, and the reports as the API computes them.
 */
import { createSprint, createTask, moveTask, planSprint, startSprint } from './factories';
import { fixedReserve } from './planning-mutations';
import { seedBoard, type SeededBoard } from './board-page';
import type { TestApp } from './test-app';

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Two working weeks around today: from the Monday of last week to the Friday of next week. */
export function sprintAroundToday(now = new Date()): { startDate: string; endDate: string } {
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7) - 7);
  const friday = new Date(monday);
  friday.setUTCDate(friday.getUTCDate() + 18);
  return { startDate: isoDay(monday), endDate: isoDay(friday) };
}

/** The two working weeks after `sprint` (from the Monday after its last day). */
export function sprintAfter(sprint: { endDate: string }): { startDate: string; endDate: string } {
  const monday = new Date(`${sprint.endDate}T00:00:00Z`);
  monday.setUTCDate(monday.getUTCDate() + ((8 - monday.getUTCDay()) % 7 || 7));
  const friday = new Date(monday);
  friday.setUTCDate(friday.getUTCDate() + 11);
  return { startDate: isoDay(monday), endDate: isoDay(friday) };
}

export interface SeededSprint extends SeededBoard {
  sprint: { id: string; name: string };
  /** Planned task keys (estimates 3, 5, 2, 3; the first is done). */
  planned: string[];
  /** The production cards, in arrival order: 4 points (tips 80 %), then 3 (tips 100 %). */
  production: { id: string; key: string }[];
}

/**
 * A team (two members, one point a day each), a fixed reserve of 5 points, and an ACTIVE sprint
 * around today: 13 planned points, one card done, then 7 points of incidents that crossed the
 * reserve's 80 % and 100 %.
 */
export async function seedActiveSprint(t: TestApp): Promise<SeededSprint> {
  const seeded = await seedBoard(t, {});
  await fixedReserve(t, seeded.team.id, 5);
  const sprint = await createSprint(t, seeded.team.id, {
    name: 'Sprint 49',
    ...sprintAroundToday(),
  });
  const todo = seeded.board.column['TODO']!;
  const planned = [];
  for (const [i, estimate] of [3, 5, 2, 3].entries())
    planned.push(
      await createTask(t, seeded.team.id, {
        title: `Planned work ${i + 1}`,
        estimate,
        boardId: seeded.board.id,
        columnId: todo.id,
        assigneeId: seeded.members[i % 2]!.id,
      }),
    );
  await planSprint(
    t,
    sprint.id,
    planned.map((task) => task.id),
  );
  await startSprint(t, sprint.id);
  await moveTask(t, { taskId: planned[0]!.id, columnId: seeded.board.column['DONE']!.id });
  const production = [];
  for (const [i, estimate] of [4, 3].entries())
    production.push(
      await createTask(t, seeded.team.id, {
        title: `Incident ${i + 1}`,
        type: 'INCIDENT',
        estimate,
        sprintId: sprint.id,
        boardId: seeded.board.id,
        columnId: seeded.board.column['TRIAGE']!.id,
      }),
    );
  return {
    ...seeded,
    sprint: { id: sprint.id, name: 'Sprint 49' },
    planned: planned.map((task) => task.key),
    production,
  };
}

export interface CapacityReport {
  state: string;
  capacityPoints: number;
  reservedPoints: number;
  plannablePoints: number;
  committedPoints: number;
  completedPoints: number;
  scopePoints: number;
  addedScopePoints: number;
  reserveUsedPoints: number;
  reserveUsedPercent: number | null;
  reserveOverflowPoints: number;
  flags: string[];
  reserveEvents: { threshold: number; taskId: string | null }[];
  members: {
    memberId: string;
    capacityPoints: number;
    assignedPoints: number;
    completedPoints: number;
  }[];
  burndown: { date: string; idealPoints: number; remainingPoints: number }[];
}

export async function capacityReport(t: TestApp, sprintId: string): Promise<CapacityReport> {
  const data = await t.ok<{ sprintCapacityReport: CapacityReport }>(
    `query ($id: ID!) { sprintCapacityReport(sprintId: $id) {
      state capacityPoints reservedPoints plannablePoints committedPoints completedPoints
      scopePoints addedScopePoints reserveUsedPoints reserveUsedPercent reserveOverflowPoints flags
      reserveEvents { threshold taskId }
      members { memberId capacityPoints assignedPoints completedPoints }
      burndown { date idealPoints remainingPoints }
    } }`,
    { id: sprintId },
  );
  return data.sprintCapacityReport;
}

/** Points as the pages print them (web/src/format.ts): at most one decimal. */
export const shown = (value: number): string => String(Math.round(value * 10) / 10);

/** A whole percent as the pages print it, a dash for none. */
export const shownPercent = (value: number | null): string =>
  value === null ? '–' : `${Math.round(value)} %`;
