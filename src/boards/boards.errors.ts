import { HttpStatus } from '@nestjs/common';
import { AppError, ConflictError, NotFoundError } from '../common/errors/app-error';

export class BoardNotFoundError extends NotFoundError {
  constructor(reference: string) {
    super('Board', reference);
  }
}

export class ColumnNotFoundError extends NotFoundError {
  constructor(reference: string) {
    super('Column', reference);
  }
}

export class BoardNameTakenError extends ConflictError {
  constructor(name: string) {
    super(`The team already has a board named "${name}"`, { field: 'input.name' });
  }
}

export class ColumnNotEmptyError extends AppError {
  constructor(column: { id: string; name: string }, taskCount: number) {
    super(
      'COLUMN_NOT_EMPTY',
      `Column "${column.name}" holds ${taskCount} card(s); give moveTasksToColumnId to move them first`,
      HttpStatus.CONFLICT,
      { columnId: column.id, taskCount },
    );
  }
}
