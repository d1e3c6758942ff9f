import { Injectable } from '@nestjs/common';
import { InputError } from '../common/errors/app-error';
import type { Deployment } from '../generated/prisma/client';
import { DeploymentNotFoundError } from './deployments.errors';
import { DeploymentsRepository } from './deployments.repository';

export const MAX_DEPLOYMENTS_LISTED = 100;

/** Reading a team's deployments. */
@Injectable()
export class DeploymentsService {
  constructor(private readonly deployments: DeploymentsRepository) {}

  async get(id: string): Promise<Deployment> {
    const deployment = await this.deployments.findById(id);
    if (!deployment) throw new DeploymentNotFoundError(id);
    return deployment;
  }

  list(
    teamId: string,
    filter: { service?: string | null; environment?: string | null; first?: number | null },
  ): Promise<Deployment[]> {
    const first = filter.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > MAX_DEPLOYMENTS_LISTED)
      throw InputError.field('first', `must be an integer from 1 to ${MAX_DEPLOYMENTS_LISTED}`);
    return this.deployments.findForTeam(teamId, {
      service: filter.service,
      environment: filter.environment,
      take: first,
    });
  }
}
