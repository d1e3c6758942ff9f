import { useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { useSession } from '../../auth/session';
import type { BoardState, Card } from './board-state';
import { CardAlerts } from './card-alerts';
import { CardForm, cardInput, type CardFields } from './card-form';
import { CardHistory, when } from './card-history';
import { CardDetail, UpdateCard } from './card-queries';
import { label, points } from './labels';

interface Props {
  cardKey: string;
  board: BoardState;
  onClose: () => void;
  onSaved: (card: Card) => void;
}

/**
 * A card's details beside the board (full-screen on a phone): everything as text (the
 * description too), the alerts' context with http(s) links only, the history; edit in place.
 */
export function CardPanel({ cardKey, board, onClose, onSaved }: Props) {
  const { connection } = useSession();
  const [editing, setEditing] = useState(false);
  const live = Object.values(board.cards).find((c) => c.key === cardKey);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: CardDetail,
    variables: { key: cardKey },
  });
  const heading = useRef<HTMLHeadingElement>(null);

  // The board's live copy of the card moved on (an event, a move): re-read the details.
  const liveStamp = live
    ? `${live.rank}|${live.column?.id}|${live.title}|${live.alerts.map((a) => `${a.status}${a.occurrences}`).join()}`
    : '';
  const stamp = useRef(liveStamp);
  useEffect(() => {
    if (stamp.current === liveStamp) return;
    stamp.current = liveStamp;
    refetch({ requestPolicy: 'network-only' });
  }, [liveStamp, refetch]);

  useEffect(() => {
    heading.current?.focus();
  }, [cardKey]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !editing) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editing, onClose]);

  const card = data?.task;
  const column = board.columns.find((c) => c.id === card?.column?.id);
  const save = async (fields: CardFields): Promise<string | null> => {
    if (!card) return 'The card is not loaded';
    const result = await connection.client
      .mutation(UpdateCard, { id: card.id, input: cardInput(fields) })
      .toPromise();
    if (!result.data)
      return result.error?.graphQLErrors[0]?.message ?? result.error?.message ?? 'Not saved';
    onSaved(result.data.updateTask);
    setEditing(false);
    refetch({ requestPolicy: 'network-only' });
    return null;
  };

  return (
    <aside
      className="card-panel"
      aria-labelledby="card-panel-title"
      role="dialog"
      aria-modal="false"
    >
      <div className="panel-head">
        <h2 id="card-panel-title" ref={heading} tabIndex={-1}>
          <span className="card-key">{cardKey}</span> {card?.title ?? live?.title ?? ''}
        </h2>
        <button
          type="button"
          className="button button-quiet close"
          onClick={onClose}
          aria-label="Close the card"
        >
          ✕
        </button>
      </div>
      {fetching && !card && <p role="status">Loading…</p>}
      {error && !card && <p role="alert">This card could not be loaded: {error.message}</p>}
      {card && editing && (
        <CardForm
          initial={{
            title: card.title,
            description: card.description ?? '',
            type: card.type,
            priority: card.priority,
            estimate:
              card.estimate === null || card.estimate === undefined ? '' : String(card.estimate),
            assigneeId: card.assignee?.id ?? '',
            labels: card.labels.join(', '),
          }}
          submitLabel="Save"
          onSubmit={save}
          onCancel={() => setEditing(false)}
        />
      )}
      {card && !editing && (
        <div className="panel-body">
          <div className="panel-actions">
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit
            </button>
          </div>
          <dl className="facts">
            <div>
              <dt>Column</dt>
              <dd>{column?.name ?? '—'}</dd>
            </div>
            <div>
              <dt>Type</dt>
              <dd>{label(card.type)}</dd>
            </div>
            <div>
              <dt>Priority</dt>
              <dd>{label(card.priority)}</dd>
            </div>
            <div>
              <dt>Estimate</dt>
              <dd>{points(card.estimate) ?? 'None'}</dd>
            </div>
            <div>
              <dt>Assignee</dt>
              <dd>{card.assignee?.name ?? 'Unassigned'}</dd>
            </div>
            <div>
              <dt>Sprint</dt>
              <dd>
                {card.sprint
                  ? `${card.sprint.name}${card.planned ? '' : ' (unplanned)'}`
                  : 'Backlog'}
              </dd>
            </div>
            <div>
              <dt>Source</dt>
              <dd>{label(card.source)}</dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>{when(card.createdAt)}</dd>
            </div>
            {card.startedAt && (
              <div>
                <dt>Started</dt>
                <dd>{when(card.startedAt)}</dd>
              </div>
            )}
            {card.completedAt && (
              <div>
                <dt>Completed</dt>
                <dd>{when(card.completedAt)}</dd>
              </div>
            )}
          </dl>
          {card.labels.length > 0 && (
            <p className="chips">
              {card.labels.map((l) => (
                <span key={l} className="chip">
                  {l}
                </span>
              ))}
            </p>
          )}
          <h3>Description</h3>
          {card.description ? (
            <p className="text-block" data-testid="card-description">
              {card.description}
            </p>
          ) : (
            <p className="muted">No description.</p>
          )}
          {card.alerts.length > 0 && (
            <>
              <h3>Alerts</h3>
              <CardAlerts card={card} />
            </>
          )}
          <h3>History</h3>
          <CardHistory entries={card.history} />
        </div>
      )}
    </aside>
  );
}
