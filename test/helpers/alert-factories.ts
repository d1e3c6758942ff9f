/**
 * Alert integrations and webhook posts through the public API: a team ready to receive alerts,
 * an integration, and posting like a source does (signed, unauthenticated, retried on 503).
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import {
  addMember,
  createBoard,
  createSprint,
  createTeam,
  startSprint,
  type BoardRef,
  type TeamRef,
} from './factories';
import type { TestApp } from './test-app';

export const FIXTURES_DIR = join(__dirname, '..', 'fixtures', 'alerts');

export function fixture(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, name), 'utf8')) as Record<string, any>;
}

export interface IntegrationRef {
  id: string;
  token: string;
  webhookUrl: string;
}

export async function createIntegration(
  t: TestApp,
  teamId: string,
  input: Record<string, unknown> = {},
): Promise<IntegrationRef> {
  const data = await t.ok<{
    createAlertIntegration: { integration: { id: string }; token: string; webhookUrl: string };
  }>(
    `mutation ($input: CreateAlertIntegrationInput!) {
      createAlertIntegration(input: $input) { integration { id } token webhookUrl }
    }`,
    { input: { teamId, kind: 'ALERTMANAGER', name: 'Prometheus', ...input } },
  );
  const payload = data.createAlertIntegration;
  return { id: payload.integration.id, token: payload.token, webhookUrl: payload.webhookUrl };
}

export function postWebhook(
  t: TestApp,
  integration: IntegrationRef,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return t.http
    .post(`/webhooks/${integration.id}`)
    .set('content-type', 'application/json')
    .set('authorization', `Bearer ${integration.token}`)
    .set(headers)
    .send(typeof body === 'string' ? body : JSON.stringify(body));
}

export interface AlertTeam {
  team: TeamRef;
  board: BoardRef;
  sprintId: string | null;
}

/** A team with a default board (Triage, To Do, In Progress, Review, Done) and, unless told not to, an ACTIVE sprint. */
export async function alertTeam(
  t: TestApp,
  options: { sprint?: boolean; columns?: Record<string, unknown>[] } = {},
): Promise<AlertTeam> {
  const team = await createTeam(t);
  const board = await createBoard(t, team.id, options.columns ? { columns: options.columns } : {});
  let sprintId: string | null = null;
  if (options.sprint ?? true) {
    await addMember(t, team.id, { capacityPerDay: 2 });
    sprintId = (await createSprint(t, team.id, { startDate: '2030-01-07', endDate: '2030-01-18' }))
      .id;
    await startSprint(t, sprintId);
  }
  return { team, board, sprintId };
}

export function hmacHex(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** Posts a body with no Authorization header at all (for signed deliveries). */
export function postUnauthenticated(
  t: TestApp,
  integrationId: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return t.anon
    .post(`/webhooks/${integrationId}`)
    .set('content-type', 'application/json')
    .set(headers)
    .send(body);
}

/** Posts and fails the test unless the answer is 200; returns the answer body. */
export async function deliver(
  t: TestApp,
  integration: IntegrationRef,
  body: unknown,
): Promise<DeliveryAnswer> {
  const res = await postWebhook(t, integration, body);
  if (res.status !== 200)
    throw new Error(`Expected 200, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as DeliveryAnswer;
}

export interface DeliveryAnswer {
  deliveryId: string;
  received: number;
  created: number;
  updated: number;
  resolved: number;
  reopened: number;
  ignored: number;
}

export function counts(
  partial: Partial<Omit<DeliveryAnswer, 'deliveryId'>>,
): Omit<DeliveryAnswer, 'deliveryId'> {
  return { received: 0, created: 0, updated: 0, resolved: 0, reopened: 0, ignored: 0, ...partial };
}

/** Fails with every non-200 answer shown. */
export function expectAll200(responses: Response[]): void {
  const statuses = responses.map((r) =>
    r.status === 200 ? 200 : `${r.status} ${JSON.stringify(r.body)}`,
  );
  expect(statuses).toEqual(responses.map(() => 200));
}

/**
 * Posts like Alertmanager: a 503 (database busy or away, nothing stored) must carry Retry-After
 * and is retried, after a short pause here; anything else is final. Returns the final answer and
 * how many 503s it took.
 */
export async function postUntilAccepted(
  t: TestApp,
  integration: IntegrationRef,
  body: unknown,
  maxAttempts = 20,
): Promise<{ res: Response; retries: number }> {
  for (let attempt = 1; ; attempt++) {
    const res = await postWebhook(t, integration, body);
    if (res.status !== 503 || attempt >= maxAttempts) return { res, retries: attempt - 1 };
    expect(res.headers['retry-after']).toBe('5');
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400));
  }
}
