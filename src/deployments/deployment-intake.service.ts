import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PrismaTx } from '../common/database/prisma.service';
import { TaskEventsRepository } from '../tasks/task-events.repository';
import { DeploymentRow, DeploymentsRepository } from './deployments.repository';
import { STATUS_RANK, type NormalizedDeployment } from './parsers';
import { taskKeysIn } from './task-keys';

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
 * links from every event are kept.
 */
@Injectable()
export class DeploymentIntakeService {
  constructor(
    private readonly deployments: DeploymentsRepository,
    private readonly taskEvents: TaskEventsRepository,
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
      status: event.status,
      statusAt: event.statusAt,
      startedAt: event.startedAt,
      finishedAt: event.finishedAt,
      url: event.url,
      rollbackOfRef: event.rollbackOf,
    };
    let current: DeploymentRow;
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
        url: newer ? (event.url ?? stored.url) : (stored.url ?? event.url),
        rollbackOfRef: stored.rollbackOfRef ?? event.rollbackOf,
        ...(newer
          ? { status: event.status, statusAt: event.statusAt, finishedAt: event.finishedAt }
          : {}),
      };
      await this.deployments.update(tx, stored.id, merged);
      current = merged;
      outcome = newer ? 'updated' : 'stale';
      becameSuccess = newer && event.status === 'SUCCESS' && stored.status !== 'SUCCESS';
    }
    await this.deployments.addCommits(tx, current.id, event.commits);
    const keys = taskKeysIn(ctx.teamKey, [
      ...event.commits.map((c) => c.message),
      ...event.references,
    ]);
    const tasks = await this.deployments.tasksByKeys(tx, ctx.teamId, keys);
    const newLinks = await this.deployments.linkTasks(
      tx,
      current.id,
      tasks.map((t) => t.id),
    );
    // A task's history says it shipped once, when its deployment succeeds (or when it is linked
    // to one that already has).
    const shipped = becameSuccess
      ? await this.deployments.linkedTaskIds(tx, current.id)
      : current.status === 'SUCCESS'
        ? newLinks
        : [];
    await this.taskEvents.record(
      tx,
      shipped.map((taskId) => ({
        taskId,
        teamId: ctx.teamId,
        kind: 'DEPLOYED' as const,
        actor: ctx.actor,
        at: current.finishedAt ?? current.statusAt,
        to: {
          deploymentId: current.id,
          environment: current.environment,
          version: current.version,
        },
        note: `deployed to ${current.environment} in ${current.version}`,
      })),
    );
    return { deploymentId: current.id, outcome, linkedTasks: newLinks.length };
  }
}
