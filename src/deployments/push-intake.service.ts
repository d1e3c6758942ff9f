import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../common/database/prisma.service';
import { CommitInferenceService } from './commit-inference.service';
import type { IntakeContext } from './deployment-intake.service';
import type { NormalizedPush } from './parsers';
import { PushesRepository } from './pushes.repository';

export interface PushIntakeResult {
  pushId: string;
  /** created: a push not stored before; duplicate: the same push again (nothing changed). */
  outcome: 'created' | 'duplicate';
  /** Deployments whose commits were worked out again with it. */
  refreshedDeployments: number;
}

/**
 * One push event into the team's pushes, inside the caller's transaction (with the delivery).
 * Pushes may arrive after the deployments they lead to: the successful deployments of the
 * repository at or after the push (by before → after) have their commits worked out again.
 */
@Injectable()
export class PushIntakeService {
  constructor(
    private readonly pushes: PushesRepository,
    private readonly inference: CommitInferenceService,
  ) {}

  async apply(tx: PrismaTx, ctx: IntakeContext, push: NormalizedPush): Promise<PushIntakeResult> {
    await this.pushes.lockRepository(tx, ctx.teamId, push.repository);
    const { id, created } = await this.pushes.insertIfNew(tx, ctx, push);
    if (!created) return { pushId: id, outcome: 'duplicate', refreshedDeployments: 0 };
    const ahead = await this.pushes.deploymentsAhead(tx, ctx.teamId, push.repository, id);
    const refreshedDeployments = await this.inference.refresh(tx, ctx, ahead);
    return { pushId: id, outcome: 'created', refreshedDeployments };
  }
}
