import type { DragEvent, KeyboardEvent } from 'react';
import type { Card, ColumnInfo } from './board-state';
import { CardView } from './card-view';
import { label } from './labels';

interface Props {
  column: ColumnInfo;
  /** Cards in the column now (all, filters aside): the WIP figure. */
  count: number;
  cards: Card[];
  liftedId: string | null;
  draggingId: string | null;
  /** Where a dragged card would land, as an index among the shown cards. */
  dropIndex: number | null;
  onOpen: (card: Card) => void;
  onCardKeyDown: (event: KeyboardEvent<HTMLElement>, card: Card) => void;
  onDragStart: (event: DragEvent<HTMLElement>, card: Card) => void;
  onDragEnd: () => void;
  onDragOver: (event: DragEvent<HTMLElement>, column: ColumnInfo) => void;
  onDrop: (event: DragEvent<HTMLElement>, column: ColumnInfo) => void;
}

export function ColumnView(props: Props) {
  const { column, count, cards, dropIndex } = props;
  const limit = column.wipLimit;
  const over = limit !== null && limit !== undefined && count > limit;
  const atLimit = limit !== null && limit !== undefined && count === limit;
  const headingId = `column-${column.id}`;
  const items = cards.map((card) => (
    <li key={card.id}>
      <CardView
        card={card}
        lifted={card.id === props.liftedId}
        dragging={card.id === props.draggingId}
        onOpen={props.onOpen}
        onKeyDown={props.onCardKeyDown}
        onDragStart={props.onDragStart}
        onDragEnd={props.onDragEnd}
      />
    </li>
  ));
  if (dropIndex !== null)
    items.splice(dropIndex, 0, <li key="drop" className="drop-indicator" aria-hidden="true" />);
  return (
    <section
      className={`column category-${column.category.toLowerCase()}${over ? ' over-limit' : ''}`}
      aria-labelledby={headingId}
      data-column-id={column.id}
      data-column-name={column.name}
    >
      <header className="column-header">
        <h2 id={headingId} className="column-name">
          {column.name}
        </h2>
        {label(column.category).toLowerCase() !== column.name.toLowerCase() && (
          <span className="column-category">{label(column.category)}</span>
        )}
        <span
          className={`column-count${over ? ' over' : atLimit ? ' at' : ''}`}
          data-testid="column-count"
        >
          {limit !== null && limit !== undefined ? (
            <>
              <span aria-hidden="true">
                {count} / {limit}
              </span>
              <span className="visually-hidden">
                {count} cards, WIP limit {limit}
              </span>
            </>
          ) : (
            <>
              <span aria-hidden="true">{count}</span>
              <span className="visually-hidden">{count} cards</span>
            </>
          )}
        </span>
        {over && <span className="over-badge">Over WIP limit</span>}
      </header>
      <ol
        className="column-cards"
        aria-labelledby={headingId}
        onDragOver={(event) => props.onDragOver(event, column)}
        onDrop={(event) => props.onDrop(event, column)}
      >
        {items}
      </ol>
    </section>
  );
}
