import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` into a UTC-midnight Date, or null when it is not a real calendar date. */
export function parseLocalDate(value: string): Date | null {
  const match = DATE.exec(value);
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? date
    : null;
}

export function formatLocalDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function parse(value: unknown): string {
  if (typeof value !== 'string' || parseLocalDate(value) === null) {
    throw new GraphQLError(
      `Date must be a calendar date as YYYY-MM-DD, got ${JSON.stringify(value)}`,
      {
        extensions: { code: 'BAD_USER_INPUT' },
      },
    );
  }
  return value;
}

/** A calendar date without time or zone (`2026-11-30`), as used for sprint start and end. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date without time zone, as YYYY-MM-DD.',
  serialize: (value) => (value instanceof Date ? formatLocalDate(value) : parse(value)),
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('Date must be a string as YYYY-MM-DD', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return parse(ast.value);
  },
});
