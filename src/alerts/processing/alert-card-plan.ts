import type {
  AlertIntegration,
  BoardColumn,
  Sprint,
  Task,
  TaskPriority,
} from '../../generated/prisma/client';
import { flowTimestampsAfterMove } from '../../tasks/flow-timestamps';
import type { NewTaskEvent } from '../../tasks/task-events.repository';
import type { NewTask, TaskChanges } from '../../tasks/tasks.repository';
import type { SuspectQuery } from '../../deployments/suspects';
import type { CardFields } from './alert-card';
import { priorityRank } from './alert-card';

/**
 * What AlertCardsService does to cards, decided without the database: which columns to lock,
 * which cards arrive where, the rows and changes to write and the history they leave. The
 * service reads what these need, in lock order, and writes what they return.
 */

export const ALERT_ACTOR = 'alerts';

export interface NewAlertCard {
  alertId: string;
  fields: CardFields;
  /** Column chosen by routing rules or the integration, null for none. */
  columnId: string | null;
  relatedTaskId: string | null;
  note: string;
  /** What its suspect deployment is looked up by: null when the alert names no service. */
  suspect?: SuspectQuery | null;
}

export interface CardTouch {
  taskId: string;
  raisePriority: TaskPriority | null;
  refired: boolean;
  acknowledged: boolean;
}

/** The card changes one round of alerts decided (see decideRound). */
export interface CardChanges {
  creates: NewAlertCard[];
  reopens: { taskId: string; alertTitle: string }[];
  touches: CardTouch[];
  resolves: { taskId: string; moveIfUnstarted: boolean; endsAt: Date }[];
}

export interface CardWork extends CardChanges {
  teamId: string;
  teamKey: string;
  integration: AlertIntegration;
  /** Where reopened cards return (the integration's entry column). */
  entryColumnId: string | null;
  now: Date;
}

export interface OverfullColumn {
  columnId: string;
  name: string;
  wipLimit: number;
  cards: number;
}

export interface CardResult {
  /** alertId → id of the card created for it. */
  created: Map<string, string>;
  overfullColumns: OverfullColumn[];
}

export interface Arrival {
  id: string;
  priority: TaskPriority;
}

/** A card in a column: where arrivals of higher priority go right above. */
export interface RankedCard {
  id: string;
  rank: string;
}

export type NewAlertTask = NewTask & { id: string; relatedTaskId: string | null };

export function cardEvent(
  work: Pick<CardWork, 'teamId' | 'now'>,
  taskId: string,
  kind: NewTaskEvent['kind'],
  extra: Partial<NewTaskEvent> = {},
): NewTaskEvent {
  return { taskId, teamId: work.teamId, kind, actor: ALERT_ACTOR, at: work.now, ...extra };
}

/** Whether the round moves cards into columns (and so into the active sprint). */
export function movesCards(work: CardChanges): boolean {
  return work.creates.length > 0 || work.reopens.length > 0;
}

/** The columns to lock, in lock order (sorted). */
export function lockTargetsOf(work: CardWork, reopening: boolean): string[] {
  const targets = new Set<string>();
  for (const card of work.creates) if (card.columnId) targets.add(card.columnId);
  if (work.entryColumnId && reopening) targets.add(work.entryColumnId);
  // The resolve column too, now and in order: taken later, after a task row, it could deadlock
  // with a move into it (column lock, then that task's row).
  const resolveColumnId = work.integration.resolveColumnId;
  if (resolveColumnId && work.resolves.some((r) => r.moveIfUnstarted)) targets.add(resolveColumnId);
  return [...targets].sort();
}

/** Cards arriving per locked column: new cards (by their ids to be), then reopened ones. */
export function arrivalsOf(
  work: CardWork,
  newIds: readonly string[],
  locked: ReadonlyMap<string, BoardColumn>,
  reopened: readonly Task[],
): Map<string, Arrival[]> {
  const arrivals = new Map<string, Arrival[]>();
  const add = (columnId: string, arrival: Arrival): void => {
    const list = arrivals.get(columnId) ?? [];
    list.push(arrival);
    arrivals.set(columnId, list);
  };
  work.creates.forEach((card, i) => {
    if (card.columnId && locked.has(card.columnId))
      add(card.columnId, { id: newIds[i] as string, priority: card.fields.priority });
  });
  const reopenColumn = work.entryColumnId ? locked.get(work.entryColumnId) : undefined;
  if (reopenColumn) {
    if (!arrivals.has(reopenColumn.id)) arrivals.set(reopenColumn.id, []);
    for (const task of reopened) add(reopenColumn.id, { id: task.id, priority: task.priority });
  }
  return arrivals;
}

/**
 * Arrivals grouped by the card they go right above (null: the end of the column), more urgent
 * arrivals first: the anchor of priority p is the first existing card, by rank, of lower priority.
 */
