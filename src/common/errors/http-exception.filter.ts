import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { AppLogger } from '../logging/app-logger';
import { requestContext } from '../logging/request-context';
import { AppError, ErrorCode } from './app-error';
import { classifyError } from './classify-error';

export interface RestErrorBody {
  statusCode: number;
  error: string;
  message: string;
  requestId: string | undefined;
  [detail: string]: unknown;
}

/** REST errors as `{ statusCode, error, message, requestId }`; GraphQL errors pass to Apollo. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: AppLogger) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    const res = host.switchToHttp().getResponse<Response>();
    const known = classifyError(exception);
    const error: AppError =
      known ??
      new AppError(
        ErrorCode.INTERNAL_SERVER_ERROR,
        'Internal server error',
        HttpStatus.INTERNAL_SERVER_ERROR,
      );
    if (!known) {
      this.logger.pino.error(
        { err: exception instanceof Error ? exception : new Error(String(exception)) },
        'Unhandled error in HTTP request',
      );
    }
    if (res.headersSent) return undefined;
    const retryAfter = error.details.retryAfterSeconds;
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    const body: RestErrorBody = {
      statusCode: error.status,
      error: error.code,
      message: error.message,
      requestId: requestContext.requestId(),
      ...error.details,
    };
    // A route may have set its own content type (CSV, SVG) before failing: errors are JSON.
    res.removeHeader('content-disposition');
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.status(error.status).json(body);
    return undefined;
  }
}
