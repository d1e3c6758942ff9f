import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { parseRetryAfter } from './backoff';
import type { PrivateTargetPolicy } from '../config/app-config';
import { isPrivateAddress, mayReachPrivate, urlProblem } from './target-guard';
import type { SendResult } from './outbox.types';

export interface OutboundRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Which loopback and private addresses may be reached (none by default). */
  privateTargets: PrivateTargetPolicy;
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The first few kilobytes of the answer, for the delivery log and for small JSON answers. */
  body: string;
}

/** A target the guard refuses: sending again cannot help. */
export class OutboundRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundRefusedError';
  }
}

const MAX_BODY_BYTES = 64 * 1024;

/**
 * Resolves a host name and refuses it when any of its addresses is private, at connection time:
 * the address checked is the address connected to, so DNS rebinding cannot slip past the check.
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((a) => isPrivateAddress(a.address));
      if (refused && !allowPrivate) {
        const reason = new OutboundRefusedError(
          `${hostname} resolves to ${refused.address}, a private address (not allowed by NOTIFY_ALLOW_PRIVATE_TARGETS or NOTIFY_ALLOWED_HOSTS)`,
        );
        return callback(reason, '', 0);
      }
      if (options.all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

/** Why this URL may not be reached at all (scheme, credentials, a private IP literal), or null. */
export function targetProblem(url: string, privateTargets: PrivateTargetPolicy): string | null {
  const problem = urlProblem(url);
  if (problem) return problem;
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && isPrivateAddress(host) && !mayReachPrivate(parsed, privateTargets))
    return `must not point to a private address (${host}) unless NOTIFY_ALLOW_PRIVATE_TARGETS is on or NOTIFY_ALLOWED_HOSTS names it`;
  return null;
}

/**
 * One HTTP request to a URL a team configured: http(s) only, private targets refused (also after
 * DNS), redirects never followed (a 3xx is answered as it is), the answer read up to 64 KB, the
 * whole exchange bounded by `timeoutMs`.
 */
export function outboundRequest(req: OutboundRequest): Promise<OutboundResponse> {
  const problem = targetProblem(req.url, req.privateTargets);
  if (problem) return Promise.reject(new OutboundRefusedError(`${req.url} ${problem}`));
  const url = new URL(req.url);
  const allowPrivate = mayReachPrivate(url, req.privateTargets);
  const signals = [AbortSignal.timeout(req.timeoutMs), ...(req.signal ? [req.signal] : [])];
  const signal = AbortSignal.any(signals);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<OutboundResponse>((resolve, reject) => {
    const request = send(
      url,
      {
        method: req.method,
        headers: {
          'user-agent': 'Loopboard',
          ...(req.body !== undefined
            ? { 'content-length': String(Buffer.byteLength(req.body)) }
            : {}),
          ...req.headers,
        },
        lookup: guardedLookup(allowPrivate),
        signal,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_BODY_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', (error: Error) => {
      if (signal.aborted && !(error instanceof OutboundRefusedError))
        reject(new Error(`no answer within ${req.timeoutMs} ms`));
      else reject(error);
    });
    request.end(req.body);
  });
}

/** An answer's meaning for the outbox: 2xx delivered; 408, 429 and 5xx retried; the rest failed. */
export function httpResult(response: OutboundResponse): SendResult {
  const { status } = response;
  if (status >= 200 && status < 300) return { outcome: 'delivered', statusCode: status };
  const snippet = response.body.trim().slice(0, 200);
  const error = `HTTP ${status}${snippet ? `: ${snippet}` : ''}`;
  if (status === 408 || status === 429 || status >= 500) {
    const header = response.headers['retry-after'];
    const retryAfterMs = parseRetryAfter(typeof header === 'string' ? header : undefined);
    return {
      outcome: 'retry',
      statusCode: status,
      error,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
  if (status >= 300 && status < 400)
    return {
      outcome: 'failed',
      statusCode: status,
      error: `HTTP ${status}: redirects are not followed (to ${String(response.headers.location ?? 'nowhere')})`,
    };
  return { outcome: 'failed', statusCode: status, error };
}

/** Sends and classifies: a refused target fails for good, a network error or timeout is retried. */
export async function sendHttp(req: OutboundRequest): Promise<SendResult> {
  try {
    return httpResult(await outboundRequest(req));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof OutboundRefusedError) return { outcome: 'failed', error: message };
    return { outcome: 'retry', error: message };
  }
}
