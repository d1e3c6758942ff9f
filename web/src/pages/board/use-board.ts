import { useCallback, useEffect, useRef, useState } from 'react';
import type { Client, OperationResult } from 'urql';
import type { BoardColumnCardsQuery } from '../../gql/graphql';
import { useSession } from '../../auth/session';
import { BoardChanges, BoardColumnCards, BoardMeta, BoardVersion } from './board-queries';
import {
  applyChange,
  buildBoard,
  type BoardChange,
  type BoardState,
  type Card,
} from './board-state';

export interface LiveBoard {
  board: BoardState | null;
  error: string | null;
  /** Replaces what is shown (a move's answer, an optimistic placement, a rollback). */
  setBoard: (update: (board: BoardState) => BoardState) => void;
  reload: () => void;
}

async function readColumnCards(client: Client, teamId: string, columnId: string): Promise<Card[]> {
  const cards: Card[] = [];
  let after: string | null = null;
  for (;;) {
    const result: OperationResult<BoardColumnCardsQuery> = await client
      .query(BoardColumnCards, { teamId, columnId, after })
      .toPromise();
    if (!result.data) throw new Error(result.error?.message ?? 'The cards could not be read');
    cards.push(...result.data.tasks.edges.map((edge) => edge.node));
    const page = result.data.tasks.pageInfo;
    if (!page.hasNextPage || !page.endCursor) return cards;
    after = page.endCursor;
  }
}

async function readBoard(client: Client, teamId: string, boardId: string): Promise<BoardState> {
  const meta = await client.query(BoardMeta, { id: boardId }).toPromise();
  if (!meta.data) throw new Error(meta.error?.message ?? 'The board could not be read');
  const board = meta.data.board;
  const cards = await Promise.all(board.columns.map((c) => readColumnCards(client, teamId, c.id)));
  return buildBoard(board, cards.flat());
}

/**
 * A board kept up to date: subscribed to boardChanged first, then read (columns, version, every
 * card); events that came in while reading are applied after it when newer. After a reconnect the
 * board's version is compared and the board re-read only when it moved.
 */
export function useLiveBoard(teamId: string, boardId: string): LiveBoard {
  const { connection } = useSession();
  const client = connection.client;
  const [board, setState] = useState<BoardState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<BoardState | null>(null);
  const buffered = useRef<BoardChange[] | null>([]);
  const generation = useRef(0);

  const show = useCallback((next: BoardState | null) => {
    current.current = next;
    setState(next);
  }, []);

  const load = useCallback(() => {
    const mine = ++generation.current;
    buffered.current = [];
    readBoard(client, teamId, boardId).then(
      (read) => {
        if (mine !== generation.current) return;
        let state = read;
        for (const change of buffered.current ?? []) {
          if (change.version <= read.version) continue;
          const outcome = applyChange(state, change);
          if ('state' in outcome) state = outcome.state;
        }
        buffered.current = null;
        setError(null);
        show(state);
      },
      (failure: Error) => {
        if (mine === generation.current) setError(failure.message);
      },
    );
  }, [client, teamId, boardId, show]);

  useEffect(() => {
    show(null);
    const subscription = client.subscription(BoardChanges, { boardId }).subscribe((result) => {
      const change = result.data?.boardChanged;
      if (!change) return;
      if (buffered.current) {
        buffered.current.push(change);
        return;
      }
      const shown = current.current;
      if (!shown) return;
      const outcome = applyChange(shown, change);
      if ('reload' in outcome) load();
      else show(outcome.state);
    });
    load();
    const offReconnect = connection.onReconnect(() => {
      void client
        .query(BoardVersion, { id: boardId })
        .toPromise()
        .then((result) => {
          const version = result.data?.board.version;
          if (version === undefined || version !== current.current?.version) load();
        });
    });
    return () => {
      generation.current++;
      subscription.unsubscribe();
      offReconnect();
    };
  }, [client, connection, boardId, load, show]);

  const setBoard = useCallback(
    (update: (board: BoardState) => BoardState) => {
      if (current.current) show(update(current.current));
    },
    [show],
  );

  return { board, error, setBoard, reload: load };
}
