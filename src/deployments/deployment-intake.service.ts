import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PrismaTx } from '../common/database/prisma.service';
import { CommitInferenceService } from './commit-inference.service';
import { DeploymentTaskLinks } from './deployment-task-links.service';
import { DeploymentRow, DeploymentsRepository } from './deployments.repository';
import { STATUS_RANK, type NormalizedDeployment } from './parsers';

export interface IntakeContext {
  teamId: string;
  teamKey: string;
  integrationId: string;
  /** Who the task history names as the actor. */
  actor: string;
}

export interface IntakeResult {
  deploymentId: string;
  /** created: a new deployment; updated: a newer status; stale: older than the status held. */
  outcome: 'created' | 'updated' | 'stale';
  linkedTasks: number;
}

/** Whether an event's status is newer than the one stored: its time, then the status order. */
export function isNewer(
  event: Pick<NormalizedDeployment, 'statusAt' | 'status'>,
  stored: Pick<DeploymentRow, 'statusAt' | 'status'>,
): boolean {
  const dt = event.statusAt.getTime() - stored.statusAt.getTime();
  return dt !== 0 ? dt > 0 : STATUS_RANK[event.status] > STATUS_RANK[stored.status];
}

/**
 * One deployment event into the deployment it is about, inside the caller's transaction (the
 * webhook pipeline stores the delivery in the same one). Repeated events of a deployment find
 * its row by the source's id, lock it, and change its status only when they are newer, so
 * parallel and out-of-order deliveries end in the same state as in-order ones; commits and task
 * links from every event are kept. A successful deployment whose payload did not list its
 * commits gets them from the repository's pushes (CommitInferenceService).
 */
@Injectable()
export class DeploymentIntakeService {
  constructor(
    private readonly deployments: DeploymentsRepository,
    private readonly inference: CommitInferenceService,
    private readonly links: DeploymentTaskLinks,
  ) {}

  async apply(
    tx: PrismaTx,
    ctx: IntakeContext,
    service: string,
    event: NormalizedDeployment,
  ): Promise<IntakeResult> {
    const row: DeploymentRow = {
      id: randomUUID(),
      teamId: ctx.teamId,
      integrationId: ctx.integrationId,
      externalId: event.externalId,
      service,
      environment: event.environment,
      version: event.version,
      ref: event.ref,
      commitSha: event.commitSha,
      repository: event.repository,
      commitsSource: sourceOf(event, null),
      status: event.status,
      statusAt: event.statusAt,
      startedAt: event.startedAt,
      finishedAt: event.finishedAt,
      url: event.url,
      rollbackOfRef: event.rollbackOf,
    };
    let current: DeploymentRow;
    let before: DeploymentRow | null = null;
    let outcome: IntakeResult['outcome'];
    let becameSuccess: boolean;
    if (await this.deployments.insertIfNew(tx, row)) {
      current = row;
      outcome = 'created';
      becameSuccess = row.status === 'SUCCESS';
    } else {
      const stored = await this.deployments.lock(tx, ctx.integrationId, event.externalId);
      const newer = isNewer(event, stored);
      // The earliest start seen wins; fields an earlier event left out are filled in either way.
      const merged: DeploymentRow = {
        ...stored,
        startedAt: event.startedAt < stored.startedAt ? event.startedAt : stored.startedAt,
        ref: stored.ref ?? event.ref,
        commitSha: stored.commitSha ?? event.commitSha,
        repository: stored.repository ?? event.repository,
        commitsSource: sourceOf(event, stored.commitsSource),
        url: newer ? (event.url ?? stored.url) : (stored.url ?? event.url),
        rollbackOfRef: stored.rollbackOfRef ?? event.rollbackOf,
        ...(newer
          ? { status: event.status, statusAt: event.statusAt, finishedAt: event.finishedAt }
          : {}),
      };
      await this.deployments.update(tx, stored.id, merged);
      before = stored;
      current = merged;
      outcome = newer ? 'updated' : 'stale';
      becameSuccess = newer && event.status === 'SUCCESS' && stored.status !== 'SUCCESS';
    }
    // Commits worked out from pushes replace the deployed commit alone; listed ones are final.
    if (current.commitsSource !== 'PUSHES')
      await this.deployments.addCommits(tx, current.id, event.commits);
    const inferred = (await this.inference.infer(tx, current)) ?? [];
    const linkedTasks = await this.links.link(
      tx,
      ctx,
      current,
      [...event.commits, ...inferred].map((c) => c.message).concat(event.references),
      becameSuccess,
    );
    await this.refreshFollowers(tx, ctx, before, current);
    return { deploymentId: current.id, outcome, linkedTasks };
  }

  /**
   * A deployment that is, or was, successful bounds the commits of the next successful one of
   * its service and environment (where it finished, and where it used to): that one's are worked
   * out again, so an earlier deployment delivered late trims a later one's commits. Later ones
   * are bounded by that next one, so they do not change.
   */
  private async refreshFollowers(
    tx: PrismaTx,
    ctx: IntakeContext,
    before: DeploymentRow | null,
    current: DeploymentRow,
  ): Promise<void> {
    // Without a sha it bounds nothing.
    if (current.commitSha === null) return;
    const ends = [before, current].flatMap((d) =>
      d !== null && d.status === 'SUCCESS' && d.finishedAt !== null ? [d.finishedAt] : [],
    );
    const next = new Set<string>();
    for (const end of ends) {
      const id = await this.deployments.nextInferable(tx, current, end);
      if (id !== null) next.add(id);
    }
    if (next.size > 0) await this.inference.refresh(tx, ctx, [...next]);
  }
}

/** Listed commits make them final; the deployed commit alone can be replaced by pushes. */
function sourceOf(
  event: NormalizedDeployment,
  stored: DeploymentRow['commitsSource'],
): DeploymentRow['commitsSource'] {
  if (event.commitsListed || stored === 'PAYLOAD') return 'PAYLOAD';
  return stored ?? (event.commits.length > 0 ? 'DEPLOYED_COMMIT' : null);
}
