import type { DeploymentStatus } from './parsers';

/** What linking a deployment to its predecessors needs to know of each deployment. */
export interface TimelineDeployment {
  id: string;
  externalId: string;
  service: string;
  environment: string;
  version: string;
  status: DeploymentStatus;
  startedAt: Date;
  finishedAt: Date | null;
  rollbackOfRef: string | null;
}

export interface TimelineLinks {
  /** The last successful deployment of the same service and environment finished when this one started. */
  previousId: string | null;
  /** The deployment this one undoes, when it is a rollback. */
  rollbackOfId: string | null;
}

const NO_LINKS: TimelineLinks = { previousId: null, rollbackOfId: null };

/**
 * Links every deployment to its previous successful one and, for rollbacks, to the deployment it
 * undoes. Derived from the timeline rather than stored, so deliveries arriving out of order or in
 * parallel can never leave a stale link behind. A rollback either names what it undoes
 * (`rollback_of`: a version or a source id; the latest such deployment before it) or deploys the
 * version of an earlier successful deployment other than the previous one: it then undoes the
 * previous one.
 */
export function linkTimeline(
  deployments: readonly TimelineDeployment[],
): Map<string, TimelineLinks> {
  const streams = new Map<string, TimelineDeployment[]>();
  for (const d of deployments) {
    const key = JSON.stringify([d.service, d.environment]);
    const stream = streams.get(key);
    if (stream) stream.push(d);
    else streams.set(key, [d]);
  }
  const links = new Map<string, TimelineLinks>();
  for (const stream of streams.values()) linkStream(stream, links);
  return links;
}

function linkStream(stream: TimelineDeployment[], links: Map<string, TimelineLinks>): void {
  const successes = stream
    .filter(
      (d): d is TimelineDeployment & { finishedAt: Date } =>
        d.status === 'SUCCESS' && d.finishedAt !== null,
    )
    .sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime() || (a.id < b.id ? -1 : 1));
  // Times as numbers: a year of history compares them hundreds of thousands of times.
  const finishes = successes.map((s) => s.finishedAt.getTime());
  // The two earliest successes of each version: whether an earlier success of d's version exists
  // (d itself aside) is then one lookup, not a scan of the stream.
  const earliest = new Map<string, number[]>();
  successes.forEach((s, i) => {
    const list = earliest.get(s.version);
    if (!list) earliest.set(s.version, [i]);
    else if (list.length < 2) list.push(i);
  });
  const named = stream.some((d) => d.rollbackOfRef !== null)
    ? [...stream].sort(
        (a, b) => a.startedAt.getTime() - b.startedAt.getTime() || (a.id < b.id ? -1 : 1),
      )
    : [];
  for (const d of stream) {
    const start = d.startedAt.getTime();
    const previous = lastBefore(successes, finishes, d.id, start);
    let rollbackOf: TimelineDeployment | null = null;
    if (d.rollbackOfRef !== null) {
      const ref = d.rollbackOfRef;
      for (const e of named) {
        if (e.startedAt.getTime() >= start) break;
        if (e.id !== d.id && (e.version === ref || e.externalId === ref)) rollbackOf = e;
      }
    } else if (
      previous !== null &&
      previous.version !== d.version &&
      (earliest.get(d.version) ?? []).some(
        (i) => successes[i]?.id !== d.id && (finishes[i] as number) <= start,
      )
    ) {
      rollbackOf = previous;
    }
    links.set(
      d.id,
      previous === null && rollbackOf === null
        ? NO_LINKS
        : { previousId: previous?.id ?? null, rollbackOfId: rollbackOf?.id ?? null },
    );
  }
}

/** The last success finished at or before `start` (`id` itself aside), by binary search. */
function lastBefore(
  successes: readonly TimelineDeployment[],
  finishes: readonly number[],
  id: string,
  start: number,
): TimelineDeployment | null {
  let lo = 0;
  let hi = finishes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((finishes[mid] as number) <= start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) if (successes[i]?.id !== id) return successes[i] ?? null;
  return null;
}
