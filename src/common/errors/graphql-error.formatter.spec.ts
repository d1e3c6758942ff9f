import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { PassThrough } from 'node:stream';
import { Prisma } from '../../generated/prisma/client';
import { AppLogger, createPino } from '../logging/app-logger';
import { requestContext } from '../logging/request-context';
import { InputError, NotFoundError } from './app-error';
import { formatGraphqlError } from './graphql-error.formatter';

const REQUEST_ID = 'req-42';

function testLogger(): { logger: AppLogger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n'))
      if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  return {
    logger: new AppLogger(createPino({ level: 'info', pretty: false, destination: stream })),
    lines,
  };
}

/**
 * What Apollo hands the formatter for an error thrown in a resolver: the formatted error (with
 * its own code and, in development, a stack trace) and the GraphQLError wrapping the original.
 */
function resolverError(original: unknown, code = 'INTERNAL_SERVER_ERROR') {
  const message = original instanceof Error ? original.message : String(original);
  const error = new GraphQLError(message, {
    path: ['teams'],
    originalError: original instanceof Error ? original : undefined,
  });
  const formatted: GraphQLFormattedError = {
    message,
    locations: [{ line: 1, column: 3 }],
    path: ['teams'],
    extensions: {
      code,
      stacktrace: ['Error: boom', '    at Resolver.teams (teams.resolver.ts:20:11)'],
    },
  };
  return { formatted, error };
}

