import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { httpResult, OutboundRefusedError, outboundRequest } from '../../outbox/outbound-http';
import { OutboxSenders } from '../../outbox/outbox-senders';
import type { OutboxMessage, OutboxSender, SendResult } from '../../outbox/outbox.types';
import { AlertmanagerAnswerError, type HttpSend } from './alertmanager-client';
import type { SilencePayload } from './silence-queue.service';
import { SilenceSyncService } from './silence-sync.service';

/**
 * The outbox's sender for ALERTMANAGER_SILENCE messages: each one reconciles its alert's silence.
 * An Alertmanager that is away or answers 5xx/429 is retried by the outbox; a refused target or
 * a 4xx (bad credentials, a refused silence) fails at once.
 */
@Injectable()
export class SilenceSender implements OutboxSender, OnModuleInit {
  readonly kind = 'ALERTMANAGER_SILENCE' as const;

  constructor(
    private readonly senders: OutboxSenders,
    private readonly sync: SilenceSyncService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.senders.register(this);
  }

  async send(message: OutboxMessage, signal: AbortSignal): Promise<SendResult> {
    const alertId = (message.payload as Partial<SilencePayload> | null)?.alertId;
    if (typeof alertId !== 'string')
      return { outcome: 'failed', error: 'the payload names no alert' };
    const { timeoutMs, privateTargets } = this.config.outbox;
    const send: HttpSend = (call) =>
      outboundRequest({ ...call, timeoutMs, signal, privateTargets });
    try {
      await this.sync.reconcile(alertId, send);
      return { outcome: 'delivered' };
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (error instanceof AlertmanagerAnswerError) {
        const result = httpResult(error.answer);
        // A 2xx that is not what the API promises (no silence id) may be a proxy's page: retry.
        return result.outcome === 'delivered'
          ? { outcome: 'retry', statusCode: error.answer.status, error: text }
          : { ...result, error: text };
      }
      if (error instanceof OutboundRefusedError) return { outcome: 'failed', error: text };
      return { outcome: 'retry', error: text };
    }
  }
}
