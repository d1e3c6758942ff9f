import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import type { AppLogger } from '../logging/app-logger';
import { requestContext } from '../logging/request-context';
import { ErrorCode } from './app-error';
import { classifyError } from './classify-error';

/** Codes Apollo gives errors of its own phases (parsing, validation, variables); messages are safe. */
const APOLLO_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  // Query limits (common/graphql/limits): each rejection names its limit.
  'DEPTH_LIMIT_EXCEEDED',
  'ALIAS_LIMIT_EXCEEDED',
  'COST_LIMIT_EXCEEDED',
  'PAGE_SIZE_LIMIT_EXCEEDED',
  'OPERATION_LIMIT_EXCEEDED',
]);

/** Validation failures that are about a value the client sent, not about the query's shape. */
const BAD_VALUE =
  /^(Expected value of type|Value ".*" does not exist in|.* cannot represent|Enum ".*" cannot represent|Field ".*" of required type ".*" was not provided|Field ".*" is not defined by type|Argument ".*" of (?:non-null )?type ".*" is required)/;

/**
 * GraphQL's own variable errors name the path only in their message
 * (`Variable "$input" got invalid value "X" at "input.type"; …`): lift it into `fields`, as every
 * other input error has them.
 */
function variableFields(message: string): { field: string; message: string }[] | null {
  const match = /^Variable "\$(\w+)" got invalid value .*?(?: at "([^"]+)")?; (.*)$/s.exec(message);
  if (!match) return null;
  return [{ field: match[2] ?? (match[1] as string), message: (match[3] as string).trim() }];
}

/**
 * The one place GraphQL errors are shaped for clients: every error has `extensions.code` and
 * `extensions.requestId`; feature errors carry their details; anything unexpected is logged with
 * the request id and answered as INTERNAL_SERVER_ERROR without internals.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logger: AppLogger,
): GraphQLFormattedError {
  const requestId = requestContext.requestId();
  const original = unwrapResolverError(error);
  const apolloCode = formatted.extensions?.code;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  const fromApollo =
    typeof apolloCode === 'string' &&
    APOLLO_CODES.has(apolloCode) &&
    (original === error || !(original instanceof Error) || original instanceof GraphQLError);
  if (fromApollo) {
    // Our own validation rules (query limits) carry their own code under Apollo's wrapper.
    const inner = error instanceof GraphQLError ? error.originalError : undefined;
    const innerCode = inner instanceof GraphQLError ? inner.extensions.code : undefined;
    const code =
      typeof innerCode === 'string'
        ? innerCode
        : apolloCode === 'BAD_REQUEST' && /batching disabled/i.test(formatted.message)
          ? 'BATCHING_NOT_ALLOWED'
          : apolloCode === 'GRAPHQL_VALIDATION_FAILED' && BAD_VALUE.test(formatted.message)
            ? ErrorCode.BAD_USER_INPUT
            : apolloCode;
    const message =
      code === 'BATCHING_NOT_ALLOWED'
        ? 'Batched requests are not accepted: send one operation per request (the limit is 1)'
        : formatted.message;
    const extra = { ...(formatted.extensions ?? {}) };
    delete extra.stacktrace;
    delete extra.exception;
    const fields =
      code === ErrorCode.BAD_USER_INPUT && !extra.fields ? variableFields(formatted.message) : null;
    return {
      ...base,
      message,
      extensions: { ...extra, code, ...(fields ? { fields } : {}), requestId },
    };
  }

  const known = classifyError(original);
  if (known) {
    return {
      ...base,
      message: known.message,
      extensions: { code: known.code, ...known.details, requestId },
    };
  }

  logger.pino.error(
    {
      err: original instanceof Error ? original : new Error(String(original)),
      path: formatted.path,
      requestId,
    },
    'Unhandled error in GraphQL request',
  );
  return {
    ...base,
    message: 'Internal server error',
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
  };
}
