import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PrismaService } from '../../common/database/prisma.service';
import { classifyError } from '../../common/errors/classify-error';
import { isUuid } from '../../common/graphql/id.pipe';
import { AppLogger } from '../../common/logging/app-logger';
import { requestContext } from '../../common/logging/request-context';
import { MetricsService } from '../../metrics/metrics.service';
import { RateLimitedError } from '../../auth/auth.errors';
import { RateLimiter } from '../../auth/rate-limiter';
import { AppConfig } from '../../config/app-config';
import type { AlertIntegration, WebhookDelivery } from '../../generated/prisma/client';
import { DeliveryNotFoundError, DeliveryQueueFullError } from '../alerts.errors';
import { AlertIntegrationsRepository } from '../integrations/alert-integrations.repository';
import { AlertIntegrationsService } from '../integrations/alert-integrations.service';
import {
  isDeploymentKind,
  parseDeploymentPayload,
  serviceOf,
  type DeploymentEvent,
  type DeploymentKind,
} from '../../deployments/parsers';
import { parseAlertPayload, PayloadError } from '../parsers';
import type { DeliverySummary, IncomingDelivery } from '../processing/delivery.types';
import { DeliveryBatcher } from '../processing/delivery-batcher';
import { DeliveriesRepository } from './deliveries.repository';
import { credentialsValid, NO_TOKEN_HASH, StoredCredentials } from './webhook-auth';
import {
  WebhookMediaTypeError,
  WebhookPayloadError,
  WebhookUnauthorizedError,
} from './webhook.errors';

/** Headers worth keeping with a delivery for inspection; credentials are never stored. */
const KEPT_HEADERS =
  /^(content-type|content-length|user-agent|x-request-id|x-grafana-[a-z-]+|x-pagerduty-[a-z-]+|x-webhook-[a-z-]+|x-github-(event|delivery|hook-id)|x-gitlab-(event|event-uuid|webhook-uuid|instance))$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface WebhookRequest {
  integrationId: string;
  headers: Record<string, string | string[] | undefined>;
  contentType: string | undefined;
  isJson: boolean;
  rawBody: Buffer | undefined;
  body: unknown;
  requestId: string | null;
  clientAddress: string;
}

export interface WebhookAnswer extends DeliverySummary {
  deliveryId: string;
  /** Deployment integrations: the deployment the delivery created or updated. */
  deploymentId?: string;
  /** GitHub and GitLab integrations: the push the delivery stored (or had stored already). */
  pushId?: string;
  /** An event recorded but not processed (answered 202): not about a deployment. */
  ignoredEvent?: string;
}

/**
 * The webhook pipeline: authenticate, check the media type and encoding, parse the source's
 * shape, then hand the delivery to the batcher and processor, which store it with everything it
 * causes.
 */
