import type { IncomingHttpHeaders } from 'node:http';
import type { SilenceMatcher } from './silence-matchers';
import { silenceStateOf, type SilenceState } from './silence-plan';

/** One HTTP call; the sender binds it to the outbox's guarded request (timeout, SSRF checks). */
export interface HttpCall {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export type HttpSend = (call: HttpCall) => Promise<HttpAnswer>;

export interface NewSilence {
  matchers: SilenceMatcher[];
  startsAt: Date;
  endsAt: Date;
  createdBy: string;
  comment: string;
}

/** Alertmanager answered something other than what the call expects; the answer is kept. */
export class AlertmanagerAnswerError extends Error {
  constructor(
    readonly answer: HttpAnswer,
    what: string,
  ) {
    super(`Alertmanager answered ${answer.status} to ${what}: ${answer.body.slice(0, 300)}`);
    this.name = 'AlertmanagerAnswerError';
  }
}

/** Alertmanager's silences API v2, for one Alertmanager. */
export class AlertmanagerClient {
  constructor(
    private readonly send: HttpSend,
    private readonly target: { url: string; authorization: string | null },
  ) {}

  /** Creates a silence and returns its id. */
  async create(silence: NewSilence): Promise<string> {
    const answer = await this.call('POST', '/api/v2/silences', {
      matchers: silence.matchers,
      startsAt: silence.startsAt.toISOString(),
      endsAt: silence.endsAt.toISOString(),
      createdBy: silence.createdBy,
      comment: silence.comment,
    });
    if (answer.status < 200 || answer.status >= 300)
      throw new AlertmanagerAnswerError(answer, 'creating a silence');
    const id = (parseJson(answer.body) as { silenceID?: unknown } | null)?.silenceID;
    if (typeof id !== 'string' || id === '')
      throw new AlertmanagerAnswerError(answer, 'creating a silence (no silenceID)');
    return id;
  }

  /** What Alertmanager says of a silence now; one it does not know is 'missing'. */
  async state(id: string): Promise<SilenceState> {
    const answer = await this.call('GET', `/api/v2/silence/${encodeURIComponent(id)}`);
    if (answer.status === 404) return 'missing';
    if (answer.status < 200 || answer.status >= 300)
      throw new AlertmanagerAnswerError(answer, 'reading a silence');
    return silenceStateOf(parseJson(answer.body));
  }

  /** Expires a silence; one Alertmanager no longer knows counts as expired. */
  async expire(id: string): Promise<void> {
    const answer = await this.call('DELETE', `/api/v2/silence/${encodeURIComponent(id)}`);
    if (answer.status === 404) return;
    if (answer.status < 200 || answer.status >= 300)
      throw new AlertmanagerAnswerError(answer, 'expiring a silence');
  }

  private call(method: HttpCall['method'], path: string, body?: unknown): Promise<HttpAnswer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.target.authorization) headers.authorization = this.target.authorization;
    return this.send({
      method,
      url: `${this.target.url}${path}`,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
