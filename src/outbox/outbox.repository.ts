import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PrismaService, PrismaTx } from '../common/database/prisma.service';
import { Prisma } from '../generated/prisma/client';
import type { OutboxStatus } from '../generated/prisma/client';
import type { OutboxKind, OutboxMessage } from './outbox.types';

export interface NewOutboxMessage {
  teamId: string;
  kind: OutboxKind;
  channelId?: string | null;
  topic: string;
  payload: Prisma.InputJsonValue;
}

export interface AttemptRecord {
  outcome: 'delivered' | 'retry' | 'failed';
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** For a retry: the wait before the next attempt. */
  delayMs: number;
}

export interface OutboxMessageRow {
  id: string;
  teamId: string;
  kind: OutboxKind;
  channelId: string | null;
  topic: string;
  payload: unknown;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  giveUpAt: Date;
  lastError: string | null;
  lastStatus: number | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface OutboxAttemptRow {
  id: string;
  messageId: string;
  at: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  outcome: string;
}

/** Outbox rows: written inside the caller's transaction, claimed and settled by dispatchers. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Adds messages in the caller's transaction: they exist only if that transaction commits. */
  async add(
    tx: PrismaTx,
    rows: readonly NewOutboxMessage[],
    retryHours: number,
  ): Promise<string[]> {
    if (rows.length === 0) return [];
    const ids = rows.map(() => randomUUID());
    const values = rows.map(
      (r, i) =>
        Prisma.sql`(${ids[i]}::uuid, ${r.teamId}::uuid, ${r.kind}::"OutboxKind", ${r.channelId ?? null}::uuid,
          ${r.topic}, ${JSON.stringify(r.payload)}::jsonb, now() + make_interval(hours => ${retryHours}))`,
    );
    await tx.$executeRaw`
      INSERT INTO outbox_messages (id, team_id, kind, channel_id, topic, payload, give_up_at)
      VALUES ${Prisma.join(values)}`;
    return ids;
  }

  /**
   * Claims up to `limit` due messages for `leaseMs`: SKIP LOCKED lets every replica claim at
   * once without waiting on or taking each other's rows, and the lease keeps a message from being
   * sent twice while its attempt is under way. A replica that dies mid-send leaves its lease to
   * run out; the message is then sent again (at least once).
   */
  claimDue(limit: number, leaseMs: number): Promise<{ token: string; messages: OutboxMessage[] }> {
    const token = randomUUID();
    return this.prisma.$queryRaw<OutboxMessage[]>`
        WITH due AS (
          SELECT id FROM outbox_messages
          WHERE status = 'PENDING' AND next_attempt_at <= now()
            AND (lease_until IS NULL OR lease_until < now())
          ORDER BY next_attempt_at
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        UPDATE outbox_messages m
        SET lease_until = now() + make_interval(secs => ${leaseMs / 1000}), lease_token = ${token}::uuid,
          attempts = m.attempts + 1
        FROM due WHERE m.id = due.id
        RETURNING m.id, m.team_id AS "teamId", m.kind::text AS kind, m.channel_id AS "channelId",
          m.topic, m.payload, m.attempts, m.created_at AS "createdAt"`.then((messages) => ({
      token,
      messages,
    }));
  }

