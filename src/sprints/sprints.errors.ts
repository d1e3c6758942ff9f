import { HttpStatus } from '@nestjs/common';
import { AppError, NotFoundError } from '../common/errors/app-error';

export class SprintNotFoundError extends NotFoundError {
  constructor(reference: string) {
    super('Sprint', reference);
  }
}

/** The sprint is not in a state that allows the operation (e.g. planning a CLOSED sprint). */
export class SprintStateError extends AppError {
  constructor(message: string, state: string) {
    super('SPRINT_STATE', message, HttpStatus.CONFLICT, { state });
  }
}

export class SprintAlreadyActiveError extends AppError {
  constructor(activeSprint: { id: string; name: string }) {
    super(
      'SPRINT_ALREADY_ACTIVE',
      `Sprint "${activeSprint.name}" is already active; close it before starting another`,
      HttpStatus.CONFLICT,
      { activeSprintId: activeSprint.id },
    );
  }
}

export class CapacityExceededError extends AppError {
  constructor(readonly figures: { planned: number; plannable: number; excess: number }) {
    super(
      'CAPACITY_EXCEEDED',
      `Planning this would put ${figures.planned} points in a sprint with ${figures.plannable} plannable points (${figures.excess} over); pass force: true to plan anyway`,
      HttpStatus.CONFLICT,
      figures,
    );
  }
}

/** FREEZE_PLANNED_STARTS: the reserve overflows, so planned work waits unless forced. */
export class ReserveFrozenError extends AppError {
  constructor(figures: {
    sprintId: string;
    usedPoints: number;
    reservedPoints: number;
    overflowPoints: number;
  }) {
    super(
      'RESERVE_FROZEN',
      `The sprint's reserve is overflowing (${figures.usedPoints} of ${figures.reservedPoints} points used, ${figures.overflowPoints} over): planned work does not start; pass force: true to start it anyway`,
      HttpStatus.CONFLICT,
      figures,
    );
  }
}

export class ReplanProposalNotFoundError extends NotFoundError {
  constructor(reference: string) {
    super('Replan proposal', reference);
  }
}

export class ReplanProposalDecidedError extends AppError {
  constructor(proposal: { id: string; status: string }) {
    super(
      'REPLAN_PROPOSAL_DECIDED',
      `The replan proposal was already ${proposal.status.toLowerCase()}`,
      HttpStatus.CONFLICT,
      { proposalId: proposal.id, status: proposal.status },
    );
  }
}

export class ReplanProposalStaleError extends AppError {
  constructor(taskKeys: string[]) {
    super(
      'REPLAN_PROPOSAL_STALE',
      `These proposed tasks were started, finished or left the sprint since: ${taskKeys.join(', ')}; reject the proposal instead`,
      HttpStatus.CONFLICT,
      { taskKeys },
    );
  }
}
