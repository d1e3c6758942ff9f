import { HttpStatus } from '@nestjs/common';

/** Codes every feature may use. Features add their own codes in `<feature>.errors.ts`. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export interface FieldProblem {
  /** Dotted path of the field as the client sent it, e.g. `input.title` or `alerts[3].labels`. */
  field: string;
  message: string;
}

/**
 * An error the client is meant to see: a stable code, a message written for people, an HTTP
 * status for REST, and details (fields, limits) for programs. Anything else is internal.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = HttpStatus.BAD_REQUEST,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InputError extends AppError {
  constructor(readonly fields: FieldProblem[]) {
    super(
      ErrorCode.BAD_USER_INPUT,
      `Invalid input: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
      HttpStatus.BAD_REQUEST,
      { fields },
    );
  }

  static field(field: string, message: string): InputError {
    return new InputError([{ field, message }]);
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, reference: string) {
    super(ErrorCode.NOT_FOUND, `${entity} ${reference} not found`, HttpStatus.NOT_FOUND, {
      entity,
    });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.CONFLICT, message, HttpStatus.CONFLICT, details);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(
    message = 'The database is unavailable; try again shortly',
    readonly retryAfterSeconds = 5,
  ) {
    super(ErrorCode.SERVICE_UNAVAILABLE, message, HttpStatus.SERVICE_UNAVAILABLE, {
      retryAfterSeconds,
    });
  }
}
