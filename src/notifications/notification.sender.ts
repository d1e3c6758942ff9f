import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import type { NotificationChannel } from '../generated/prisma/client';
import { sendHttp } from '../outbox/outbound-http';
import { OutboxSenders } from '../outbox/outbox-senders';
import type { OutboxMessage, OutboxSender, SendResult } from '../outbox/outbox.types';
import { NotificationChannelsRepository } from './notification-channels.repository';
import { type NotificationPayload, slackMessage } from './notification-message';
import { signatureHeaders } from './webhook-signature';

/** Sends NOTIFICATION messages to their channel: Slack's format, or the signed JSON event. */
@Injectable()
export class NotificationSender implements OutboxSender, OnModuleInit {
  readonly kind = 'NOTIFICATION' as const;

  constructor(
    private readonly channels: NotificationChannelsRepository,
    private readonly senders: OutboxSenders,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.senders.register(this);
  }

  async send(message: OutboxMessage, signal: AbortSignal): Promise<SendResult> {
    const channel = message.channelId ? await this.channels.findById(message.channelId) : null;
    if (!channel) return { outcome: 'failed', error: 'the channel was deleted' };
    if (!channel.enabled) return { outcome: 'failed', error: 'the channel is disabled' };
    return this.deliver(channel, message.payload as NotificationPayload, signal);
  }

  /** One request to the channel (also testNotificationChannel's, outside the outbox). */
  deliver(
    channel: NotificationChannel,
    payload: NotificationPayload,
    signal?: AbortSignal,
  ): Promise<SendResult> {
    const body = JSON.stringify(channel.kind === 'SLACK' ? slackMessage(payload) : payload.event);
    const signed =
      channel.kind === 'WEBHOOK' && channel.secret
        ? signatureHeaders(channel.secret, payload.event.id, body)
        : {};
    return sendHttp({
      method: 'POST',
      url: channel.url,
      headers: { 'content-type': 'application/json', ...signed },
      body,
      timeoutMs: this.config.outbox.timeoutMs,
      ...(signal ? { signal } : {}),
      privateTargets: this.config.outbox.privateTargets,
    });
  }
}
