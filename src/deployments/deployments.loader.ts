import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { byKey, groupByKey, LoaderCache } from '../common/graphql/loader-cache';
import type { Deployment, DeploymentCommit, IncidentCause, Task } from '../generated/prisma/client';
import { DeploymentsRepository } from './deployments.repository';
import { IncidentCausesRepository } from './incident-causes.repository';
import { TimelineService } from './timeline.service';
import type { TimelineLinks } from './deployment-timeline';

@Injectable()
export class DeploymentsLoader {
  constructor(
    private readonly deployments: DeploymentsRepository,
    private readonly timeline: TimelineService,
    private readonly causes: IncidentCausesRepository,
  ) {}

  deployment(cache: LoaderCache): DataLoader<string, Deployment | null> {
    return cache.get(
      'deployment.byId',
      () =>
        new DataLoader(async (ids) =>
          byKey(
            ids,
            cache.visible(await this.deployments.findByIds(ids), (d) => d.teamId),
            (d) => d.id,
          ),
        ),
    );
  }

  commits(cache: LoaderCache): DataLoader<string, DeploymentCommit[]> {
    return cache.get(
      'deployment.commits',
      () =>
        new DataLoader(async (ids) =>
          groupByKey(ids, await this.deployments.commitsOf(ids), (c) => c.deploymentId),
        ),
    );
  }

  /** Previous and rolled-back deployments, derived from each deployment's timeline. */
  links(cache: LoaderCache): DataLoader<string, TimelineLinks> {
    return cache.get(
      'deployment.links',
      () =>
        new DataLoader(async (ids) => {
          const deployments = cache.visible(await this.deployments.findByIds(ids), (d) => d.teamId);
          const links = await this.timeline.linksOf(deployments);
          return ids.map((id) => links.get(id) ?? { previousId: null, rollbackOfId: null });
        }),
    );
  }

  tasks(cache: LoaderCache): DataLoader<string, Task[]> {
    return cache.get(
      'deployment.tasks',
      () =>
        new DataLoader(async (ids) => {
          const links = await this.deployments.taskLinksOf(ids);
          const tasks = cache.visible(
            await this.deployments.liveTasks([...new Set(links.map((l) => l.taskId))]),
            (t) => t.teamId,
          );
          const byId = new Map(tasks.map((t) => [t.id, t]));
          return groupByKey(ids, links, (l) => l.deploymentId).map((ls) =>
            ls.flatMap((l) => byId.get(l.taskId) ?? []),
          );
        }),
    );
  }

  causeOfTask(cache: LoaderCache): DataLoader<string, IncidentCause | null> {
    return cache.get(
      'deployment.causeOfTask',
      () =>
        new DataLoader(async (taskIds) =>
          byKey(
            taskIds,
            cache.visible(await this.causes.causesOfTasks(taskIds), (c) => c.teamId),
            (c) => c.taskId,
          ),
        ),
    );
  }

  deploymentsOfTask(cache: LoaderCache): DataLoader<string, Deployment[]> {
    return cache.get(
      'deployment.byTask',
      () =>
        new DataLoader(async (taskIds) => {
          const links = await this.deployments.deploymentLinksOfTasks(taskIds);
          const rows = cache.visible(
            await this.deployments.findByIds([...new Set(links.map((l) => l.deploymentId))]),
            (d) => d.teamId,
          );
          const byId = new Map(rows.map((d) => [d.id, d]));
          return groupByKey(taskIds, links, (l) => l.taskId).map((ls) =>
            ls.flatMap((l) => byId.get(l.deploymentId) ?? []),
          );
        }),
    );
  }
}
