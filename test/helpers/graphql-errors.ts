/** Reading the errors of a GraphQL answer: its code, or an assertion that it was refused so. */
import type { GraphqlResponse } from './test-app';

export type GqlError = NonNullable<GraphqlResponse['errors']>[number];

/** The only error of a response that must have failed; fails the test when it succeeded. */
export function errorOf(res: GraphqlResponse<unknown>): GqlError {
  if (!res.errors?.length)
    throw new Error(`Expected a GraphQL error, got data: ${JSON.stringify(res.data)}`);
  expect(res.errors).toHaveLength(1);
  return res.errors[0] as GqlError;
}

/** Asserts a BAD_USER_INPUT error naming `field`, answered without a server error. */
export function expectBadInput(res: GraphqlResponse<unknown>, field: string): GqlError {
  const error = errorOf(res);
  expect(error.extensions.code).toBe('BAD_USER_INPUT');
  const fields = (error.extensions.fields as { field: string }[] | undefined) ?? [];
  expect(fields.map((f) => f.field)).toContain(field);
  return error;
}

export function expectCode(res: GraphqlResponse<unknown>, code: string): GqlError {
  const error = errorOf(res);
  expect(error.extensions.code).toBe(code);
  return error;
}

/** The first error's code (or undefined when the call succeeded). */
export const codeOf = (res: GraphqlResponse<unknown>): string | undefined =>
  res.errors?.[0]?.extensions.code;
