import { HttpStatus } from '@nestjs/common';
import { AppError, ErrorCode } from '../../common/errors/app-error';

/** One answer for an unknown integration, a missing and a wrong credential: nothing leaks. */
export class WebhookUnauthorizedError extends AppError {
  constructor() {
    super(
      ErrorCode.UNAUTHENTICATED,
      'Missing or invalid webhook credentials',
      HttpStatus.UNAUTHORIZED,
    );
  }
}

export class WebhookPayloadError extends AppError {
  constructor(message: string, path: string, deliveryId: string | null) {
    super(ErrorCode.BAD_USER_INPUT, message, HttpStatus.BAD_REQUEST, {
      path,
      ...(deliveryId ? { deliveryId } : {}),
    });
  }
}

export class WebhookMediaTypeError extends AppError {
  constructor(contentType: string | undefined) {
    super(
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      `Content-Type must be application/json${contentType ? ` (got ${contentType.slice(0, 100)})` : ''}`,
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    );
  }
}
