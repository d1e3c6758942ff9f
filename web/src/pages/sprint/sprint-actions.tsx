import { useId, useState } from 'react';
import { useSession } from '../../auth/session';
import type { SprintDetailFragment, TeamSprintsQuery } from '../../gql/graphql';
import { apiError } from '../../graphql/errors';
import { ModalDialog } from '../../shell/modal-dialog';
import { points } from '../../format';
import { CloseSprint, StartSprint } from './sprint-queries';

type TeamSprint = TeamSprintsQuery['sprints'][number];

/** Start a PLANNED sprint, close an ACTIVE one (unfinished cards to a planned sprint or the backlog). */
export function SprintActions({
  sprint,
  sprints,
  onChanged,
}: {
  sprint: SprintDetailFragment;
  sprints: TeamSprint[];
  onChanged: (sprint: SprintDetailFragment) => void;
}) {
  const { connection } = useSession();
  const [closing, setClosing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setBusy(true);
    setFailure(null);
    const result = await connection.client.mutation(StartSprint, { id: sprint.id }).toPromise();
    setBusy(false);
    if (result.data) onChanged(result.data.startSprint);
    else setFailure(apiError(result.error, 'The sprint could not be started.').message);
  };

  const close = async (carryOverToSprintId: string | null) => {
    setBusy(true);
    setFailure(null);
    const result = await connection.client
      .mutation(CloseSprint, { id: sprint.id, carryOverToSprintId })
      .toPromise();
    setBusy(false);
    setClosing(false);
    if (result.data) onChanged(result.data.closeSprint);
    else setFailure(apiError(result.error, 'The sprint could not be closed.').message);
  };

  return (
    <div className="sprint-actions">
      {sprint.state === 'PLANNED' && (
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() => void start()}
        >
          Start sprint
        </button>
      )}
      {sprint.state === 'ACTIVE' && (
        <button type="button" className="button" disabled={busy} onClick={() => setClosing(true)}>
          Close sprint
        </button>
      )}
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      {sprint.state === 'CLOSED' && <CarryOver sprint={sprint} />}
      {closing && (
        <CloseDialog
          sprint={sprint}
          targets={sprints.filter((s) => s.state === 'PLANNED' && s.id !== sprint.id)}
          onCancel={() => setClosing(false)}
          onClose={(target) => void close(target)}
        />
      )}
    </div>
  );
}

function CarryOver({ sprint }: { sprint: SprintDetailFragment }) {
  const count = sprint.carriedOverCount ?? 0;
  return (
    <p className="notice" role="status">
      Closed.{' '}
      {count === 0
        ? 'Every card was finished: nothing carried over.'
        : `${count} unfinished ${count === 1 ? 'card' : 'cards'} (${points(sprint.carriedOverPoints ?? 0)} points) carried over to ${sprint.carriedOverTo?.name ?? 'the backlog'}.`}
    </p>
  );
}

function CloseDialog({
  sprint,
  targets,
  onCancel,
  onClose,
}: {
  sprint: SprintDetailFragment;
  targets: TeamSprint[];
  onCancel: () => void;
  onClose: (carryOverToSprintId: string | null) => void;
}) {
  const id = useId();
  const [target, setTarget] = useState('');
  const open = sprint.tasks.filter((t) => !t.completedAt);
  const openPoints = open.reduce((sum, t) => sum + (t.estimate ?? 0), 0);
  return (
    <ModalDialog
      title={`Close ${sprint.name}`}
      onCancel={onCancel}
      description={
        <p>
          {open.length === 0
            ? 'Every card is done.'
            : `${open.length} unfinished ${open.length === 1 ? 'card' : 'cards'} (${points(openPoints)} points) will be carried over.`}
        </p>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onClose(target || null);
        }}
      >
        <label htmlFor={`${id}-target`}>Carry unfinished cards over to</label>
        <select id={`${id}-target`} value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">The backlog</option>
          {targets.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button-primary">
            Close sprint
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
