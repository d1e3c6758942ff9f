/**
 * The board as the page shows it, and the pure changes to it: loading, live events (each card
 * and column "as it is now"), and moves. Cards are kept in rank order per column.
 */
import type {
  BoardCardFragment,
  BoardChangesSubscription,
  BoardColumnFragment,
} from '../../gql/graphql';

export type Card = BoardCardFragment;
export type ColumnInfo = BoardColumnFragment;
export type BoardChange = BoardChangesSubscription['boardChanged'];

export interface BoardState {
  id: string;
  name: string;
  version: number;
  columns: ColumnInfo[];
  /** Card ids per column id, in rank order. */
  order: Record<string, string[]>;
  cards: Record<string, Card>;
}

const byRank = (cards: Record<string, Card>) => (a: string, b: string) => {
  const ra = cards[a]?.rank ?? '';
  const rb = cards[b]?.rank ?? '';
  return ra < rb ? -1 : ra > rb ? 1 : 0;
};

export function buildBoard(
  meta: { id: string; name: string; version: number; columns: ColumnInfo[] },
  cards: Card[],
): BoardState {
  const state: BoardState = {
    ...meta,
    columns: [...meta.columns].sort((a, b) => a.position - b.position),
    order: {},
    cards: {},
  };
  for (const column of state.columns) state.order[column.id] = [];
  for (const card of cards) {
    const columnId = card.column?.id;
    if (!columnId || !state.order[columnId]) continue;
    state.cards[card.id] = card;
    state.order[columnId].push(card.id);
  }
  for (const ids of Object.values(state.order)) ids.sort(byRank(state.cards));
  return state;
}

function withoutCard(state: BoardState, cardId: string): BoardState {
  const order: Record<string, string[]> = {};
  for (const [columnId, ids] of Object.entries(state.order))
    order[columnId] = ids.includes(cardId) ? ids.filter((id) => id !== cardId) : ids;
  const cards = { ...state.cards };
  delete cards[cardId];
  return { ...state, order, cards };
}

/** The card as it is now: placed by its column and rank, or removed when it left the board. */
export function upsertCard(state: BoardState, card: Card): BoardState {
  const next = withoutCard(state, card.id);
  const columnId = card.column?.id;
  if (!columnId || !next.order[columnId]) return next;
  const cards = { ...next.cards, [card.id]: card };
  const ids = [...next.order[columnId], card.id].sort(byRank(cards));
  return { ...next, cards, order: { ...next.order, [columnId]: ids } };
}

export function removeCard(state: BoardState, cardId: string): BoardState {
  return withoutCard(state, cardId);
}

/** Shows a card at `index` of a column before the service answers (the answer then wins). */
export function placeCard(
  state: BoardState,
  cardId: string,
  columnId: string,
  index: number,
): BoardState {
  const card = state.cards[cardId];
  if (!card || !state.order[columnId]) return state;
  const next = withoutCard(state, cardId);
  const ids = [...next.order[columnId]!];
  ids.splice(Math.max(0, Math.min(index, ids.length)), 0, cardId);
  return {
    ...next,
    cards: { ...next.cards, [cardId]: { ...card, column: { id: columnId } } },
    order: { ...next.order, [columnId]: ids },
  };
}

export type ChangeOutcome = { state: BoardState } | { reload: true };

/**
 * Applies one live event. Events of one transaction share its version, so an event at the
 * version shown is applied too (each carries its card or column as it is now: applying one twice
 * changes nothing). Column removals and RESYNC ask for a re-read.
 */
export function applyChange(state: BoardState, change: BoardChange): ChangeOutcome {
  if (change.version < state.version) return { state };
  const versioned = { ...state, version: change.version };
  switch (change.kind) {
    case 'CARD_CREATED':
    case 'CARD_UPDATED':
    case 'CARD_MOVED':
    case 'CARD_RANKED':
      if (change.task) return { state: upsertCard(versioned, change.task) };
      return { state: change.taskId ? removeCard(versioned, change.taskId) : versioned };
    case 'CARD_DELETED':
      return { state: change.taskId ? removeCard(versioned, change.taskId) : versioned };
    case 'COLUMN_CREATED':
    case 'COLUMN_UPDATED': {
      const column = change.column;
      if (!column) return { reload: true };
      const columns = [...state.columns.filter((c) => c.id !== column.id), column].sort(
        (a, b) => a.position - b.position,
      );
      const order = state.order[column.id] ? state.order : { ...state.order, [column.id]: [] };
      return { state: { ...versioned, columns, order } };
    }
    case 'BOARD_UPDATED':
    case 'COLUMN_DELETED':
    case 'BOARD_DELETED':
    case 'RESYNC':
      return { reload: true };
  }
}

/** Where a card dropped at `index` (among `ids`, the card itself excluded) goes: moveTask's input. */
export function neighbours(
  ids: string[],
  cardId: string,
  index: number,
): { beforeTaskId?: string; afterTaskId?: string } {
  const others = ids.filter((id) => id !== cardId);
  const before = others[index];
  if (before) return { beforeTaskId: before };
  const after = others[others.length - 1];
  return after ? { afterTaskId: after } : {};
}
