import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../common/database/prisma.service';
import { DeploymentIntakeService } from '../../deployments/deployment-intake.service';
import { PushIntakeService } from '../../deployments/push-intake.service';
import { PushesRepository } from '../../deployments/pushes.repository';
import type { AlertIntegration } from '../../generated/prisma/client';
import { TeamsRepository } from '../../teams/teams.repository';
import { DeliveriesRepository, NewDelivery } from '../webhooks/deliveries.repository';
import type { DeliveryJob, DeliverySummary, ProcessResult } from './delivery.types';

const NOTHING: DeliverySummary = {
  received: 0,
  created: 0,
  updated: 0,
  resolved: 0,
  reopened: 0,
  ignored: 0,
};

/**
 * The deliveries of a deployment integration (GitHub, GitLab, generic), processed like alert
 * deliveries: in arrival order, in one transaction with their inbox rows, so a 2xx means the
 * payload and the deployment it changed committed together. Events that are not about a
 * deployment or a push (ping, other GitHub or GitLab events) are stored and count as ignored.
 */
@Injectable()
export class DeploymentProcessor {
  constructor(
    private readonly prisma: PrismaService,
    private readonly intake: DeploymentIntakeService,
    private readonly pushIntake: PushIntakeService,
    private readonly pushes: PushesRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly teams: TeamsRepository,
  ) {}

  async processBatch(integration: AlertIntegration, jobs: DeliveryJob[]): Promise<ProcessResult[]> {
    const team = await this.teams.findById(integration.teamId);
    if (!team)
      throw new Error(`Team ${integration.teamId} of integration ${integration.id} is gone`);
    const ctx = {
      teamId: team.id,
      teamKey: team.key,
      integrationId: integration.id,
      actor: `deployments:${integration.name}`.slice(0, 200),
    };
    // One transaction: the payloads and everything they caused commit together, or nothing does.
    return this.prisma.$transaction(async (tx) => {
      // The repositories' locks first, in one order, before any deployment row's.
      for (const repository of repositoriesOf(jobs))
        await this.pushes.lockRepository(tx, team.id, repository);
      const results: ProcessResult[] = [];
      const rows: NewDelivery[] = [];
      for (const j of lockOrder(jobs)) {
        const job = jobs[j] as DeliveryJob;
        const event = job.deployment?.event;
        const summary = { ...NOTHING };
        let deploymentId: string | undefined;
        let linkedTasks = 0;
        let pushId: string | undefined;
        let pushed: Record<string, unknown> = {};
        if (event?.type === 'push') {
          const result = await this.pushIntake.apply(tx, ctx, event.push);
          summary.received = 1;
          if (result.outcome === 'created') summary.created = 1;
          else summary.ignored = 1;
          pushId = result.pushId;
          pushed = {
            pushId,
            commits: event.push.commits.length,
            refreshedDeployments: result.refreshedDeployments,
          };
        } else if (event?.type === 'deployment') {
          const service = job.deployment?.service;
          if (!service) throw new Error(`Delivery ${job.delivery.id} has no service`);
          const result = await this.intake.apply(tx, ctx, service, event.deployment);
          deploymentId = result.deploymentId;
          linkedTasks = result.linkedTasks;
          summary.received = 1;
          if (result.outcome === 'created') summary.created = 1;
          else if (result.outcome === 'updated') summary.updated = 1;
          else summary.ignored = 1;
        } else if (event?.type === 'ignored') summary.ignored = 1;
        results[j] = { summary, items: [], overfullColumns: [], deploymentId, pushId };
        rows[j] = {
          ...job.delivery,
          integrationId: integration.id,
          outcome: 'PROCESSED',
          summary: {
            ...summary,
            event: event?.type === 'ignored' ? event.event : (event?.type ?? null),
            ...(deploymentId ? { deploymentId, linkedTasks } : {}),
            ...pushed,
          },
          error: null,
        };
      }
      await this.deliveries.insertMany(tx, rows);
      return results;
    });
  }
}

/** The repositories a batch's pushes and deployments are of, sorted: the order their locks are taken in. */
function repositoriesOf(jobs: readonly DeliveryJob[]): string[] {
  const repositories = new Set<string>();
  for (const job of jobs) {
    const event = job.deployment?.event;
    if (event?.type === 'push') repositories.add(event.push.repository);
    else if (event?.type === 'deployment' && event.deployment.repository !== null)
      repositories.add(event.deployment.repository);
  }
  return [...repositories].sort();
}

/**
 * The order a batch's jobs are applied in: by deployment (source id), arrival order within
 * each. Every transaction then locks deployment rows in the same order, so two replicas' batches
 * over the same deployments wait for each other instead of deadlocking; the outcome for each
 * deployment is unchanged, since only the order of its own events matters to it.
 */
function lockOrder(jobs: readonly DeliveryJob[]): number[] {
  const keyOf = (job: DeliveryJob): string => {
    const event = job.deployment?.event;
    return event?.type === 'deployment' ? event.deployment.externalId : '';
  };
  return jobs
    .map((job, index) => ({ key: keyOf(job), index }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index))
    .map((entry) => entry.index);
}
