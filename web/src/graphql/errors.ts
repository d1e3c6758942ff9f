import type { CombinedError } from 'urql';

export interface ApiError {
  /** The API's error code (extensions.code), e.g. WIP_LIMIT_EXCEEDED. */
  code: string | undefined;
  message: string;
  /** The error's details (the codes' own figures: columnName, wipLimit, planned, …). */
  details: Record<string, unknown>;
}

/** The first error of an operation's answer, as the page shows and decides on it. */
export function apiError(error: CombinedError | undefined, fallback: string): ApiError {
  const first = error?.graphQLErrors[0];
  return {
    code: first?.extensions['code'] as string | undefined,
    message: first?.message ?? error?.message ?? fallback,
    details: first?.extensions ?? {},
  };
}
