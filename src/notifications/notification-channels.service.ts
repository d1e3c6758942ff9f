import { Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { InputError, NotFoundError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import type { NotificationChannel, Prisma } from '../generated/prisma/client';
import { targetProblem } from '../outbox/outbound-http';
import { OutboxRepository, type OutboxMessageRow } from '../outbox/outbox.repository';
import { OutboxService } from '../outbox/outbox.service';
import { isPrivateAddress, mayReachPrivate } from '../outbox/target-guard';
import {
  CreateNotificationChannelInput,
  NotificationSubscriptionInput,
  UpdateNotificationChannelInput,
} from './dto/notification-channel.inputs';
import {
  CreateNotificationChannelPayload,
  NotificationChannelModel,
  NotificationDelivery,
  NotificationTestResult,
} from './models/notification.model';
import { NotificationChannelsRepository } from './notification-channels.repository';
import type { NotificationSubscription } from './notification-events';
import type { NotificationPayload } from './notification-message';
import { NotificationSender } from './notification.sender';
import { newSigningSecret } from './webhook-signature';

const DELIVERIES_SHOWN = 100;

/** A team's notification channels: their settings, a test message, and what was delivered. */
@Injectable()
export class NotificationChannelsService {
  constructor(
    private readonly channels: NotificationChannelsRepository,
    private readonly outbox: OutboxRepository,
    private readonly outboxService: OutboxService,
    private readonly sender: NotificationSender,
    private readonly config: AppConfig,
  ) {}

  async list(teamId: string): Promise<NotificationChannelModel[]> {
    return (await this.channels.findForTeam(teamId)).map(toModel);
  }

  async create(input: CreateNotificationChannelInput): Promise<CreateNotificationChannelPayload> {
    const url = await this.checkedUrl(input.url, 'input.url');
    const secret = input.kind === 'WEBHOOK' ? newSigningSecret() : null;
    const channel = await this.channels.create({
      teamId: input.teamId,
      kind: input.kind,
      name: input.name,
      url,
      secret,
      events: subscriptionsOf(input.events, 'input.events'),
    });
    return { channel: toModel(channel), signingSecret: secret };
  }

  async update(
    id: string,
    input: UpdateNotificationChannelInput,
  ): Promise<NotificationChannelModel> {
    await this.get(id);
    const data: Prisma.NotificationChannelUncheckedUpdateInput = {};
    if (input.name !== undefined && input.name !== null) data.name = input.name;
    if (input.url !== undefined && input.url !== null)
      data.url = await this.checkedUrl(input.url, 'input.url');
    if (input.events !== undefined && input.events !== null)
      data.events = subscriptionsOf(input.events, 'input.events');
    if (input.enabled !== undefined && input.enabled !== null) data.enabled = input.enabled;
    return toModel(await this.channels.update(id, data));
  }

  async delete(id: string): Promise<string> {
    await this.get(id);
    return (await this.channels.delete(id)).id;
  }

  /** Sends a sample message now, outside the outbox, and answers with what the receiver said. */
  async test(id: string): Promise<NotificationTestResult> {
    const channel = await this.get(id);
    const team = { id: channel.teamId, key: '', name: '' };
    const payload: NotificationPayload = {
      event: {
        id: crypto.randomUUID(),
        type: 'channel.test',
        occurredAt: new Date().toISOString(),
        team,
        data: { channel: { id: channel.id, name: channel.name } },
      },
      summary: `Test message from Loopboard: channel "${channel.name}" works.`,
      link: null,
      facts: [],
    };
    const result = await this.sender.deliver({ ...channel, enabled: true }, payload);
    return {
      delivered: result.outcome === 'delivered',
      statusCode: result.statusCode ?? null,
      error: result.outcome === 'delivered' ? null : result.error,
    };
  }

  async deliveries(channelId: string, first: number): Promise<NotificationDelivery[]> {
    await this.get(channelId);
    const rows = await this.outbox.findForChannel(channelId, Math.min(first, DELIVERIES_SHOWN));
    return this.withAttempts(rows);
  }

  /** Queues a channel's message again (the same event id, so receivers can deduplicate). */
  async resend(id: string): Promise<NotificationDelivery> {
    const row = await this.outbox.findById(id);
    if (!row || row.kind !== 'NOTIFICATION') throw new NotFoundError('Notification', id);
    await this.outboxService.resend(id);
    const [delivery] = await this.withAttempts([
      (await this.outbox.findById(id)) as OutboxMessageRow,
    ]);
    return delivery as NotificationDelivery;
  }

  private async withAttempts(rows: OutboxMessageRow[]): Promise<NotificationDelivery[]> {
    const attempts = await this.outbox.attemptsOf(rows.map((r) => r.id));
    return rows.map((row) => {
      const payload = row.payload as NotificationPayload;
      return {
        id: row.id,
        channelId: row.channelId as string,
        eventId: payload.event.id,
        eventType: row.topic as NotificationDelivery['eventType'],
        summary: payload.summary,
        status: row.status,
        attempts: row.attempts,
        lastError: row.lastError,
        lastStatusCode: row.lastStatus,
        createdAt: row.createdAt,
        nextAttemptAt: row.nextAttemptAt,
        giveUpAt: row.giveUpAt,
        finishedAt: row.finishedAt,
        attemptLog: attempts.filter((a) => a.messageId === row.id),
      };
    });
  }

  private async get(id: string): Promise<NotificationChannel> {
    const channel = await this.channels.findById(id);
    if (!channel) throw new NotFoundError('Notification channel', id);
    return channel;
  }

  /**
   * A URL Loopboard may send to: http(s), and unless NOTIFY_ALLOW_PRIVATE_TARGETS is on, not a
   * private address, neither as written nor as its name resolves now. (Every request checks
   * the resolved address again, so a name that changes later is refused then.)
   */
  private async checkedUrl(url: string, field: string): Promise<string> {
    const { privateTargets } = this.config.outbox;
    const problem = targetProblem(url.trim(), privateTargets);
    if (problem) throw InputError.field(field, problem);
    const parsed = new URL(url.trim());
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    if (!isIP(host) && !mayReachPrivate(parsed, privateTargets)) {
      // A name that does not resolve now (DNS down, a receiver not deployed yet) is accepted:
      // each request checks the address it connects to.
      const addresses = await lookup(host, { all: true }).catch(() => []);
      const refused = addresses.find((a) => isPrivateAddress(a.address));
      if (refused)
        throw InputError.field(
          field,
          `must not point to a private address (${host} is ${refused.address}) unless NOTIFY_ALLOW_PRIVATE_TARGETS is on or NOTIFY_ALLOWED_HOSTS names it`,
        );
    }
    return url.trim();
  }
}

function subscriptionsOf(
  events: NotificationSubscriptionInput[],
  field: string,
): Prisma.InputJsonValue {
  const types = events.map((e) => e.type);
  const repeated = types.find((t, i) => types.indexOf(t) !== i);
  if (repeated) throw InputError.field(field, `names ${repeated} twice`);
  return events.map((e): NotificationSubscription => ({
    type: e.type,
    minPriority: e.minPriority ?? null,
  })) as unknown as Prisma.InputJsonValue;
}

function toModel(channel: NotificationChannel): NotificationChannelModel {
  const url = new URL(channel.url);
  return {
    id: channel.id,
    teamId: channel.teamId,
    kind: channel.kind,
    name: channel.name,
    target: `${url.origin}${url.pathname === '/' && !url.search ? '/' : '/…'}`,
    events: (channel.events as unknown as NotificationSubscription[]).map((s) => ({
      type: s.type,
      minPriority: s.minPriority ?? null,
    })),
    enabled: channel.enabled,
    signed: channel.secret !== null,
    createdAt: channel.createdAt,
  };
}
