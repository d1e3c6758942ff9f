import { useCallback, useEffect, useState } from 'react';
import type { OperationResult } from 'urql';
import { useSession } from '../../auth/session';
import type { BacklogTasksQuery, SprintDetailFragment } from '../../gql/graphql';
import { apiError } from '../../graphql/errors';
import { ModalDialog } from '../../shell/modal-dialog';
import { points } from '../../format';
import { BacklogTasks, PlanSprint } from './sprint-queries';

type BacklogTask = BacklogTasksQuery['tasks']['edges'][number]['node'];

interface Refusal {
  taskIds: string[];
  message: string;
  planned: number | null;
  plannable: number | null;
  excess: number | null;
}

const figure = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** The team's backlog, every page of it. */
function useBacklog(teamId: string, sprintVersion: unknown) {
  const { connection } = useSession();
  const [tasks, setTasks] = useState<BacklogTask[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const read = async () => {
      const all: BacklogTask[] = [];
      let after: string | null = null;
      for (;;) {
        const result: OperationResult<BacklogTasksQuery> = await connection.client
          .query(BacklogTasks, { teamId, after }, { requestPolicy: 'network-only' })
          .toPromise();
        if (!result.data) throw new Error(result.error?.message ?? 'The backlog could not be read');
        all.push(...result.data.tasks.edges.map((edge) => edge.node));
        const page = result.data.tasks.pageInfo;
        if (!page.hasNextPage || !page.endCursor) return all;
        after = page.endCursor;
      }
    };
    read().then(
      (all) => live && (setTasks(all), setError(null)),
      (failure: Error) => live && setError(failure.message),
    );
    return () => {
      live = false;
    };
  }, [connection, teamId, sprintVersion]);
  return { tasks, error };
}

/**
 * Planning from the backlog: pick cards, plan them; past the plannable points the service answers
 * CAPACITY_EXCEEDED, shown with its figures and a forced plan.
 */
export function PlanFromBacklog({
  teamId,
  sprint,
  onPlanned,
}: {
  teamId: string;
  sprint: SprintDetailFragment;
  onPlanned: (sprint: SprintDetailFragment) => void;
}) {
  const { connection } = useSession();
  const { tasks, error } = useBacklog(teamId, sprint);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const plan = useCallback(
    async (taskIds: string[], force: boolean) => {
      setBusy(true);
      setFailure(null);
      const result = await connection.client
        .mutation(PlanSprint, { input: { sprintId: sprint.id, taskIds, force } })
        .toPromise();
      setBusy(false);
      if (result.data) {
        setSelected(new Set());
        onPlanned(result.data.planSprint);
        return;
      }
      const error = apiError(result.error, 'The cards could not be planned.');
      if (error.code === 'CAPACITY_EXCEEDED')
        setRefusal({
          taskIds,
          message: error.message,
          planned: figure(error.details['planned']),
          plannable: figure(error.details['plannable']),
          excess: figure(error.details['excess']),
        });
      else setFailure(error.message);
    },
    [connection, sprint.id, onPlanned],
  );

  const chosen = (tasks ?? []).filter((t) => selected.has(t.id));
  const chosenPoints = chosen.reduce((sum, t) => sum + (t.estimate ?? 0), 0);
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className="section-card" aria-labelledby="plan-title">
      <h2 id="plan-title">Plan from the backlog</h2>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      {tasks === null && !error && <p role="status">Loading the backlog…</p>}
      {tasks?.length === 0 && <p className="muted">The backlog is empty.</p>}
      {tasks && tasks.length > 0 && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen.length > 0)
              void plan(
                chosen.map((t) => t.id),
                false,
              );
          }}
        >
          <fieldset className="backlog">
            <legend className="visually-hidden">Backlog cards</legend>
            <ul className="backlog-list">
              {tasks.map((task) => (
                <li key={task.id}>
                  <label className="backlog-item">
                    <input
                      type="checkbox"
                      checked={selected.has(task.id)}
                      onChange={() => toggle(task.id)}
                    />
                    <span className="card-key">{task.key}</span>
                    <span className="backlog-title">{task.title}</span>
                    <span className="estimate">
                      {task.estimate === null || task.estimate === undefined
                        ? 'no estimate'
                        : `${points(task.estimate)} pts`}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <button
            type="submit"
            className="button button-primary"
            disabled={busy || chosen.length === 0}
          >
            Plan {chosen.length} {chosen.length === 1 ? 'card' : 'cards'} ({points(chosenPoints)}{' '}
            points)
          </button>
        </form>
      )}
      {refusal && (
        <ModalDialog
          title="Over the sprint’s capacity"
          onCancel={() => setRefusal(null)}
          description={<CapacityFigures refusal={refusal} />}
        >
          <div className="dialog-actions">
            <button type="button" className="button" autoFocus onClick={() => setRefusal(null)}>
              Keep the plan as it is
            </button>
            <button
              type="button"
              className="button button-danger"
              onClick={() => {
                const ids = refusal.taskIds;
                setRefusal(null);
                void plan(ids, true);
              }}
            >
              Plan anyway
            </button>
          </div>
        </ModalDialog>
      )}
    </section>
  );
}

function CapacityFigures({ refusal }: { refusal: Refusal }) {
  if (refusal.planned === null || refusal.plannable === null) return <p>{refusal.message}</p>;
  return (
    <p>
      Planning these would put <strong data-figure="planned">{points(refusal.planned)}</strong>{' '}
      points in a sprint with <strong data-figure="plannable">{points(refusal.plannable)}</strong>{' '}
      plannable points: <strong data-figure="excess">{points(refusal.excess ?? 0)}</strong> over (
      <code>CAPACITY_EXCEEDED</code>). Planning anyway eats into the reserve kept for production
      work.
    </p>
  );
}
