import { InputError } from '../../common/errors/app-error';
import { AlertmanagerAuth } from '../../common/graphql/enums';

/** The `alertmanager` input of an integration: where silences go, and how to authenticate. */
export interface AlertmanagerTargetValues {
  url: string;
  bearerToken?: string | null;
  basicUser?: string | null;
  basicPassword?: string | null;
}

/** The stored form: the base URL and the whole Authorization header value (or null). */
export interface AlertmanagerTarget {
  alertmanagerUrl: string | null;
  alertmanagerAuthorization: string | null;
}

const FIELD = 'input.alertmanager';
// Header values travel as-is: anything that could end the header line or hide in it is refused.
const HEADER_SAFE = /^[\x21-\x7e]+$/;
const PRINTABLE = /^[\x20-\x7e]+$/;

/**
 * Reads the `alertmanager` input: undefined leaves the stored target alone, null removes it.
 * Only ALERTMANAGER integrations have one; the URL must be http(s) without credentials in it;
 * a bearer token or basic auth (user and password together), not both.
 */
export function alertmanagerTarget(
  kind: string,
  input: AlertmanagerTargetValues | null | undefined,
): AlertmanagerTarget | undefined {
  if (input === undefined) return undefined;
  if (input === null) return { alertmanagerUrl: null, alertmanagerAuthorization: null };
  if (kind !== 'ALERTMANAGER')
    throw InputError.field(FIELD, 'only ALERTMANAGER integrations send silences to Alertmanager');
  return {
    alertmanagerUrl: baseUrl(input.url),
    alertmanagerAuthorization: authorization(input),
  };
}

function baseUrl(value: string): string {
  const field = `${FIELD}.url`;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw InputError.field(field, 'must be an absolute http(s) URL, e.g. http://alertmanager:9093');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw InputError.field(field, 'must be an http(s) URL');
  if (url.username || url.password)
    throw InputError.field(field, 'must not carry credentials: use bearerToken or basicUser');
  if (url.search || url.hash) throw InputError.field(field, 'must not have a query or fragment');
  // The base Alertmanager serves /api/v2 under (a --web.route-prefix stays in the path).
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function authorization(input: AlertmanagerTargetValues): string | null {
  const bearer = input.bearerToken ?? null;
  const user = input.basicUser ?? null;
  const password = input.basicPassword ?? null;
  if (bearer !== null && (user !== null || password !== null))
    throw InputError.field(
      `${FIELD}.bearerToken`,
      'cannot be combined with basicUser/basicPassword: choose one kind of authentication',
    );
  if (bearer !== null) {
    if (!HEADER_SAFE.test(bearer))
      throw InputError.field(`${FIELD}.bearerToken`, 'must be printable ASCII without spaces');
    return `Bearer ${bearer}`;
  }
  if (user === null && password === null) return null;
  if (user === null) throw InputError.field(`${FIELD}.basicUser`, 'is needed with basicPassword');
  if (password === null)
    throw InputError.field(`${FIELD}.basicPassword`, 'is needed with basicUser');
  if (!PRINTABLE.test(user) || user.includes(':'))
    throw InputError.field(`${FIELD}.basicUser`, 'must be printable ASCII without a colon');
  if (!PRINTABLE.test(password))
    throw InputError.field(`${FIELD}.basicPassword`, 'must be printable ASCII');
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** The kind of a stored Authorization value, which is all the API ever says about it. */
export function alertmanagerAuthOf(authorization: string | null): AlertmanagerAuth {
  if (authorization === null) return AlertmanagerAuth.NONE;
  return authorization.startsWith('Basic ') ? AlertmanagerAuth.BASIC : AlertmanagerAuth.BEARER;
}
