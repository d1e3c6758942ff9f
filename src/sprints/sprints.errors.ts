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
