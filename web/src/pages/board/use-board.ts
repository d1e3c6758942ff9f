import { useCallback, useEffect, useRef, useState } from 'react';
import type { Client, OperationResult } from 'urql';
import type { BoardAlertCardsQuery, BoardColumnCardsQuery } from '../../gql/graphql';
import { useSession } from '../../auth/session';
import { BoardAlertCards, BoardChanges, BoardColumnCards, BoardVersion } from './board-queries';
import { readBoardWithCards } from './board-prefetch';
import { applyChange, buildBoard, type BoardChange, type BoardState } from './board-state';

export interface LiveBoard {
  board: BoardState | null;
  error: string | null;
  /** Replaces what is shown (a move's answer, an optimistic placement, a rollback). */
  setBoard: (update: (board: BoardState) => BoardState) => void;
  reload: () => void;
}

type Page<T> = {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
};

/** Every page of a connection, one request after the other. */
async function readPages<T>(read: (after: string | null) => Promise<Page<T>>): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page<T> = await read(after);
    nodes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return nodes;
    after = page.pageInfo.endCursor;
  }
}

function dataOf<T>(result: OperationResult<T>, what: string): T {
  if (!result.data) throw new Error(result.error?.message ?? `${what} could not be read`);
  return result.data;
}

const readColumnCards = (client: Client, teamId: string, columnId: string) =>
  readPages(async (after) => {
    const result: OperationResult<BoardColumnCardsQuery> = await client
      .query(BoardColumnCards, { teamId, columnId, after })
      .toPromise();
    return dataOf(result, 'The cards').tasks;
  });

const readAlerts = (client: Client, teamId: string, boardId: string) =>
  readPages(async (after) => {
    const result: OperationResult<BoardAlertCardsQuery> = await client
      .query(BoardAlertCards, { teamId, boardId, after })
      .toPromise();
    return dataOf(result, 'The alert cards').tasks;
  });

/**
 * The board in two parallel requests (more only for a column past 100 cards). `prefetched`:
 * the board's read began before this page subscribed, so its version is checked once more.
 */
async function readBoard(
  client: Client,
  teamId: string,
  boardId: string,
): Promise<{ board: BoardState; prefetched: boolean }> {
  const first = readBoardWithCards(client, boardId);
  const [read, alertCards] = await Promise.all([first.read, readAlerts(client, teamId, boardId)]);
  const board = dataOf(read, 'The board').board;
  const alerts = new Map(alertCards.map((c) => [c.id, c.alerts]));
  const columns = await Promise.all(
    board.columns.map((column) =>
      column.tasks.pageInfo.hasNextPage
        ? readColumnCards(client, teamId, column.id)
        : Promise.resolve(
            column.tasks.edges.map((edge) => ({
              ...edge.node,
              alerts: alerts.get(edge.node.id) ?? [],
            })),
          ),
    ),
  );
  return { board: buildBoard(board, columns.flat()), prefetched: first.prefetched };
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

  // Re-reads the board when its version moved past what is shown (after a reconnect, or a
  // read that began before the subscription).
  const verifyVersion = useCallback(() => {
    void client
      .query(BoardVersion, { id: boardId })
      .toPromise()
      .then((result) => {
        const version = result.data?.board.version;
        if (version === undefined || version !== current.current?.version) loadRef.current();
      });
  }, [client, boardId]);
  const loadRef = useRef<() => void>(() => undefined);

  const load = useCallback(() => {
    const mine = ++generation.current;
    buffered.current = [];
    readBoard(client, teamId, boardId).then(
      ({ board: read, prefetched }) => {
        if (mine !== generation.current) return;
        if (prefetched) verifyVersion();
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
  }, [client, teamId, boardId, show, verifyVersion]);
  loadRef.current = load;

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
    const offReconnect = connection.onReconnect(verifyVersion);
    return () => {
      generation.current++;
      subscription.unsubscribe();
      offReconnect();
    };
  }, [client, connection, boardId, load, show, verifyVersion]);

  const setBoard = useCallback(
    (update: (board: BoardState) => BoardState) => {
      if (current.current) show(update(current.current));
    },
    [show],
  );

  return { board, error, setBoard, reload: load };
}
