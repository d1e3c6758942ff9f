import type { Client, OperationResult } from 'urql';
import type { BoardWithCardsQuery } from '../../gql/graphql';
import { BoardWithCards } from './board-queries';

type BoardRead = Promise<OperationResult<BoardWithCardsQuery>>;

const FRESH_MS = 10_000;
const started = new Map<string, { at: number; read: BoardRead }>();

/**
 * Starts reading the board of a /board/<id> path while the team is still being read (the two
 * are independent): the page shows it sooner, and checks its version once it is listening.
 */
export function prefetchBoard(client: Client, path: string): void {
  const boardId = /^\/board\/([^/?#]+)/.exec(path)?.[1];
  if (!boardId || started.has(boardId)) return;
  started.set(boardId, {
    at: Date.now(),
    read: client.query(BoardWithCards, { id: decodeURIComponent(boardId) }).toPromise(),
  });
}

/** The prefetched read of a board (once, while fresh), else a new one. */
export function readBoardWithCards(
  client: Client,
  boardId: string,
): { read: BoardRead; prefetched: boolean } {
  const early = started.get(boardId);
  started.delete(boardId);
  if (early && Date.now() - early.at < FRESH_MS) return { read: early.read, prefetched: true };
  return { read: client.query(BoardWithCards, { id: boardId }).toPromise(), prefetched: false };
}
