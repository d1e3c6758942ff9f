/** Builders for alert integrations and webhook posts, through the public API. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
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
