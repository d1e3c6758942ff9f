import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PrismaService } from '../../common/database/prisma.service';
import type { AlertIntegration, BoardColumn, Team } from '../../generated/prisma/client';
import { alertSettingsOf } from '../alert-settings';
import { AlertRules, CompiledRules } from '../integrations/alert-rules';
import type { NormalizedAlert } from '../parsers';
import { DeliveriesRepository } from '../webhooks/deliveries.repository';
import { cardFor, mergeGroup } from './alert-card';
import { AlertCardsService, CardWork, NewAlertCard } from './alert-cards.service';
import { transitionExisting, transitionNew, Transition } from './alert-transitions';
import { AlertsRepository, AlertWrite, LockedAlert } from './alerts.repository';

export interface DeliverySummary {
  received: number;
  created: number;
  updated: number;
  resolved: number;
  reopened: number;
  ignored: number;
}

export interface IncomingDelivery {
  id: string;
  receivedAt: Date;
  requestId: string | null;
  contentType: string | null;
  headers: Record<string, string>;
  body: string;
  replayOfId: string | null;
}

export interface ProcessInput {
  integration: AlertIntegration;
  team: Team;
  /** The team's columns, for routing (read before the transaction). */
  columns: BoardColumn[];
  /** Where new cards go when no route matches. */
  entryColumnId: string | null;
  alerts: NormalizedAlert[];
  /** Events the parser dropped as not about an alert (PagerDuty's non-incident events). */
  ignoredEvents?: number;
  delivery: IncomingDelivery;
}

/** What one delivery did to one alert: how a delivery is followed to its alerts and cards. */
export interface DeliveryItem {
  alertId: string;
  dedupKey: string;
  taskId: string | null;
  outcome: 'created' | 'updated' | 'resolved' | 'reopened';
}

/** Items kept per delivery (summary JSON and log line); storms beyond it keep the counts only. */
export const MAX_DELIVERY_ITEMS = 1000;

export interface ProcessResult {
  summary: DeliverySummary;
  items: DeliveryItem[];
  overfullColumns: { columnId: string; name: string; wipLimit: number; cards: number }[];
}

interface Unit {
  id: string;
  alert: NormalizedAlert;
  members: NormalizedAlert[];
}

/**
 * One delivery, one transaction: the raw payload is stored together with everything it causes
 * (alerts upserted, cards opened, reopened or updated, history), so a 2xx means all of it
 * committed and a failure leaves nothing half-written. Correct with several replicas: alert rows
 * are claimed with INSERT … ON CONFLICT and row locks, never with in-process state.
 */
@Injectable()
export class AlertProcessor {
  constructor(
    private readonly prisma: PrismaService,
    private readonly alerts: AlertsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly cards: AlertCardsService,
  ) {}

