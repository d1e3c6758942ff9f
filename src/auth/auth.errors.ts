import { HttpStatus } from '@nestjs/common';
import { AppError, ErrorCode, NotFoundError } from '../common/errors/app-error';

/** One answer for a missing, malformed, unknown, expired or revoked token: nothing leaks. */
export class UnauthenticatedError extends AppError {
  constructor() {
    super(
      ErrorCode.UNAUTHENTICATED,
      'A valid API token is required (Authorization: Bearer lb_…)',
      HttpStatus.UNAUTHORIZED,
    );
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super(ErrorCode.FORBIDDEN, message, HttpStatus.FORBIDDEN);
  }
}

export class ApiTokenNotFoundError extends NotFoundError {
  constructor(reference: string) {
    super('API token', reference);
  }
}

export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    limit: string,
  ) {
    super(
      ErrorCode.TOO_MANY_REQUESTS,
      `Rate limit exceeded (${limit}); retry in ${retryAfterSeconds} s`,
      HttpStatus.TOO_MANY_REQUESTS,
      {
        retryAfterSeconds,
      },
    );
  }
}
