import { Injectable } from '@nestjs/common';
import { PrismaService, PrismaTx } from '../../common/database/prisma.service';
import type {
  ReplanProposal,
  ReplanProposalStatus,
  ReserveOverflowPolicy,
} from '../../generated/prisma/client';
import type { ReplanCandidate } from './replan-selection';

/** A proposed task as stored with the proposal (what it was when proposed). */
export interface ProposedTask {
  taskId: string;
  key: string;
  title: string;
  priority: string;
  points: number;
}

export interface NewReplanProposal {
  sprintId: string;
  sequence: number;
  taskId: string | null;
  createdAt: Date;
  usedPoints: number;
  reservedPoints: number;
  overflowPoints: number;
  coveredPoints: number;
  targetPoints: number;
  proposedPoints: number;
  tasks: ProposedTask[];
}

@Injectable()
export class ReplanProposalsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The team's overflow policy, from a sprint id (one small read on the alert path). */
  async overflowPolicyOfSprint(
    tx: PrismaTx,
    sprintId: string,
  ): Promise<ReserveOverflowPolicy | null> {
    const rows = await tx.$queryRaw<{ policy: ReserveOverflowPolicy }[]>`
      SELECT tm.reserve_overflow_policy::text AS policy
      FROM sprints s JOIN teams tm ON tm.id = s.team_id WHERE s.id = ${sprintId}::uuid`;
    return rows[0]?.policy ?? null;
  }

  latest(tx: PrismaTx, sprintId: string): Promise<ReplanProposal | null> {
    return tx.replanProposal.findFirst({ where: { sprintId }, orderBy: { sequence: 'desc' } });
  }

  /** Planned tasks of the sprint nobody started or finished: what a proposal may move out. */
  candidates(tx: PrismaTx, sprintId: string): Promise<ReplanCandidate[]> {
    return tx.$queryRaw<ReplanCandidate[]>`
      SELECT t.id::text AS "taskId", t.key, t.title, t.priority::text AS priority, t.rank,
        COALESCE(t.estimate, 0)::float8 AS points
      FROM tasks t
      WHERE t.sprint_id = ${sprintId}::uuid AND t.planned AND t.deleted_at IS NULL
        AND t.started_at IS NULL AND t.completed_at IS NULL AND COALESCE(t.estimate, 0) > 0`;
  }

  /**
   * Inserts the proposal unless one with the same sequence exists: of two deliveries crossing
   * at once, the second waits on the unique key and inserts nothing. True when this one won.
   */
  async insert(tx: PrismaTx, p: NewReplanProposal): Promise<boolean> {
    const inserted = await tx.$executeRaw`
      INSERT INTO replan_proposals (id, sprint_id, sequence, status, created_at, task_id, used_points,
        reserved_points, overflow_points, covered_points, target_points, proposed_points, tasks)
      VALUES (gen_random_uuid(), ${p.sprintId}::uuid, ${p.sequence}, 'PENDING', ${p.createdAt},
        ${p.taskId}::uuid, ${p.usedPoints}, ${p.reservedPoints}, ${p.overflowPoints}, ${p.coveredPoints},
        ${p.targetPoints}, ${p.proposedPoints}, ${JSON.stringify(p.tasks)}::jsonb)
      ON CONFLICT (sprint_id, sequence) DO NOTHING`;
    return inserted > 0;
  }

  findById(id: string, tx: PrismaTx = this.prisma): Promise<ReplanProposal | null> {
    return tx.replanProposal.findUnique({ where: { id } });
  }

  async lock(tx: PrismaTx, id: string): Promise<ReplanProposal | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM replan_proposals WHERE id = ${id}::uuid FOR UPDATE`;
    return rows.length ? tx.replanProposal.findUnique({ where: { id } }) : null;
  }

  decide(
    tx: PrismaTx,
    id: string,
    decision: { status: ReplanProposalStatus; at: Date; by: string; reason: string | null },
  ): Promise<ReplanProposal> {
    return tx.replanProposal.update({
      where: { id },
      data: {
        status: decision.status,
        decidedAt: decision.at,
        decidedBy: decision.by,
        reason: decision.reason,
      },
    });
  }

  ofSprints(sprintIds: readonly string[], tx: PrismaTx = this.prisma): Promise<ReplanProposal[]> {
    return tx.replanProposal.findMany({
      where: { sprintId: { in: [...sprintIds] } },
      orderBy: [{ sequence: 'asc' }],
    });
  }
}