export function arrivalGroups(
  tops: readonly (RankedCard & { priority: TaskPriority })[],
  arrivals: readonly Arrival[],
): { anchor: RankedCard | null; items: Arrival[] }[] {
  const arrivingIds = new Set(arrivals.map((a) => a.id));
  const anchorFor = (priority: TaskPriority): RankedCard | null =>
    tops
      .filter((t) => priorityRank(t.priority) < priorityRank(priority) && !arrivingIds.has(t.id))
      .reduce<RankedCard | null>(
        (best, t) =>
          !best || t.rank < best.rank || (t.rank === best.rank && t.id < best.id) ? t : best,
        null,
      );
  const groups = new Map<string, { anchor: RankedCard | null; items: Arrival[] }>();
  for (const arrival of [...arrivals].sort(
    (a, b) => priorityRank(b.priority) - priorityRank(a.priority),
  )) {
    const anchor = anchorFor(arrival.priority);
    const key = anchor?.id ?? '';
    const group = groups.get(key) ?? { anchor, items: [] };
    group.items.push(arrival);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Where the new cards go: their ids to be, first number, locked columns, ranks, sprint. */
export interface Placement {
  newIds: readonly string[];
  first: number;
  locked: ReadonlyMap<string, BoardColumn>;
  ranks: ReadonlyMap<string, string>;
  sprint: Sprint | null;
}

/** The rows of the new cards, numbered from `first` in order, and their CREATED history. */
export function createdCards(
  work: CardWork,
  placed: Placement,
): { rows: NewAlertTask[]; events: NewTaskEvent[] } {
  const created = work.creates.map((card, i) => createdCard(work, card, i, placed));
  return { rows: created.map((c) => c.row), events: created.map((c) => c.event) };
}

function createdCard(
  work: CardWork,
  card: NewAlertCard,
  i: number,
  { newIds, first, locked, ranks, sprint }: Placement,
): { row: NewAlertTask; event: NewTaskEvent } {
  const id = newIds[i] as string;
  const column = card.columnId ? locked.get(card.columnId) : undefined;
  const number = first + i;
  const fresh = { startedAt: null, completedAt: null };
  const row: NewAlertTask = {
    id,
    teamId: work.teamId,
    number,
    key: `${work.teamKey}-${number}`,
    ...card.fields,
    columnId: column?.id ?? null,
    rank: column ? (ranks.get(id) as string) : '',
    sprintId: sprint?.id ?? null,
    assigneeId: null,
    source: 'ALERT',
    planned: false,
    addedToSprintAt: sprint ? work.now : null,
    relatedTaskId: card.relatedTaskId,
    ...flowTimestampsAfterMove(fresh, column?.category ?? null, work.now),
  };
  const to = {
    columnId: row.columnId,
    category: column?.category ?? null,
    sprintId: row.sprintId,
    estimate: card.fields.estimate,
  };
  return { row, event: cardEvent(work, id, 'CREATED', { to, note: card.note }) };
}

/** A done card reopened: back to the entry column (if any) and into the active sprint. */
export function reopenedCard(
  work: Pick<CardWork, 'teamId' | 'now'>,
  task: Task,
  placed: { column: BoardColumn | null; ranks: ReadonlyMap<string, string>; sprint: Sprint | null },
): { changes: TaskChanges; event: NewTaskEvent } {
  const { column, sprint } = placed;
  const changes: TaskChanges = {
    ...(column ? { columnId: column.id, rank: placed.ranks.get(task.id) } : {}),
    ...flowTimestampsAfterMove(task, column?.category ?? null, work.now),
    completedAt: null,
    resolution: null,
    reopenCount: task.reopenCount + 1,
    ...(sprint !== null && task.sprintId !== sprint.id
      ? { sprintId: sprint.id, planned: false, addedToSprintAt: work.now }
      : {}),
  };
  const event = cardEvent(work, task.id, 'REOPENED', {
    from: { columnId: task.columnId, completedAt: task.completedAt?.toISOString() ?? null },
    to: { columnId: column?.id ?? task.columnId, category: column?.category ?? null },
    note: 'the alert fired again within the reopen window',
  });
  return { changes, event };
}

/** The history of a card its alert touched (priority raised, fired again, acknowledged). */
export function touchEvents(
  work: Pick<CardWork, 'teamId' | 'now'>,
  touch: CardTouch,
): NewTaskEvent[] {
  const events: NewTaskEvent[] = [];
  if (touch.raisePriority)
    events.push(
      cardEvent(work, touch.taskId, 'PRIORITY_RAISED', {
        to: touch.raisePriority,
        note: 'alert severity rose',
      }),
    );
  if (touch.refired)
    events.push(cardEvent(work, touch.taskId, 'ALERT_FIRED', { note: 'the alert fired again' }));
  if (touch.acknowledged)
    events.push(
      cardEvent(work, touch.taskId, 'ALERT_ACKNOWLEDGED', { note: 'acknowledged at the source' }),
    );
  return events;
}

/** An unstarted card moved to the resolve column: its changes and MOVED history. */
export function resolvedMove(
  work: Pick<CardWork, 'teamId' | 'now'>,
  task: Task,
  column: BoardColumn,
  rank: string,
): { changes: TaskChanges; event: NewTaskEvent } {
  return {
    changes: {
      columnId: column.id,
      rank,
      ...flowTimestampsAfterMove(task, column.category, work.now),
    },
    event: cardEvent(work, task.id, 'MOVED', {
      from: { columnId: task.columnId },
      to: { columnId: column.id, column: column.name, category: column.category },
      note: 'alert resolved before work started',
    }),
  };
}

/** Alert cards are never refused for WIP; a column left over its limit is reported instead. */
export function overfull(column: BoardColumn, cards: number): OverfullColumn | null {
  if (column.wipLimit === null || cards <= column.wipLimit) return null;
  return { columnId: column.id, name: column.name, wipLimit: column.wipLimit, cards };
}
