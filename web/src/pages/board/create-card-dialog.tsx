import { useEffect, useId, useRef, useState } from 'react';
import { useSession } from '../../auth/session';
import { useTeam } from '../../shell/team-context';
import type { BoardState, Card } from './board-state';
import { CardForm, cardInput, EMPTY_CARD } from './card-form';
import { CreateCard } from './card-queries';

/** A new card on this board, in the column chosen (default: the first). */
export function CreateCardDialog({
  board,
  onClose,
  onCreated,
}: {
  board: BoardState;
  onClose: () => void;
  onCreated: (card: Card) => void;
}) {
  const team = useTeam();
  const { connection } = useSession();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [columnId, setColumnId] = useState(board.columns[0]?.id ?? '');
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="dialog dialog-wide"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`}>New card</h2>
      <CardForm
        initial={EMPTY_CARD}
        submitLabel="Create card"
        onCancel={onClose}
        extra={
          <div className="field">
            <label htmlFor={`${id}-column`}>Column</label>
            <select
              id={`${id}-column`}
              value={columnId}
              onChange={(e) => setColumnId(e.target.value)}
            >
              {board.columns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        }
        onSubmit={async (fields) => {
          const result = await connection.client
            .mutation(CreateCard, {
              input: { teamId: team.id, boardId: board.id, columnId, ...cardInput(fields) },
            })
            .toPromise();
          if (result.data) {
            onCreated(result.data.createTask);
            return null;
          }
          return result.error?.graphQLErrors[0]?.message ?? result.error?.message ?? 'Not created';
        }}
      />
    </dialog>
  );
}