  async process(input: ProcessInput): Promise<ProcessResult> {
    const { integration, team, delivery } = input;
    const now = delivery.receivedAt;
    const kind = integration.kind;
    const rules = new CompiledRules((integration.rules ?? {}) as AlertRules);
    const settings = alertSettingsOf(team);
    const summary: DeliverySummary = {
      received: input.alerts.length,
      created: 0,
      updated: 0,
      resolved: 0,
      reopened: 0,
      ignored: input.ignoredEvents ?? 0,
    };

    const kept = input.alerts.filter((alert) => {
      const ignored = rules.ignoredBecause(alert) !== null;
      if (ignored) summary.ignored++;
      return !ignored;
    });
    const units = this.unitsOf(kept);
    const columnIds = new Set(input.columns.map((c) => c.id));

    const outcomes = new Map<string, DeliveryItem>();
    let items: DeliveryItem[] = [];
    const result = await this.prisma.$transaction(async (tx) => {
      const inserted = await this.alerts.insertNew(
        tx,
        integration.id,
        team.id,
        delivery.id,
        units,
        now,
      );
      const existing = new Map<string, LockedAlert>(
        (
          await this.alerts.lockExisting(
            tx,
            integration.id,
            units.filter((u) => !inserted.has(u.alert.dedupKey)).map((u) => u.alert.dedupKey),
          )
        ).map((a) => [a.dedupKey, a]),
      );
      const writes: AlertWrite[] = [];
      const work: CardWork = {
        teamId: team.id,
        teamKey: team.key,
        integration,
        entryColumnId: input.entryColumnId,
        creates: [],
        reopens: [],
        touches: [],
        resolves: [],
        now,
      };
      const episodesToStart: {
        alertId: string;
        teamId: string;
        startedAt: Date;
        endedAt?: Date | null;
      }[] = [];
      const episodesToEnd: { alertId: string; endedAt: Date }[] = [];

      for (const unit of units) {
        const priority = rules.priorityFor(unit.alert) ?? settings.priorities[unit.alert.severity];
        const ctx = { now, reopenWindowMinutes: integration.reopenWindowMinutes, priority };
        const known = existing.get(unit.alert.dedupKey);
        // A key neither inserted nor found was deleted concurrently (integration removed): skip it.
        if (!inserted.has(unit.alert.dedupKey) && !known) continue;
        const alertId = known?.id ?? unit.id;
        const transition: Transition = known
          ? transitionExisting(known, unit.alert, ctx)
          : transitionNew(unit.alert, ctx);
        summary[transition.outcome]++;
        outcomes.set(alertId, {
          alertId,
          dedupKey: unit.alert.dedupKey,
          taskId: null,
          outcome: transition.outcome,
        });
        if (transition.episode === 'start')
          episodesToStart.push({ alertId, teamId: team.id, startedAt: unit.alert.startsAt ?? now });
        // An episode ends when the source says it did (endsAt), not when the news arrived.
        if (transition.episode === 'end')
          episodesToEnd.push({ alertId, endedAt: transition.endsAt ?? now });
        if (!known && unit.alert.status === 'RESOLVED' && unit.alert.startsAt) {
          episodesToStart.push({
            alertId,
            teamId: team.id,
            startedAt: unit.alert.startsAt,
            endedAt: transition.endsAt,
          });
        }
        const card = transition.card;
        switch (card.kind) {
          case 'create': {
            const routed = rules.columnFor(unit.alert);
            const creation: NewAlertCard = {
              alertId,
              fields: cardFor(
                unit.alert,
                kind,
                settings,
                rules.priorityFor(unit.alert),
                unit.members,
              ),
              columnId: routed && columnIds.has(routed) ? routed : input.entryColumnId,
              relatedTaskId: card.relatedTaskId,
              note: card.relatedTaskId
                ? 'opened by an alert that fired again after its card was done'
                : `opened by ${integration.name}`,
            };
            work.creates.push(creation);
            break;
          }
          case 'reopen':
            work.reopens.push({ taskId: card.taskId, alertTitle: unit.alert.title });
            break;
          case 'touch':
            if (card.raisePriority || card.refired || card.acknowledged) work.touches.push(card);
            break;
          case 'resolve':
            work.resolves.push({
              taskId: card.taskId,
              moveIfUnstarted: card.moveIfUnstarted,
              endsAt: transition.endsAt ?? now,
            });
            break;
          case 'none':
            break;
        }
        writes.push({
          id: alertId,
          // A recovery says nothing about how bad the alert was (Kapacitor's OK reads as INFO):
          // a known alert keeps the severity it fired with.
          alert:
            known && transition.status === 'RESOLVED'
              ? { ...unit.alert, severity: known.severity as NormalizedAlert['severity'] }
              : unit.alert,
          status: transition.status,
          endsAt: transition.endsAt,
          occurrencesDelta: known ? 1 : 0,
          firingsDelta: transition.firingsDelta,
          flapsDelta: transition.flapsDelta,
          acknowledged: transition.acknowledged,
          taskId: known?.taskId ?? null,
        });
      }

      const cardResult = await this.cards.apply(tx, work);
      for (const write of writes) {
        const created = cardResult.created.get(write.id);
        if (created) write.taskId = created;
      }
      await this.alerts.writeBack(tx, writes, delivery.id, now);
      items = writes.map((w) => ({ ...(outcomes.get(w.id) as DeliveryItem), taskId: w.taskId }));
      await this.alerts.endEpisodes(tx, episodesToEnd);
      // Each episode remembers the card the alert fed meanwhile (for the noise report).
      const cardOf = new Map(writes.map((w) => [w.id, w.taskId]));
      await this.alerts.startEpisodes(
        tx,
        episodesToStart.map((e) => ({ ...e, taskId: cardOf.get(e.alertId) ?? null })),
      );
      await this.deliveries.insert(tx, {
        ...delivery,
        integrationId: integration.id,
        outcome: 'PROCESSED',
        summary: {
          ...summary,
          overfullColumns: cardResult.overfullColumns.map((c) => c.name),
          alerts: items.slice(0, MAX_DELIVERY_ITEMS).map((i) => ({ ...i })),
        },
        error: null,
      });
      return cardResult;
    });
    return { summary, items, overfullColumns: result.overfullColumns };
  }

  /** Alerts sharing a dedup key (a group, or one alert repeated in a post) feed one card. */
  private unitsOf(alerts: NormalizedAlert[]): Unit[] {
    const byKey = new Map<string, NormalizedAlert[]>();
    for (const alert of alerts) {
      const list = byKey.get(alert.dedupKey);
      if (list) list.push(alert);
      else byKey.set(alert.dedupKey, [alert]);
    }
    return [...byKey.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, members]) => ({
        id: randomUUID(),
        alert: members.length > 1 ? mergeGroup(members) : (members[0] as NormalizedAlert),
        members,
      }));
  }
}