  /**
   * Settles one attempt under the claim's lease, with its log row, in one statement: delivered,
   * failed, or pending again after `delayMs` (failed instead once that passes its give-up time).
   * Returns the message's status, or null when the lease was lost (another claim settles it).
   */
  async settle(id: string, token: string, attempt: AttemptRecord): Promise<OutboxStatus | null> {
    const rows = await this.prisma.$queryRaw<{ status: OutboxStatus }[]>`
      WITH next AS (
        SELECT id, (CASE
            WHEN ${attempt.outcome} = 'delivered' THEN 'DELIVERED'
            WHEN ${attempt.outcome} = 'failed' THEN 'FAILED'
            WHEN now() + make_interval(secs => ${attempt.delayMs / 1000}) > give_up_at THEN 'FAILED'
            ELSE 'PENDING' END)::"OutboxStatus" AS status
        FROM outbox_messages WHERE id = ${id}::uuid AND lease_token = ${token}::uuid),
      settled AS (
        UPDATE outbox_messages m SET status = n.status,
          finished_at = CASE WHEN n.status <> 'PENDING' THEN now() END,
          next_attempt_at = now() + make_interval(secs => ${attempt.delayMs / 1000}),
          lease_until = NULL, lease_token = NULL,
          last_error = ${attempt.error}, last_status = ${attempt.statusCode}::int
        FROM next n WHERE m.id = n.id AND m.lease_token = ${token}::uuid
        RETURNING m.id, m.status),
      logged AS (
        INSERT INTO outbox_attempts (id, message_id, status_code, error, duration_ms, outcome)
        SELECT gen_random_uuid(), id, ${attempt.statusCode}::int, ${attempt.error}, ${attempt.durationMs}::int,
          ${attempt.outcome} FROM settled)
      SELECT status::text AS status FROM settled`;
    return rows[0]?.status ?? null;
  }

  /** Puts a message back in line now, with a new give-up time; false when there is no such message. */
  async requeue(id: string, retryHours: number): Promise<boolean> {
    const n = await this.prisma.$executeRaw`
      UPDATE outbox_messages SET status = 'PENDING', next_attempt_at = now(), finished_at = NULL,
        give_up_at = now() + make_interval(hours => ${retryHours})
      WHERE id = ${id}::uuid`;
    return n > 0;
  }

  findById(id: string): Promise<OutboxMessageRow | null> {
    return this.prisma.$queryRaw<OutboxMessageRow[]>`
      SELECT ${COLUMNS} FROM outbox_messages WHERE id = ${id}::uuid`.then(
      (rows) => rows[0] ?? null,
    );
  }

  /** A channel's messages, newest first. */
  findForChannel(channelId: string, limit: number): Promise<OutboxMessageRow[]> {
    return this.prisma.$queryRaw<OutboxMessageRow[]>`
      SELECT ${COLUMNS} FROM outbox_messages WHERE channel_id = ${channelId}::uuid
      ORDER BY created_at DESC, id DESC LIMIT ${limit}`;
  }

  attemptsOf(messageIds: readonly string[]): Promise<OutboxAttemptRow[]> {
    return this.prisma.$queryRaw<OutboxAttemptRow[]>`
      SELECT id, message_id AS "messageId", at, status_code AS "statusCode", error,
        duration_ms AS "durationMs", outcome
      FROM outbox_attempts WHERE message_id = ANY(${[...messageIds]}::uuid[]) ORDER BY at, id`;
  }

  /**
   * Deletes up to `limit` delivered or failed messages (with their attempts) finished more than
   * `days` ago; returns how many. Idempotent: replicas pruning at once delete each row once.
   */
  async pruneFinished(days: number, limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM outbox_messages WHERE id IN (
        SELECT id FROM outbox_messages
        WHERE status <> 'PENDING' AND finished_at < now() - make_interval(days => ${days})
        ORDER BY finished_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)`;
  }

  /** Messages waiting to be sent, by kind (the outbox-pending gauge). */
  pendingByKind(): Promise<{ kind: OutboxKind; n: number }[]> {
    return this.prisma.$queryRaw<{ kind: OutboxKind; n: number }[]>`
      SELECT kind::text AS kind, count(*)::int AS n FROM outbox_messages WHERE status = 'PENDING'
      GROUP BY kind`;
  }
}

const COLUMNS =
  Prisma.raw(`id, team_id AS "teamId", kind::text AS kind, channel_id AS "channelId", topic,
  payload, status::text AS status, attempts, next_attempt_at AS "nextAttemptAt", give_up_at AS "giveUpAt",
  last_error AS "lastError", last_status AS "lastStatus", created_at AS "createdAt", finished_at AS "finishedAt"`);
