import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../common/database/prisma.service';
import { TaskEventsRepository } from '../tasks/task-events.repository';
import { DeploymentRow, DeploymentsRepository } from './deployments.repository';
import { taskKeysIn } from './task-keys';

export interface LinkContext {
  teamId: string;
  teamKey: string;
  /** Who the task history names as the actor. */
  actor: string;
}

/**
 * Links a deployment to the team's tasks named in texts (commit messages, branch names), the
 * same for commits from a payload and from pushes. A task's history says it shipped once, when
 * its deployment succeeds (or when it is linked to one that already has).
 */
@Injectable()
export class DeploymentTaskLinks {
  constructor(
    private readonly deployments: DeploymentsRepository,
    private readonly taskEvents: TaskEventsRepository,
  ) {}

  /** Links the tasks the texts name; returns how many were not linked before. */
  async link(
    tx: PrismaTx,
    ctx: LinkContext,
    deployment: DeploymentRow,
    texts: readonly (string | null)[],
    becameSuccess: boolean,
  ): Promise<number> {
    const keys = taskKeysIn(ctx.teamKey, texts);
    const tasks = await this.deployments.tasksByKeys(tx, ctx.teamId, keys);
    const newLinks = await this.deployments.linkTasks(
      tx,
      deployment.id,
      tasks.map((t) => t.id),
    );
    const shipped = becameSuccess
      ? await this.deployments.linkedTaskIds(tx, deployment.id)
      : deployment.status === 'SUCCESS'
        ? newLinks
        : [];
    await this.taskEvents.record(
      tx,
      shipped.map((taskId) => ({
        taskId,
        teamId: ctx.teamId,
        kind: 'DEPLOYED' as const,
        actor: ctx.actor,
        at: deployment.finishedAt ?? deployment.statusAt,
        to: {
          deploymentId: deployment.id,
          environment: deployment.environment,
          version: deployment.version,
        },
        note: `deployed to ${deployment.environment} in ${deployment.version}`,
      })),
    );
    return newLinks.length;
  }
}
