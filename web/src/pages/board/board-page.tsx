import { useMemo, useState } from 'react';
import { Link, Redirect, useLocation, useParams, useSearch } from 'wouter';
import { useTeam } from '../../shell/team-context';
import { matches, NO_FILTERS, type Filters } from './board-filters';
import { BoardView } from './board-view';
import { CardPanel } from './card-panel';
import { CreateCardDialog } from './create-card-dialog';
import { FilterBar } from './filter-bar';
import { upsertCard } from './board-state';
import { useLiveBoard } from './use-board';
import { useMoveCard } from './use-move-card';
import { WipDialog } from './wip-dialog';

/** The team's boards (one open): live columns and cards, filters, moves, the card panel. */
export function BoardPage() {
  const team = useTeam();
  const params = useParams<{ boardId?: string }>();
  const first = team.boards[0];
  if (!params.boardId && first) return <Redirect to={`/board/${first.id}`} replace />;
  const board = team.boards.find((b) => b.id === params.boardId);
  if (!board)
    return (
      <main className="page" id="main">
        <h1 className="page-title">Board</h1>
        <p className="page-message">
          {team.boards.length === 0
            ? `${team.name} has no board yet: create one with the createBoard mutation.`
            : 'This board is not one of the team’s.'}
        </p>
      </main>
    );
  return <OpenBoard key={board.id} boardId={board.id} />;
}

function OpenBoard({ boardId }: { boardId: string }) {
  const team = useTeam();
  const { board, error, setBoard } = useLiveBoard(team.id, boardId);
  const mover = useMoveCard(setBoard);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [creating, setCreating] = useState(false);
  const [, navigate] = useLocation();
  const cardKey = new URLSearchParams(useSearch()).get('card');

  const labels = useMemo(
    () => [...new Set(Object.values(board?.cards ?? {}).flatMap((c) => c.labels))].sort(),
    [board?.cards],
  );
  const cards = Object.values(board?.cards ?? {});
  const shown = cards.filter((c) => matches(c, filters)).length;
  const boardPath = `/board/${boardId}`;

  return (
    <main className="page board-page" id="main">
      <div className="board-head">
        <h1 className="page-title">
          {board?.name ?? team.boards.find((b) => b.id === boardId)?.name}
        </h1>
        {team.boards.length > 1 && (
          <nav aria-label="Boards" className="board-tabs">
            <ul>
              {team.boards.map((b) => (
                <li key={b.id}>
                  <Link
                    href={`/board/${b.id}`}
                    aria-current={b.id === boardId ? 'page' : undefined}
                  >
                    {b.name}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <button
          type="button"
          className="button button-primary new-card"
          onClick={() => setCreating(true)}
        >
          New card
        </button>
      </div>
      <FilterBar
        filters={filters}
        onChange={setFilters}
        members={team.members}
        labels={labels}
        shown={shown}
        total={cards.length}
      />
      {mover.failure && (
        <div className="notice notice-error" role="alert">
          {mover.failure}{' '}
          <button type="button" className="button button-quiet" onClick={mover.dismissFailure}>
            Dismiss
          </button>
        </div>
      )}
      {error && (
        <div className="notice notice-error" role="alert">
          The board could not be loaded: {error}
        </div>
      )}
      {board ? (
        <BoardView
          board={board}
          filters={filters}
          onOpen={(card) => navigate(`${boardPath}?card=${encodeURIComponent(card.key)}`)}
          onMove={(request) => void mover.move(request)}
        />
      ) : (
        !error && (
          <p className="page-message" role="status">
            Loading the board…
          </p>
        )
      )}
      {mover.refusal && (
        <WipDialog
          refusal={mover.refusal}
          onForce={mover.forceRefused}
          onCancel={mover.cancelRefusal}
        />
      )}
      {cardKey && board && (
        <CardPanel
          cardKey={cardKey}
          board={board}
          onClose={() => navigate(boardPath)}
          onSaved={(card) => setBoard((b) => upsertCard(b, card))}
        />
      )}
      {creating && board && (
        <CreateCardDialog
          board={board}
          onClose={() => setCreating(false)}
          onCreated={(card) => {
            setBoard((b) => upsertCard(b, card));
            setCreating(false);
          }}
        />
      )}
    </main>
  );
}