/** Runs the formatter as inside a request, and lets the log stream flush. */
async function format(formatted: GraphQLFormattedError, error: unknown, logger: AppLogger) {
  const result = requestContext.run({ requestId: REQUEST_ID, actor: 'anonymous' }, () =>
    formatGraphqlError(formatted, error, logger),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return result;
}

describe('formatGraphqlError', () => {
  it('answers an unknown internal error generically and logs it with the request id', async () => {
    const { logger, lines } = testLogger();
    const internal = Object.assign(
      new Error(
        'Invalid `prisma.team.findMany()` invocation: Raw query failed. Code: `42P01`. Message: relation "teams" does not exist: SELECT "id" FROM "teams"',
      ),
      { code: 'P2010' },
    );
    const { formatted, error } = resolverError(internal);

    const result = await format(formatted, error, logger);

    expect(result).toEqual({
      message: 'Internal server error',
      locations: [{ line: 1, column: 3 }],
      path: ['teams'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: REQUEST_ID },
    });
    expect(JSON.stringify(result)).not.toMatch(/SELECT|prisma|P2010|42P01|stacktrace/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'error',
      msg: 'Unhandled error in GraphQL request',
      requestId: REQUEST_ID,
      path: ['teams'],
      err: { message: internal.message, type: 'Error' },
    });
    expect((lines[0]!.err as { stack: string }).stack).toContain('Error: Invalid');
  });

  it('logs a thrown non-Error value too', async () => {
    const { logger, lines } = testLogger();
    const result = await format(
      {
        message: 'Unexpected error value: "oops"',
        path: ['teams'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
      'oops',
      logger,
    );
    expect(result.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: REQUEST_ID });
    expect(lines[0]).toMatchObject({ requestId: REQUEST_ID, err: { message: 'oops' } });
  });

  it('maps a Prisma unique violation (P2002) to CONFLICT without the Prisma message', async () => {
    const { logger, lines } = testLogger();
    const p2002 = new Prisma.PrismaClientKnownRequestError(
      'Unique constraint failed on the fields: (`key`)',
      { code: 'P2002', clientVersion: '7.10.0', meta: { modelName: 'Team', target: ['key'] } },
    );
    const { formatted, error } = resolverError(p2002);

    const result = await format(formatted, error, logger);

    expect(result).toEqual({
      message: 'A record with the same unique value already exists',
      locations: [{ line: 1, column: 3 }],
      path: ['teams'],
      extensions: { code: 'CONFLICT', target: ['key'], requestId: REQUEST_ID },
    });
    expect(lines).toEqual([]);
  });

  it('passes a feature error through with its details', async () => {
    const { logger, lines } = testLogger();
    const input = new InputError([
      { field: 'input.title', message: 'must not be empty' },
      { field: 'input.estimate', message: 'must not be less than 0' },
    ]);
    const { formatted, error } = resolverError(input);

    const result = await format(formatted, error, logger);

    expect(result.message).toBe(
      'Invalid input: input.title: must not be empty; input.estimate: must not be less than 0',
    );
    expect(result.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'input.title', message: 'must not be empty' },
        { field: 'input.estimate', message: 'must not be less than 0' },
      ],
      requestId: REQUEST_ID,
    });
    expect(lines).toEqual([]);
  });

  it('passes NOT_FOUND with the entity', async () => {
    const { logger } = testLogger();
    const { formatted, error } = resolverError(new NotFoundError('Board', 'b-1'));
    const result = await format(formatted, error, logger);
    expect(result.message).toBe('Board b-1 not found');
    expect(result.extensions).toEqual({
      code: 'NOT_FOUND',
      entity: 'Board',
      requestId: REQUEST_ID,
    });
  });

  it('answers a database outage as SERVICE_UNAVAILABLE without the driver message', async () => {
    const { logger, lines } = testLogger();
    const { formatted, error } = resolverError(new Error('connect ECONNREFUSED 10.0.0.7:5432'));
    const result = await format(formatted, error, logger);
    expect(result.message).toBe('The database is unavailable; try again shortly');
    expect(result.extensions).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      retryAfterSeconds: 5,
      requestId: REQUEST_ID,
    });
    expect(lines).toEqual([]);
  });

  it('keeps Apollo’s own codes and messages but drops the stack trace', async () => {
    const { logger } = testLogger();
    const syntax = new GraphQLError('Syntax Error: Expected Name, found <EOF>.');
    const result = await format(
      {
        message: syntax.message,
        locations: [{ line: 1, column: 14 }],
        extensions: { code: 'GRAPHQL_PARSE_FAILED', stacktrace: ['GraphQLError: Syntax Error'] },
      },
      syntax,
      logger,
    );
    expect(result).toEqual({
      message: 'Syntax Error: Expected Name, found <EOF>.',
      locations: [{ line: 1, column: 14 }],
      extensions: { code: 'GRAPHQL_PARSE_FAILED', requestId: REQUEST_ID },
    });
  });

  it('reports a validation failure about a sent value as BAD_USER_INPUT', async () => {
    const { logger } = testLogger();
    const message = 'Expected value of type "Int", found "ten".';
    const result = await format(
      { message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      new GraphQLError(message),
      logger,
    );
    expect(result.extensions).toEqual({ code: 'BAD_USER_INPUT', requestId: REQUEST_ID });
  });

  it('keeps GRAPHQL_VALIDATION_FAILED for a query asking for a field that does not exist', async () => {
    const { logger } = testLogger();
    const message = 'Cannot query field "shoeSize" on type "Team".';
    const result = await format(
      { message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      new GraphQLError(message),
      logger,
    );
    expect(result.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', requestId: REQUEST_ID });
  });

  it('does not trust an Apollo-looking code on an error thrown by a resolver', async () => {
    // A resolver error that happens to carry code BAD_USER_INPUT in its formatted form must still
    // go through classification: its message may hold internals.
    const { logger, lines } = testLogger();
    const { formatted, error } = resolverError(
      new Error('duplicate key value violates unique constraint "teams_key_key"'),
      'BAD_USER_INPUT',
    );
    const result = await format(formatted, error, logger);
    expect(result.message).toBe('Internal server error');
    expect(result.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(lines).toHaveLength(1);
  });
});

describe('variable errors from GraphQL itself', () => {
  const logger = { pino: { error: jest.fn() } } as unknown as AppLogger;

  it('lifts the failing path of a variable into fields', () => {
    const message =
      'Variable "$input" got invalid value "FOO" at "input.type"; Value "FOO" does not exist in "TaskType" enum.';
    const error = new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
    const formatted = formatGraphqlError(
      { message, extensions: { code: 'BAD_USER_INPUT' } },
      error,
      logger,
    );
    expect(formatted.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.type', message: 'Value "FOO" does not exist in "TaskType" enum.' }],
    });
  });

  it('names a top-level variable by its name', () => {
    const message =
      'Variable "$state" got invalid value "DONE"; Value "DONE" does not exist in "SprintState" enum.';
    const error = new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
    const formatted = formatGraphqlError(
      { message, extensions: { code: 'BAD_USER_INPUT' } },
      error,
      logger,
    );
    expect((formatted.extensions?.fields as { field: string }[])[0]?.field).toBe('state');
  });
});
