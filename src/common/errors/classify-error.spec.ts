import {
  BadRequestException,
  HttpException,
  HttpStatus,
  InternalServerErrorException,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import { AppError, ErrorCode, InputError, ServiceUnavailableError } from './app-error';
import { classifyError, isDatabaseUnavailable } from './classify-error';

const clientVersion = '7.10.0';

function prismaError(code: string, message: string, meta?: Record<string, unknown>): Error {
  return new Prisma.PrismaClientKnownRequestError(message, { code, clientVersion, meta });
}

/** The shape body-parser gives its errors (http-errors with a `type`). */
function bodyParserError(type: string, status: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`body-parser: ${type}`), {
    type,
    status,
    statusCode: status,
    expose: true,
    ...extra,
  });
}

/** As @prisma/adapter-pg reports a server it cannot reach (captured from a real failure). */
const unreachable = prismaError(
  'P2010',
  "\nInvalid `prisma.$queryRaw()` invocation:\n\n\nRaw query failed. Code: `N/A`. Message: `Can't reach database server at 127.0.0.1:5999`",
  {
    driverAdapterError: {
      name: 'DriverAdapterError',
      cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5999 },
    },
  },
);

describe('classifyError', () => {
  it('returns an AppError unchanged', () => {
    const error = InputError.field('input.title', 'must not be empty');
    expect(classifyError(error)).toBe(error);
  });

  describe('Prisma errors', () => {
    it('maps P2002 to CONFLICT with the unique target, not the Prisma message', () => {
      const error = prismaError('P2002', 'Unique constraint failed on the fields: (`key`)', {
        modelName: 'Team',
        target: ['key'],
      });
      const known = classifyError(error);
      expect(known).toBeInstanceOf(AppError);
      expect(known).toMatchObject({
        code: ErrorCode.CONFLICT,
        status: HttpStatus.CONFLICT,
        message: 'A record with the same unique value already exists',
        details: { target: ['key'] },
      });
    });

    it('maps P2025 to NOT_FOUND naming the model', () => {
      const error = prismaError(
        'P2025',
        'An operation failed because it depends on one or more records that were required but not found.',
        { modelName: 'Task', cause: 'No record was found for an update.' },
      );
      expect(classifyError(error)).toMatchObject({
        code: ErrorCode.NOT_FOUND,
        status: HttpStatus.NOT_FOUND,
        message: 'Task (referenced) not found',
        details: { entity: 'Task' },
      });
    });

    it('maps P2025 without a model name to a generic record', () => {
      expect(classifyError(prismaError('P2025', 'Record to delete does not exist.'))?.message).toBe(
        'Record (referenced) not found',
      );
    });

    it('leaves other query errors internal', () => {
      expect(classifyError(prismaError('P2010', 'Raw query failed. Code: `42P01`'))).toBeNull();
      expect(classifyError(prismaError('P2003', 'Foreign key constraint violated'))).toBeNull();
    });
  });

  describe('database unavailable', () => {
    it.each<[string, unknown]>([
      ['an unreachable server reported by the driver adapter', unreachable],
      [
        'Prisma P1001 (cannot reach the server)',
        prismaError('P1001', "Can't reach database server"),
      ],
      ['Prisma P2024 (timed out fetching a connection)', prismaError('P2024', 'Timed out')],
      [
        'the pg pool waiting longer than its acquire timeout',
        new Error('timeout exceeded when trying to connect'),
      ],
      ['a refused connection', new Error('connect ECONNREFUSED 127.0.0.1:5432')],
      ['a connection dropped mid-query', new Error('Connection terminated unexpectedly')],
      ['a server shutting down', new Error('the database system is shutting down')],
      ['a closed embedded database', new Error('PGlite is closed')],
      [
        'a network error nested as a cause',
        new Error('query failed', { cause: new Error('read ECONNRESET') }),
      ],
      [
        'a driver adapter error kind on the error itself',
        Object.assign(new Error('DriverAdapterError'), { kind: 'TooManyConnections' }),
      ],
    ])('maps %s to SERVICE_UNAVAILABLE', (_name, error) => {
      expect(isDatabaseUnavailable(error)).toBe(true);
      const known = classifyError(error);
      expect(known).toBeInstanceOf(ServiceUnavailableError);
      expect(known).toMatchObject({
        code: ErrorCode.SERVICE_UNAVAILABLE,
        status: HttpStatus.SERVICE_UNAVAILABLE,
        message: 'The database is unavailable; try again shortly',
        details: { retryAfterSeconds: 5 },
      });
    });

    it('does not take an ordinary failure for an outage', () => {
      expect(isDatabaseUnavailable(new Error('relation "teams" does not exist'))).toBe(false);
      expect(isDatabaseUnavailable(prismaError('P2002', 'Unique constraint failed'))).toBe(false);
      expect(isDatabaseUnavailable(undefined)).toBe(false);
    });
  });

  describe('body-parser errors', () => {
    it('maps a body over the limit to PAYLOAD_TOO_LARGE with the limit', () => {
      expect(
        classifyError(bodyParserError('entity.too.large', 413, { limit: 1024, length: 5000 })),
      ).toMatchObject({
        code: ErrorCode.PAYLOAD_TOO_LARGE,
        status: 413,
        message: 'Request body is larger than the limit of 1024 bytes',
        details: { limitBytes: 1024 },
      });
    });

    it('maps malformed JSON to BAD_USER_INPUT without the parser message', () => {
      const known = classifyError(
        bodyParserError('entity.parse.failed', 400, { body: '{"query": ' }),
      );
      expect(known).toMatchObject({
        code: ErrorCode.BAD_USER_INPUT,
        status: 400,
        message: 'Request body is not valid JSON',
      });
    });

    it('maps an unsupported charset or encoding to UNSUPPORTED_MEDIA_TYPE', () => {
      for (const type of ['charset.unsupported', 'encoding.unsupported']) {
        expect(classifyError(bodyParserError(type, 415))).toMatchObject({
          code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          status: 415,
        });
      }
    });

    it('looks through the HttpException Nest wraps a body-parser error in', () => {
      const wrapped = new PayloadTooLargeException('Payload Too Large', {
        cause: bodyParserError('entity.too.large', 413, { limit: 2048 }),
      });
      expect(classifyError(wrapped)).toMatchObject({
        code: ErrorCode.PAYLOAD_TOO_LARGE,
        details: { limitBytes: 2048 },
      });
    });
  });

  describe('HttpExceptions', () => {
    it('maps statuses to codes and keeps the message', () => {
      expect(classifyError(new NotFoundException('Cannot GET /nope'))).toMatchObject({
        code: ErrorCode.NOT_FOUND,
        status: 404,
        message: 'Cannot GET /nope',
      });
    });

    it('joins a list of validation messages', () => {
      const error = new BadRequestException({ message: ['a is wrong', 'b is wrong'] });
      expect(classifyError(error)).toMatchObject({
        code: ErrorCode.BAD_USER_INPUT,
        message: 'a is wrong; b is wrong',
      });
    });

    it('maps an unlisted 4xx to BAD_USER_INPUT with its status', () => {
      expect(classifyError(new HttpException('I am a teapot', 418))).toMatchObject({
        code: ErrorCode.BAD_USER_INPUT,
        status: 418,
      });
    });

    it('treats a 5xx other than 503 as internal', () => {
      expect(classifyError(new InternalServerErrorException('db password is hunter2'))).toBeNull();
    });
  });

  it('treats an unknown error as internal', () => {
    expect(
      classifyError(new TypeError("Cannot read properties of undefined (reading 'id')")),
    ).toBeNull();
    expect(classifyError('a string')).toBeNull();
  });
});
