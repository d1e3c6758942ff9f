import type { ReplanProposal as ReplanProposalRow } from '../../generated/prisma/client';
import { roundPoints } from '../capacity';
import type { ProposedTask } from './replan-proposals.repository';

/** A replan proposal as plain JSON: served over GraphQL and kept in a closed sprint's report. */
export interface ReplanProposalView {
  id: string;
  sprintId: string;
  sequence: number;
  status: ReplanProposalRow['status'];
  createdAt: string;
  triggeredByTaskId: string | null;
  usedPoints: number;
  reservedPoints: number;
  overflowPoints: number;
  coveredPoints: number;
  targetPoints: number;
  proposedPoints: number;
  excessPoints: number;
  shortfallPoints: number;
  tasks: ProposedTask[];
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
}

export function replanProposalView(row: ReplanProposalRow): ReplanProposalView {
  return {
    id: row.id,
    sprintId: row.sprintId,
    sequence: row.sequence,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    triggeredByTaskId: row.taskId,
    usedPoints: row.usedPoints,
    reservedPoints: row.reservedPoints,
    overflowPoints: row.overflowPoints,
    coveredPoints: row.coveredPoints,
    targetPoints: row.targetPoints,
    proposedPoints: row.proposedPoints,
    excessPoints: roundPoints(Math.max(0, row.proposedPoints - row.targetPoints)),
    shortfallPoints: roundPoints(Math.max(0, row.targetPoints - row.proposedPoints)),
    tasks: row.tasks as unknown as ProposedTask[],
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedBy: row.decidedBy,
    reason: row.reason,
  };
}
