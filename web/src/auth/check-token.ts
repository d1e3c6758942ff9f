/** Asks the service who a token is, before keeping it: a bad one never becomes the session. */
export interface ViewerInfo {
  name: string;
  instanceAdmin: boolean;
}

export type TokenCheck =
  | { ok: true; viewer: ViewerInfo }
  | { ok: false; reason: 'rejected' | 'unavailable'; message: string };

export async function checkToken(token: string): Promise<TokenCheck> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'query SignInViewer { viewer { name instanceAdmin } }' }),
    });
  } catch {
    return { ok: false, reason: 'unavailable', message: 'Loopboard could not be reached.' };
  }
  const body = (await res.json().catch(() => null)) as {
    data?: { viewer?: ViewerInfo } | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  } | null;
  const viewer = body?.data?.viewer;
  if (viewer) return { ok: true, viewer };
  const code = body?.errors?.[0]?.extensions?.code;
  if (res.status === 401 || code === 'UNAUTHENTICATED')
    return {
      ok: false,
      reason: 'rejected',
      message: 'This token was not accepted: it is unknown, revoked or expired.',
    };
  return {
    ok: false,
    reason: 'unavailable',
    message: body?.errors?.[0]?.message ?? `Loopboard answered ${res.status}.`,
  };
}
