import type { DragEvent, KeyboardEvent } from 'react';
import type { Card } from './board-state';
import { initials, label, points } from './labels';

interface Props {
  card: Card;
  lifted: boolean;
  dragging: boolean;
  onOpen: (card: Card) => void;
  onKeyDown: (event: KeyboardEvent<HTMLElement>, card: Card) => void;
  onDragStart: (event: DragEvent<HTMLElement>, card: Card) => void;
  onDragEnd: () => void;
}

/** One card: key, type, priority, title, estimate, assignee, labels and its alert's state. */
export function CardView({
  card,
  lifted,
  dragging,
  onOpen,
  onKeyDown,
  onDragStart,
  onDragEnd,
}: Props) {
  const alert = card.alerts[0];
  const titleId = `card-title-${card.id}`;
  return (
    <article
      className={`card priority-${card.priority.toLowerCase()}${lifted ? ' lifted' : ''}${dragging ? ' dragging' : ''}`}
      data-card-id={card.id}
      data-card-key={card.key}
      tabIndex={0}
      draggable
      aria-labelledby={titleId}
      aria-describedby="board-move-help"
      aria-roledescription="card"
      onKeyDown={(event) => onKeyDown(event, card)}
      onDragStart={(event) => onDragStart(event, card)}
      onDragEnd={onDragEnd}
      onClick={(event) => {
        if (!(event.target as HTMLElement).closest('button')) onOpen(card);
      }}
    >
      <div className="card-top">
        <span className="card-key">{card.key}</span>
        <span className={`badge type-${card.type.toLowerCase()}`}>{label(card.type)}</span>
        <span className={`badge prio prio-${card.priority.toLowerCase()}`}>
          {label(card.priority)}
        </span>
      </div>
      <h3 className="card-title" id={titleId}>
        <button type="button" className="card-open" onClick={() => onOpen(card)}>
          {card.title}
        </button>
      </h3>
      {alert && (
        <div className="card-alert">
          <span className={`badge status-${alert.status.toLowerCase()}`}>
            {label(alert.status)}
          </span>
          <span className="occurrences" title="Notifications received">
            ×{alert.occurrences}
          </span>
          <span className="alert-source">
            {label(alert.integration.kind)} · {alert.integration.name}
          </span>
        </div>
      )}
      <div className="card-meta">
        {points(card.estimate) && <span className="estimate">{points(card.estimate)}</span>}
        {card.labels.map((name) => (
          <span key={name} className="chip">
            {name}
          </span>
        ))}
        {card.assignee && (
          <span className="assignee" title={card.assignee.name}>
            <span className="avatar" aria-hidden="true">
              {initials(card.assignee.name)}
            </span>
            <span className="assignee-name">{card.assignee.name}</span>
          </span>
        )}
      </div>
    </article>
  );
}
