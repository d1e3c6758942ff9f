import { BoardChangeKind } from '../models/board-change.model';

/** One change as the database trigger announced it (ids only). */
export interface RawBoardChange {
  boardId: string;
  kind: BoardChangeKind;
  taskId: string | null;
  columnId: string | null;
}

/** The end of one transaction's changes to a board, with the version it left (null: deleted). */
export interface BoardCommit {
  boardId: string;
  version: number | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KINDS = new Set<string>(Object.values(BoardChangeKind));
const id = (value: unknown): string | null =>
  typeof value === 'string' && UUID.test(value) ? value : null;

/** Reads a `loopboard_board` payload (see the live_updates migration); null if malformed. */
export function parseBoardNotification(payload: string): RawBoardChange | BoardCommit | null {
  let message: unknown;
  try {
    message = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  const boardId = id(m.b);
  if (!boardId) return null;
  if ('v' in m) {
    if (m.v === null) return { boardId, version: null };
    return typeof m.v === 'number' && Number.isInteger(m.v) ? { boardId, version: m.v } : null;
  }
  if (typeof m.k !== 'string' || !KINDS.has(m.k)) return null;
  return { boardId, kind: m.k as BoardChangeKind, taskId: id(m.t), columnId: id(m.c) };
}

/** Which kind wins when one transaction changed the same card or column several times. */
const PRECEDENCE: Record<BoardChangeKind, number> = {
  [BoardChangeKind.CARD_DELETED]: 5,
  [BoardChangeKind.CARD_CREATED]: 4,
  [BoardChangeKind.CARD_MOVED]: 3,
  [BoardChangeKind.CARD_RANKED]: 2,
  [BoardChangeKind.CARD_UPDATED]: 1,
  [BoardChangeKind.COLUMN_DELETED]: 3,
  [BoardChangeKind.COLUMN_CREATED]: 2,
  [BoardChangeKind.COLUMN_UPDATED]: 1,
  [BoardChangeKind.BOARD_UPDATED]: 1,
  [BoardChangeKind.BOARD_DELETED]: 1,
  [BoardChangeKind.RESYNC]: 1,
};

/**
 * One change per card, column or board of a transaction, in the order each first changed: a
 * card created and then ranked in one transaction arrives once, as created (subscribers re-read
 * its current state anyway).
 */
export function coalesceChanges(changes: readonly RawBoardChange[]): RawBoardChange[] {
  const byTarget = new Map<string, RawBoardChange>();
  for (const change of changes) {
    const target = change.taskId
      ? `t:${change.taskId}`
      : change.columnId
        ? `c:${change.columnId}`
        : `b:${change.kind}`;
    const seen = byTarget.get(target);
    if (!seen) byTarget.set(target, change);
    else if (PRECEDENCE[change.kind] > PRECEDENCE[seen.kind]) seen.kind = change.kind;
  }
  return [...byTarget.values()];
}
