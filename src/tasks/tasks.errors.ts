import { HttpStatus } from '@nestjs/common';
import { AppError, NotFoundError } from '../common/errors/app-error';

export class TaskNotFoundError extends NotFoundError {
  constructor(reference: string) {
    super('Task', reference);
  }
}

export class WipLimitExceededError extends AppError {
  constructor(column: { id: string; name: string; wipLimit: number }, taskCount: number) {
    super(
      'WIP_LIMIT_EXCEEDED',
      `Column "${column.name}" is at its WIP limit of ${column.wipLimit} (${taskCount} cards); pass force: true to exceed it`,
      HttpStatus.CONFLICT,
      { columnId: column.id, columnName: column.name, wipLimit: column.wipLimit, taskCount },
    );
  }
}
