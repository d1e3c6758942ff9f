/**
 * Credentials for the security specs: API tokens with team roles issued through the API, the
 * header that carries one, and a request that carries none.
 */
import type { GraphqlResponse, TestApp } from './test-app';

export type Role = 'VIEWER' | 'MEMBER' | 'ADMIN';

let counter = 0;
const next = (): number => ++counter;

export const bearer = (token: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
});

export interface IssuedToken {
  id: string;
  token: string;
}

export const CREATE_TOKEN = `mutation ($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id name prefix instanceAdmin grants { teamId role } createdAt lastUsedAt expiresAt revokedAt } }
}`;

/** A token through the API (as the instance admin unless `as` is another token). */
export async function issueToken(
  t: TestApp,
  input: { teamId?: string; role?: Role; instanceAdmin?: boolean; name?: string },
  as?: string,
): Promise<IssuedToken> {
  const res = await t.gql<{ createApiToken: { token: string; apiToken: { id: string } } }>(
    CREATE_TOKEN,
    { input: { name: input.name ?? `token ${next()}`, ...input } },
    as ? bearer(as) : {},
  );
  if (res.errors?.length || !res.data)
    throw new Error(`createApiToken failed: ${JSON.stringify(res.errors)}`);
  return { id: res.data.createApiToken.apiToken.id, token: res.data.createApiToken.token };
}

/** A GraphQL request without any credentials. */
export async function anonymousGql(
  t: TestApp,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphqlResponse> {
  const res = await t.anon
    .post('/graphql')
    .set('content-type', 'application/json')
    .send({ query, variables });
  const body = res.body as {
    data?: Record<string, unknown> | null;
    errors?: GraphqlResponse['errors'];
  };
  return { status: res.status, data: body.data ?? null, errors: body.errors, headers: res.headers };
}
