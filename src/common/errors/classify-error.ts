import { HttpException, HttpStatus } from '@nestjs/common';
import {
  AppError,
  ConflictError,
  ErrorCode,
  NotFoundError,
  ServiceUnavailableError,
} from './app-error';

/**
 * Prisma error codes meaning "try again": the database could not be reached, the pool was
 * exhausted, an interactive transaction ran out of time (P2028), or the database broke a
 * deadlock or a write conflict (P2034). Nothing of the attempt was kept, so a retry is safe.
 */
const UNAVAILABLE_PRISMA_CODES = new Set([
  'P1001',
  'P1002',
  'P1008',
  'P1017',
  'P2024',
  'P2028',
  'P2034',
]);
const UNAVAILABLE_MESSAGE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|timeout exceeded when trying to connect|Connection terminated|connection (?:is )?closed|Client has encountered a connection error|the database system is (?:starting up|shutting down|in recovery mode)|terminating connection due to administrator command|PGlite is closed|DatabaseNotReachable|TooManyConnections|too many clients|deadlock detected|could not serialize access|Transaction already closed|expired transaction/i;

interface PrismaLikeError {
  code?: unknown;
  meta?: {
    target?: unknown;
    modelName?: unknown;
    driverAdapterError?: { cause?: { kind?: string } };
  };
  message?: unknown;
}

const HTTP_CODES: Record<number, string> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.BAD_USER_INPUT,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.CONFLICT]: ErrorCode.CONFLICT,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PAYLOAD_TOO_LARGE,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.TOO_MANY_REQUESTS,
  [HttpStatus.SERVICE_UNAVAILABLE]: ErrorCode.SERVICE_UNAVAILABLE,
};

/** True when the error means "the database is not reachable right now" (worth a retry). */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as PrismaLikeError & { cause?: unknown; kind?: unknown };
    if (typeof e.code === 'string' && UNAVAILABLE_PRISMA_CODES.has(e.code)) return true;
    const kind = e.meta?.driverAdapterError?.cause?.kind ?? e.kind;
    if (
      kind === 'DatabaseNotReachable' ||
      kind === 'SocketTimeout' ||
      kind === 'TooManyConnections'
    )
      return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    current = e.cause;
  }
  return false;
}

/**
 * Maps any thrown value to an AppError the client may see, or null when it is an internal
 * error that must be logged and answered generically. The one place that knows Prisma's codes.
 */
export function classifyError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  // Nest wraps body-parser's errors in an HttpException; the original says what went wrong.
  const cause =
    error instanceof HttpException ? (error.cause as { type?: unknown } | undefined) : undefined;
  if (cause && typeof cause.type === 'string') return classifyError(cause);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = HTTP_CODES[status];
    if (!code)
      return status >= 500 ? null : new AppError(ErrorCode.BAD_USER_INPUT, error.message, status);
    const response = error.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? [response.message].flat().join('; ')
        : error.message;
    return new AppError(code, message, status);
  }
  const bodyParser = error as { type?: unknown; status?: unknown; limit?: unknown };
  if (bodyParser && typeof bodyParser.type === 'string') {
    if (bodyParser.type === 'entity.too.large') {
      return new AppError(
        ErrorCode.PAYLOAD_TOO_LARGE,
        `Request body is larger than the limit of ${String(bodyParser.limit)} bytes`,
        HttpStatus.PAYLOAD_TOO_LARGE,
        { limitBytes: bodyParser.limit },
      );
    }
    if (bodyParser.type === 'entity.parse.failed') {
      return new AppError(
        ErrorCode.BAD_USER_INPUT,
        'Request body is not valid JSON',
        HttpStatus.BAD_REQUEST,
      );
    }
    if (bodyParser.type === 'encoding.unsupported' || bodyParser.type === 'charset.unsupported') {
      return new AppError(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        'Request body encoding or charset is not supported',
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      );
    }
  }
  if (isDatabaseUnavailable(error)) return new ServiceUnavailableError();
  const prisma = error as PrismaLikeError;
  if (prisma && prisma.code === 'P2002') {
    return new ConflictError('A record with the same unique value already exists', {
      target: prisma.meta?.target,
    });
  }
  if (prisma && prisma.code === 'P2025') {
    const model = typeof prisma.meta?.modelName === 'string' ? prisma.meta.modelName : 'Record';
    return new NotFoundError(model, '(referenced)');
  }
  return null;
}
