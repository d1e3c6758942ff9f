import { Injectable } from '@nestjs/common';
import { InputError } from '../common/errors/app-error';
import { PrismaService } from '../common/database/prisma.service';
import { requestContext } from '../common/logging/request-context';
import type { Task } from '../generated/prisma/client';
import { TaskEventsRepository } from '../tasks/task-events.repository';
import { TasksRepository } from '../tasks/tasks.repository';
import { TaskNotFoundError } from '../tasks/tasks.errors';
import { DeploymentNotFoundError } from './deployments.errors';
import { DeploymentsRepository } from './deployments.repository';
import { IncidentCausesRepository } from './incident-causes.repository';

/** A team confirming which deployment caused an incident card, or clearing the link. */
@Injectable()
export class IncidentCausesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly deployments: DeploymentsRepository,
    private readonly causes: IncidentCausesRepository,
    private readonly tasks: TasksRepository,
    private readonly events: TaskEventsRepository,
  ) {}

  async setCause(taskId: string, deploymentId: string | null): Promise<Task> {
    const [task] = await this.tasks.findByIds([taskId]);
    if (!task || task.deletedAt) throw new TaskNotFoundError(taskId);
    const deployment = deploymentId ? await this.deployments.findById(deploymentId) : null;
    if (deploymentId && !deployment) throw new DeploymentNotFoundError(deploymentId);
    if (deployment && deployment.teamId !== task.teamId)
      throw InputError.field('deploymentId', "is not a deployment of the task's team");
    const actor = requestContext.actor();
    const at = new Date();
    // The cause and its history entry change together, with the card's row locked against a
    // concurrent change of the same cause.
    await this.prisma.$transaction(async (tx) => {
      const current = await this.causes.lockCause(tx, taskId);
      if (deployment)
        await this.causes.confirmCause(tx, {
          taskId,
          teamId: task.teamId,
          deploymentId: deployment.id,
          by: actor,
          at,
        });
      else await this.causes.clearCause(tx, taskId);
      await this.events.record(tx, [
        {
          taskId,
          teamId: task.teamId,
          kind: 'INCIDENT_CAUSE_SET',
          actor,
          at,
          from: current
            ? { deploymentId: current.deploymentId, confirmed: current.confirmedAt !== null }
            : null,
          to: deployment ? { deploymentId: deployment.id, confirmed: true } : null,
          note: deployment
            ? `caused by the deployment of ${deployment.service} ${deployment.version} to ${deployment.environment}`
            : 'no deployment caused this',
        },
      ]);
    });
    return task;
  }
}
