import { useEffect, useMemo, useRef, useState } from 'react';
import type { DragEvent, KeyboardEvent } from 'react';
import { matches, type Filters } from './board-filters';
import type { BoardState, Card, ColumnInfo } from './board-state';
import { ColumnView } from './column-view';
import type { MoveRequest } from './use-move-card';

interface Props {
  board: BoardState;
  filters: Filters;
  onOpen: (card: Card) => void;
  onMove: (request: MoveRequest) => void;
}

/** A card picked up with the keyboard, and where it would go. */
interface Lift {
  cardId: string;
  columnId: string;
  index: number;
}

/**
 * The columns and their cards. Cards move by drag and drop (between and within columns) or by
 * keyboard: Space or Enter picks the focused card up, the arrows move it, Enter drops it,
 * Escape puts it back.
 */
export function BoardView({ board, filters, onOpen, onMove }: Props) {
  const [lift, setLift] = useState<Lift | null>(null);
  const [dragId, setDragId] = useState<string | null>(null);
  const [drop, setDrop] = useState<{ columnId: string; index: number } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const root = useRef<HTMLDivElement>(null);

  const shown = useMemo(() => {
    const result: Record<string, string[]> = {};
    for (const column of board.columns)
      result[column.id] = (board.order[column.id] ?? []).filter((id) => {
        const card = board.cards[id];
        return card !== undefined && (id === lift?.cardId || matches(card, filters));
      });
    return result;
  }, [board, filters, lift?.cardId]);

  // While lifted, the card is drawn where it would land.
  const drawn = useMemo(() => {
    if (!lift) return shown;
    const result: Record<string, string[]> = {};
    for (const [columnId, ids] of Object.entries(shown))
      result[columnId] = ids.filter((id) => id !== lift.cardId);
    result[lift.columnId]?.splice(lift.index, 0, lift.cardId);
    return result;
  }, [shown, lift]);

  // A lifted card that moved to another column is a new element: keep the focus on it.
  useEffect(() => {
    if (!lift) return;
    root.current?.querySelector<HTMLElement>(`[data-card-id="${lift.cardId}"]`)?.focus();
  }, [lift]);

  const columnIndex = (columnId: string) => board.columns.findIndex((c) => c.id === columnId);
  const othersIn = (columnId: string, cardId: string) =>
    (shown[columnId] ?? []).filter((id) => id !== cardId);
  const nameOf = (columnId: string) => board.columns.find((c) => c.id === columnId)?.name ?? '';

  const onCardKeyDown = (event: KeyboardEvent<HTMLElement>, card: Card) => {
    if (event.target !== event.currentTarget) return;
    const key = event.key;
    if (!lift || lift.cardId !== card.id) {
      if (key !== ' ' && key !== 'Enter') return;
      event.preventDefault();
      const columnId = card.column?.id ?? '';
      const index = (shown[columnId] ?? []).indexOf(card.id);
      setLift({ cardId: card.id, columnId, index });
      setAnnouncement(`Picked up ${card.key}. Arrow keys move it, Enter drops it, Escape cancels.`);
      return;
    }
    const others = othersIn(lift.columnId, card.id);
    let next: Lift | null = null;
    switch (key) {
      case 'ArrowUp':
        next = { ...lift, index: Math.max(0, lift.index - 1) };
        break;
      case 'ArrowDown':
        next = { ...lift, index: Math.min(others.length, lift.index + 1) };
        break;
      case 'ArrowLeft':
      case 'ArrowRight': {
        const target = board.columns[columnIndex(lift.columnId) + (key === 'ArrowLeft' ? -1 : 1)];
        if (target)
          next = {
            cardId: card.id,
            columnId: target.id,
            index: Math.min(lift.index, othersIn(target.id, card.id).length),
          };
        break;
      }
      case 'Enter':
      case ' ': {
        event.preventDefault();
        setLift(null);
        setAnnouncement(`${card.key} dropped in ${nameOf(lift.columnId)}.`);
        const from = card.column?.id;
        const moved =
          from !== lift.columnId || (shown[lift.columnId] ?? []).indexOf(card.id) !== lift.index;
        if (moved)
          onMove({
            cardId: card.id,
            columnId: lift.columnId,
            index: lift.index,
            shown: shown[lift.columnId] ?? [],
          });
        return;
      }
      case 'Escape':
        event.preventDefault();
        setLift(null);
        setAnnouncement(`Move of ${card.key} cancelled.`);
        return;
      default:
        return;
    }
    event.preventDefault();
    if (next) {
      setLift(next);
      setAnnouncement(
        `${card.key}: ${nameOf(next.columnId)}, position ${next.index + 1} of ${othersIn(next.columnId, card.id).length + 1}.`,
      );
    }
  };

  const onDragStart = (event: DragEvent<HTMLElement>, card: Card) => {
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', card.key);
    setLift(null);
    setDragId(card.id);
  };

  const dropIndexAt = (event: DragEvent<HTMLElement>, cardId: string): number => {
    const elements = [
      ...event.currentTarget.querySelectorAll<HTMLElement>('[data-card-id]'),
    ].filter((element) => element.dataset['cardId'] !== cardId);
    const index = elements.findIndex((element) => {
      const box = element.getBoundingClientRect();
      return event.clientY < box.top + box.height / 2;
    });
    return index === -1 ? elements.length : index;
  };

  const onDragOver = (event: DragEvent<HTMLElement>, column: ColumnInfo) => {
    if (!dragId) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    const index = dropIndexAt(event, dragId);
    if (drop?.columnId !== column.id || drop.index !== index)
      setDrop({ columnId: column.id, index });
  };

  const onDrop = (event: DragEvent<HTMLElement>, column: ColumnInfo) => {
    if (!dragId) return;
    event.preventDefault();
    const index = dropIndexAt(event, dragId);
    const cardId = dragId;
    setDragId(null);
    setDrop(null);
    const card = board.cards[cardId];
    const ids = shown[column.id] ?? [];
    if (card?.column?.id === column.id && ids.indexOf(cardId) === index) return;
    onMove({ cardId, columnId: column.id, index, shown: ids });
  };

  return (
    <div className="board-columns" ref={root}>
      <p id="board-move-help" className="visually-hidden">
        Press Space or Enter to pick the card up, the arrow keys to move it, Enter to drop it and
        Escape to cancel.
      </p>
      <div className="visually-hidden" aria-live="assertive" role="status">
        {announcement}
      </div>
      {board.columns.map((column) => {
        const others = dragId ? (drawn[column.id] ?? []).filter((id) => id !== dragId) : null;
        return (
          <ColumnView
            key={column.id}
            column={column}
            count={board.order[column.id]?.length ?? 0}
            cards={(drawn[column.id] ?? []).map((id) => board.cards[id]!).filter(Boolean)}
            liftedId={lift?.cardId ?? null}
            draggingId={dragId}
            dropIndex={
              drop?.columnId === column.id && others
                ? indexAmongDrawn(drawn[column.id] ?? [], dragId!, drop.index)
                : null
            }
            onOpen={onOpen}
            onCardKeyDown={onCardKeyDown}
            onDragStart={onDragStart}
            onDragEnd={() => {
              setDragId(null);
              setDrop(null);
            }}
            onDragOver={onDragOver}
            onDrop={onDrop}
          />
        );
      })}
    </div>
  );
}

/** The drop index among the others, as a position in the drawn list (which holds the dragged card). */
function indexAmongDrawn(drawn: string[], dragId: string, index: number): number {
  const others = drawn.filter((id) => id !== dragId);
  const before = others[index];
  return before ? drawn.indexOf(before) : drawn.length;
}
