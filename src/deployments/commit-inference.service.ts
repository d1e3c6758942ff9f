import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../common/database/prisma.service';
import { DeploymentRow, DeploymentsRepository } from './deployments.repository';
import { DeploymentTaskLinks, type LinkContext } from './deployment-task-links.service';
import type { DeploymentCommitInput } from './parsers';
import { PushesRepository } from './pushes.repository';

/** A successful deployment with a sha and a repository whose payload did not list its commits. */
export function commitsInferable(d: DeploymentRow): boolean {
  return (
    d.status === 'SUCCESS' &&
    d.finishedAt !== null &&
    d.commitSha !== null &&
    d.repository !== null &&
    d.commitsSource !== 'PAYLOAD'
  );
}

/**
 * Works out the commits of deployments whose payload names only a sha, from the forge's pushes
 * (the way Google's Four Keys does, with no call to the forge). The result is a function of the
 * stored pushes and deployments alone, so working it out again, in whatever order pushes and
 * deployments arrived, ends in the same commits; task links already made are kept.
 */
@Injectable()
export class CommitInferenceService {
  constructor(
    private readonly deployments: DeploymentsRepository,
    private readonly pushes: PushesRepository,
    private readonly links: DeploymentTaskLinks,
  ) {}

  /**
   * The deployment's commits from pushes, stored in place of earlier inferred ones; null when
   * it does not qualify or no push has its sha yet (its commits are left as they are). The
   * caller holds the deployment's row lock.
   */
  async infer(tx: PrismaTx, d: DeploymentRow): Promise<DeploymentCommitInput[] | null> {
    if (!commitsInferable(d) || d.repository === null) return null;
    await this.pushes.lockRepository(tx, d.teamId, d.repository);
    const inferred = await this.pushes.inferCommits(tx, d.id);
    if (!inferred.known) return null;
    await this.deployments.replaceInferredCommits(tx, d.id, inferred.commits);
    return inferred.commits;
  }

  /**
   * Works the commits of these deployments out again (a push or an earlier deployment arrived),
   * linking the tasks their messages name. Returns how many deployments qualified.
   */
  async refresh(tx: PrismaTx, ctx: LinkContext, ids: readonly string[]): Promise<number> {
    let refreshed = 0;
    for (const d of await this.deployments.lockByIds(tx, ids)) {
      const commits = await this.infer(tx, d);
      if (commits === null) continue;
      refreshed++;
      await this.links.link(
        tx,
        ctx,
        d,
        commits.map((c) => c.message),
        false,
      );
    }
    return refreshed;
  }
}