@Injectable()
export class WebhookIngestService {
  private readonly authFailures: RateLimiter;
  private readonly lookups = new Map<string, Promise<AlertIntegration | null>>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly integrations: AlertIntegrationsRepository,
    private readonly integrationsService: AlertIntegrationsService,
    private readonly deliveries: DeliveriesRepository,
    private readonly batcher: DeliveryBatcher,
    private readonly logger: AppLogger,
    private readonly metrics: MetricsService,
    config: AppConfig,
  ) {
    this.authFailures = new RateLimiter(config.limits.webhookAuthFailuresPerMinute, 60_000);
  }

  async receive(request: WebhookRequest): Promise<WebhookAnswer> {
    const now = new Date();
    const integration = isUuid(request.integrationId)
      ? await this.integrationOf(request.integrationId.toLowerCase())
      : null;
    const stored: StoredCredentials = integration ?? {
      kind: 'UNKNOWN',
      tokenHash: NO_TOKEN_HASH,
      previousTokenHash: null,
      previousTokenExpiresAt: null,
      hmacSecret: null,
      hmacTimestampHeader: null,
    };
    const authorization =
      typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined;
    const valid = credentialsValid(stored, {
      authorization,
      headers: request.headers,
      rawBody: request.rawBody ?? Buffer.alloc(0),
      now,
    });
    if (!integration || !valid) {
      // Credential guessing is slowed per client address. Credentials are checked first, so a
      // valid sender behind the same address (a proxy, a NAT) is never refused because of it.
      const wait = this.authFailures.hit(request.clientAddress);
      if (wait > 0) {
        throw new RateLimitedError(
          wait,
          `${this.authFailures.limit} failed webhook authentications per minute per address`,
        );
      }
      throw new WebhookUnauthorizedError();
    }
    const context = requestContext.current();
    if (context) context.webhookKind = integration.kind;
    if (!request.isJson) throw new WebhookMediaTypeError(request.contentType);
    const raw = request.rawBody ?? Buffer.alloc(0);
    let text: string;
    try {
      text = utf8.decode(raw);
    } catch {
      throw new WebhookPayloadError('Request body is not valid UTF-8', '', null);
    }
    if (text.trim() === '')
      throw new WebhookPayloadError('Request body is empty; expected a JSON object', '', null);
    const delivery: IncomingDelivery = {
      id: randomUUID(),
      receivedAt: now,
      requestId: request.requestId,
      contentType: request.contentType ?? null,
      headers: keptHeaders(request.headers),
      body: text,
      replayOfId: null,
    };
    return this.handle(integration, request.body, delivery);
  }

  /**
   * The integration a delivery is addressed to. Deliveries to one integration that arrive while
   * its row is being read share that read (single flight): under a burst, one query serves
   * several posts instead of one each. Nothing is kept once the read completes, so a rotated
   * token or a deleted integration is seen by every delivery that arrives after the change
   * is committed and the read in flight at that moment has finished.
   */
  private integrationOf(id: string): Promise<AlertIntegration | null> {
    let pending = this.lookups.get(id);
    if (!pending) {
      pending = this.integrations.findById(id).finally(() => this.lookups.delete(id));
      this.lookups.set(id, pending);
    }
    return pending;
  }

  /** Processes a stored delivery again, as a new delivery that points to the original. */
  async replay(deliveryId: string): Promise<WebhookDelivery> {
    const original = await this.deliveries.findById(deliveryId);
    if (!original) throw new DeliveryNotFoundError(deliveryId);
    const integration = await this.integrationsService.get(original.integrationId);
    let body: unknown;
    try {
      body = JSON.parse(original.body);
    } catch {
      body = undefined;
    }
    const delivery: IncomingDelivery = {
      id: randomUUID(),
      receivedAt: new Date(),
      requestId: null,
      contentType: original.contentType,
      headers: (original.headers ?? {}) as Record<string, string>,
      body: original.body,
      replayOfId: original.id,
    };
    try {
      await this.handle(integration, body, delivery);
    } catch (error) {
      // A replay that is rejected again is still recorded; the caller reads its outcome.
      if (!(error instanceof WebhookPayloadError)) throw error;
    }
    return (await this.deliveries.findById(delivery.id)) as WebhookDelivery;
  }

  private async handle(
    integration: AlertIntegration,
    body: unknown,
    delivery: IncomingDelivery,
  ): Promise<WebhookAnswer> {
    const kind = integration.kind;
    if (isDeploymentKind(kind)) return this.handleDeployment(integration, kind, body, delivery);
    let parsed;
    try {
      parsed = parseAlertPayload(kind, body, {
        dedupBy: integration.dedupBy,
        now: delivery.receivedAt,
      });
    } catch (error) {
      if (!(error instanceof PayloadError)) throw error;
      return this.reject(integration, delivery, error);
    }
    try {
      const { summary, items, overfullColumns } = await this.batcher.submit(integration, {
        alerts: parsed.alerts,
        // Counted in the stored summary too, not only in the answer.
        ignoredEvents: kind === 'PAGERDUTY' && parsed.alerts.length === 0 ? 1 : 0,
        delivery,
      });
      this.count(kind, parsed.alerts, summary);
      this.logger.pino.info(
        {
          deliveryId: delivery.id,
          integrationId: integration.id,
          kind,
          ...summary,
          // Delivery → alert → card, by ids (the first 50; the delivery's summary keeps more).
          alerts: items.slice(0, 50).map((i) => `${i.alertId}→${i.taskId ?? '-'}:${i.outcome}`),
          ...(delivery.replayOfId ? { replayOf: delivery.replayOfId } : {}),
        },
        'webhook delivery processed',
      );
      for (const column of overfullColumns) {
        this.logger.pino.warn(
          { deliveryId: delivery.id, ...column },
          `column "${column.name}" is over its WIP limit after alert cards`,
        );
      }
      return { deliveryId: delivery.id, ...summary };
    } catch (error) {
      await this.recordFailure(integration, delivery, error);
      throw error;
    }
  }

  /** A deployment integration's delivery: parsed here, processed by the batcher like alerts. */
  private async handleDeployment(
    integration: AlertIntegration,
    kind: DeploymentKind,
    body: unknown,
    delivery: IncomingDelivery,
  ): Promise<WebhookAnswer> {
    let event: DeploymentEvent;
    let service: string | null = null;
    try {
      event = parseDeploymentPayload(kind, {
        body,
        headers: delivery.headers,
        now: delivery.receivedAt,
      });
      if (event.type === 'deployment') service = serviceOf(event.deployment, integration.service);
    } catch (error) {
      if (!(error instanceof PayloadError)) throw error;
      return this.reject(integration, delivery, error);
    }
    try {
      const result = await this.batcher.submit(integration, {
        alerts: [],
        deployment: { event, service },
        delivery,
      });
      if (event.type === 'deployment') {
        const outcome = result.summary.created
          ? 'created'
          : result.summary.updated
            ? 'updated'
            : 'stale';
        this.metrics.deploymentEvents.inc({ kind: integration.kind, outcome });
      }
      this.logger.pino.info(
        {
          deliveryId: delivery.id,
          integrationId: integration.id,
          kind: integration.kind,
          event: event.type === 'ignored' ? event.event : event.type,
          ...result.summary,
          ...(result.deploymentId ? { deploymentId: result.deploymentId } : {}),
          ...(result.pushId ? { pushId: result.pushId } : {}),
          ...(delivery.replayOfId ? { replayOf: delivery.replayOfId } : {}),
        },
        'webhook delivery processed',
      );
      return {
        deliveryId: delivery.id,
        ...result.summary,
        ...(result.deploymentId ? { deploymentId: result.deploymentId } : {}),
        ...(result.pushId ? { pushId: result.pushId } : {}),
        ...(event.type === 'ignored' ? { ignoredEvent: event.event } : {}),
      };
    } catch (error) {
      await this.recordFailure(integration, delivery, error);
      throw error;
    }
  }

  /** A payload not of the kind's shape: kept (so a misconfigured sender can be diagnosed), then 400. */
  private async reject(
    integration: AlertIntegration,
    delivery: IncomingDelivery,
    error: PayloadError,
  ): Promise<never> {
    await this.record(integration, delivery, 'REJECTED', error.message);
    this.logger.pino.warn(
      {
        deliveryId: delivery.id,
        integrationId: integration.id,
        kind: integration.kind,
        path: error.path,
      },
      `webhook payload rejected: ${error.message}`,
    );
    throw new WebhookPayloadError(error.message, error.path, delivery.id);
  }

  private async recordFailure(
    integration: AlertIntegration,
    delivery: IncomingDelivery,
    error: unknown,
  ): Promise<void> {
    const known = classifyError(error);
    // A delivery refused because too many are waiting is not kept: storing it would add load
    // where there is too much already, and its sender retries.
    if ((!known || known.status >= 500) && !(error instanceof DeliveryQueueFullError)) {
      // Keep the payload for a replay once the cause is fixed, when the database still answers.
      await this.record(
        integration,
        delivery,
        'FAILED',
        known ? known.message : 'processing failed',
      ).catch(() => undefined);
    }
  }

  private count(
    kind: string,
    alerts: { status: string }[],
    summary: { created: number; updated: number },
  ): void {
    const firing = alerts.filter((a) => a.status === 'FIRING').length;
    if (firing) this.metrics.alertsReceived.inc({ kind, status: 'firing' }, firing);
    if (alerts.length - firing)
      this.metrics.alertsReceived.inc({ kind, status: 'resolved' }, alerts.length - firing);
    if (summary.created) this.metrics.alertCardsCreated.inc({ kind }, summary.created);
    if (summary.updated) this.metrics.alertsDeduplicated.inc({ kind }, summary.updated);
  }

  private async record(
    integration: AlertIntegration,
    delivery: IncomingDelivery,
    outcome: 'REJECTED' | 'FAILED',
    error: string,
  ): Promise<void> {
    await this.prisma.$transaction((tx) =>
      this.deliveries.insert(tx, {
        ...delivery,
        integrationId: integration.id,
        outcome,
        summary: null,
        error: error.slice(0, 2000),
      }),
    );
  }
}

function keptHeaders(headers: WebhookRequest['headers']): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && KEPT_HEADERS.test(name))
      kept[name] = (Array.isArray(value) ? value.join(', ') : value).slice(0, 1000);
  }
  return kept;
}
