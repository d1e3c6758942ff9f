import { useCallback, useState } from 'react';
import { useSession } from '../../auth/session';
import { apiError } from '../../graphql/errors';
import { MoveCard } from './board-queries';
import { neighbours, placeCard, upsertCard, type BoardState } from './board-state';

export interface MoveRequest {
  cardId: string;
  columnId: string;
  /** Drop position among the column's shown cards (the moved card left out). */
  index: number;
  /** The column's shown card ids, in order. */
  shown: string[];
}

export interface Refusal {
  request: MoveRequest;
  message: string;
  columnName: string;
  wipLimit: number | null;
}

/**
 * Moves a card: shown at once where it was dropped, then placed as the service answers; a
 * refusal puts it back. WIP_LIMIT_EXCEEDED becomes a refusal the page offers to force.
 */
export function useMoveCard(setBoard: (update: (board: BoardState) => BoardState) => void) {
  const { connection } = useSession();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const move = useCallback(
    async (request: MoveRequest, force = false) => {
      const { cardId, columnId, index, shown } = request;
      const place = neighbours(shown, cardId, index);
      let original: BoardState['cards'][string] | undefined;
      setBoard((board) => {
        original = board.cards[cardId];
        const ids = (board.order[columnId] ?? []).filter((id) => id !== cardId);
        const at = place.beforeTaskId
          ? ids.indexOf(place.beforeTaskId)
          : place.afterTaskId
            ? ids.indexOf(place.afterTaskId) + 1
            : 0;
        return placeCard(board, cardId, columnId, at);
      });
      setFailure(null);
      const result = await connection.client
        .mutation(MoveCard, { input: { taskId: cardId, columnId, ...place, force } })
        .toPromise();
      if (result.data) {
        const moved = result.data.moveTask;
        setBoard((board) => upsertCard(board, moved));
        return;
      }
      if (original) {
        const back = original;
        setBoard((board) => upsertCard(board, back));
      }
      const error = apiError(result.error, 'The card could not be moved.');
      if (error.code === 'WIP_LIMIT_EXCEEDED') {
        const details = error.details as { columnName?: string; wipLimit?: number };
        setRefusal({
          request,
          message: error.message,
          columnName: details.columnName ?? 'The column',
          wipLimit: details.wipLimit ?? null,
        });
      } else {
        setFailure(error.message);
      }
    },
    [connection, setBoard],
  );

  return {
    move,
    refusal,
    failure,
    dismissFailure: () => setFailure(null),
    cancelRefusal: () => setRefusal(null),
    forceRefused: () => {
      if (!refusal) return;
      setRefusal(null);
      void move(refusal.request, true);
    },
  };
}
