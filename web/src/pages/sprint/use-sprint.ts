import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../../auth/session';
import type { SprintDetailFragment, SprintReportFiguresFragment } from '../../gql/graphql';
import { SprintChanges, SprintPageData } from './sprint-queries';

export interface LiveSprint {
  sprint: SprintDetailFragment | null;
  report: SprintReportFiguresFragment | null;
  error: string | null;
  /** Shows a mutation's answer at once (the report follows with its sprintChanged event). */
  setSprint: (sprint: SprintDetailFragment) => void;
  reload: () => void;
}

/**
 * A sprint and its capacity report kept current: subscribed to sprintChanged (each event carries
 * the report as it stands after the change), read once, and read again after a reconnect.
 */
export function useLiveSprint(sprintId: string): LiveSprint {
  const { connection } = useSession();
  const client = connection.client;
  const [sprint, setSprint] = useState<SprintDetailFragment | null>(null);
  const [report, setReport] = useState<SprintReportFiguresFragment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback(() => {
    const mine = ++generation.current;
    void client
      .query(SprintPageData, { sprintId }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        if (mine !== generation.current) return;
        if (!result.data) {
          setError(result.error?.message ?? 'The sprint could not be read');
          return;
        }
        setError(null);
        setSprint(result.data.sprint);
        setReport(result.data.sprintCapacityReport);
      });
  }, [client, sprintId]);

  useEffect(() => {
    setSprint(null);
    setReport(null);
    const subscription = client.subscription(SprintChanges, { sprintId }).subscribe((result) => {
      const change = result.data?.sprintChanged;
      if (!change) return;
      // An event outruns a read begun before it: the read's answer is dropped.
      generation.current++;
      setSprint(change.sprint);
      setReport(change.report);
    });
    load();
    const offReconnect = connection.onReconnect(load);
    return () => {
      generation.current++;
      subscription.unsubscribe();
      offReconnect();
    };
  }, [client, connection, sprintId, load]);

  return { sprint, report, error, setSprint, reload: load };
}
