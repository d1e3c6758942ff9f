import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { PrismaService } from '../common/database/prisma.service';
import { AppConfig } from '../config/app-config';
import { ReserveFiguresRepository } from './reserve-figures.repository';

/** GraphQL operation names come from clients: at most this many distinct ones get their own label. */
export const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Loopboard's own Prometheus metrics. Every label set is bounded: route templates (not paths),
 * status classes, enum-like kinds and outcomes, team keys, and a capped set of operation names.
 */
@Injectable()
export class MetricsService implements OnModuleInit, OnModuleDestroy {
  readonly registry = new Registry();
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private readonly operationNames = new Set<string>();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status class.',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly graphqlDuration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'GraphQL operations by type, name and outcome.',
    labelNames: ['operation_type', 'operation_name', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'loopboard_webhook_deliveries_total',
    help: 'Webhook deliveries by integration kind and outcome.',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly alertsReceived = new Counter({
    name: 'loopboard_alerts_received_total',
    help: 'Alerts received in webhook payloads, by kind and status.',
    labelNames: ['kind', 'status'] as const,
    registers: [this.registry],
  });

  readonly alertCardsCreated = new Counter({
    name: 'loopboard_alert_cards_created_total',
    help: 'Cards opened by alerts.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly deploymentEvents = new Counter({
    name: 'loopboard_deployment_events_total',
    help: 'Deployment events received, by outcome: created, updated (a newer status) or stale (older than the status held).',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly alertsDeduplicated = new Counter({
    name: 'loopboard_alerts_deduplicated_total',
    help: 'Alert notifications folded into an existing alert (repeats, HA duplicates).',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly webhookBatchDeliveries = new Histogram({
    name: 'loopboard_webhook_batch_deliveries',
    help: 'Deliveries committed together in one transaction (webhook group commit).',
    buckets: [1, 2, 5, 10, 20, 50, 100],
    registers: [this.registry],
  });

  readonly dbQueryDuration = new Histogram({
    name: 'loopboard_db_query_duration_seconds',
    help: 'SQL statements sent to the database.',
    labelNames: ['database'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly reservePoints = new Gauge({
    name: 'loopboard_sprint_reserve_points',
    help: "Production-change reserve of each team's active sprint.",
    labelNames: ['team'] as const,
    registers: [this.registry],
  });

  readonly reserveUsedPoints = new Gauge({
    name: 'loopboard_sprint_reserve_used_points',
    help: "Reserve used by unplanned production work in each team's active sprint.",
    labelNames: ['team'] as const,
    registers: [this.registry],
  });

  readonly notifications = new Counter({
    name: 'loopboard_notifications_total',
    help: 'Outbox attempts (notifications, Alertmanager silences) by kind and outcome: delivered, retry, failed.',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly heartbeat = new Gauge({
    name: 'loopboard_heartbeat_timestamp_seconds',
    help: 'Advanced by a timer (HEARTBEAT_INTERVAL_MS, default 15 s): a stale value means a hung process.',
    registers: [this.registry],
  });

  constructor(
    private readonly prisma: PrismaService,
    private readonly reserves: ReserveFiguresRepository,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    collectDefaultMetrics({ register: this.registry });
    this.beat();
    this.heartbeatTimer = setInterval(() => this.beat(), this.config.heartbeatIntervalMs);
    this.heartbeatTimer.unref();
    const stats = this.prisma.connection.stats;
    const database = this.prisma.kind;
    stats.observe = (seconds: number) => this.dbQueryDuration.observe({ database }, seconds);
  }

  onModuleDestroy(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
  }

  beat(): void {
    this.heartbeat.set(Date.now() / 1000);
  }

  /** A bounded label for a client-chosen operation name. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'invalid';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }

  /** The exposition; reserve gauges are read from the database at scrape time (right across replicas). */
  async render(): Promise<string> {
    const rows = await this.reserves.activeSprintReserves().catch(() => null);
    if (rows) {
      this.reservePoints.reset();
      this.reserveUsedPoints.reset();
      for (const row of rows) {
        this.reservePoints.set({ team: row.teamKey }, row.reservedPoints);
        this.reserveUsedPoints.set({ team: row.teamKey }, row.usedPoints);
      }
    }
    return this.registry.metrics();
  }
}
