import { Injectable } from '@nestjs/common';
import { BoardsRepository, ColumnsRepository } from '../../boards/boards.repository';
import { PrismaService, PrismaTx } from '../../common/database/prisma.service';
import type { AlertIntegration } from '../../generated/prisma/client';
import { SuspectsService } from '../../deployments/suspects.service';
import { TeamsRepository } from '../../teams/teams.repository';
import { alertSettingsOf } from '../alert-settings';
import { AlertRules, CompiledRules } from '../integrations/alert-rules';
import { AlertIntegrationsService } from '../integrations/alert-integrations.service';
import { DeliveriesRepository, NewDelivery } from '../webhooks/deliveries.repository';
import { AlertCardNotices } from './alert-card-notices';
import { AlertCardsService } from './alert-cards.service';
import { AlertsRepository } from './alerts.repository';
import { itemsOf, JobState, planRounds, RoundUnit } from './delivery-rounds';
import { DeliveryJob, MAX_DELIVERY_ITEMS, ProcessResult } from './delivery.types';
import {
  decideRound,
  lastDeliveryId,
  LockedState,
  orderRound,
  recordRound,
  RoundContext,
  RoundDecision,
  roundTime,
} from './round-decision';

/**
 * Deliveries become alerts, cards and history in one transaction: the raw payload is stored
 * together with everything it causes (alerts upserted, cards opened, reopened or updated,
 * history), so a 2xx means all of it committed and a failure leaves nothing half-written.
 * Correct with several replicas: alert rows are claimed with INSERT … ON CONFLICT and row locks,
 * never with in-process state.
 *
 * Several deliveries of one integration can share the transaction (see DeliveryBatcher): they
 * are processed in rounds, each round set-based over alerts that appear in it once, so a later
 * delivery's news of an alert always applies after an earlier one's; a later observation that
 * would change nothing (same status, acknowledgement and priority as the one before it) counts
 * as a repeat of it in the same round. The outcome for every delivery is what processing them
 * one after the other in arrival order gives.
 */
@Injectable()
export class AlertProcessor {
  constructor(
    private readonly prisma: PrismaService,
    private readonly alerts: AlertsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly cards: AlertCardsService,
    private readonly teams: TeamsRepository,
    private readonly boards: BoardsRepository,
    private readonly columns: ColumnsRepository,
    private readonly integrations: AlertIntegrationsService,
    private readonly suspects: SuspectsService,
    private readonly notices: AlertCardNotices,
  ) {}

  /** Processes the deliveries of one integration, in order, in one transaction. */
  async processBatch(integration: AlertIntegration, jobs: DeliveryJob[]): Promise<ProcessResult[]> {
    const ctx = await this.batchContext(integration, jobs);
    const { states, rounds } = planRounds(jobs, ctx.rules, ctx.settings);
    // One transaction: a 2xx means the payloads and everything they caused committed together.
    await this.prisma.$transaction(async (tx) => {
      for (const round of rounds) await this.processRound(tx, ctx, states, round);
      await this.deliveries.insertMany(tx, deliveryRows(integration, jobs, states));
    });
    return states.map((state) => ({
      summary: state.summary,
      items: itemsOf(state),
      overfullColumns: [...state.overfull.values()],
    }));
  }

  /** What every round of the batch reads: the team, its columns, the integration's rules. */
  private async batchContext(
    integration: AlertIntegration,
    jobs: DeliveryJob[],
  ): Promise<RoundContext> {
    const [team, boards] = await Promise.all([
      this.teams.findById(integration.teamId),
      this.boards.findByTeams([integration.teamId]),
    ]);
    if (!team)
      throw new Error(`Team ${integration.teamId} of integration ${integration.id} is gone`);
    const columns = await this.columns.findByBoards(boards.map((b) => b.id));
    return {
      integration,
      team,
      entryColumnId: this.integrations.entryColumn(integration, boards, columns),
      columnIds: new Set(columns.map((c) => c.id)),
      rules: new CompiledRules((integration.rules ?? {}) as AlertRules),
      settings: alertSettingsOf(team),
      jobs,
    };
  }

  private async processRound(
    tx: PrismaTx,
    ctx: RoundContext,
    states: JobState[],
    round: RoundUnit[],
  ): Promise<void> {
    const units = orderRound(round);
    const now = roundTime(units, ctx.jobs);
    const locked = await this.claimAlerts(tx, ctx, units, now);
    const decision = decideRound(units, locked, ctx);
    // A new card names the deployment that likely caused it (and the version to roll back to).
    const suspects = await this.suspects.describe(
      tx,
      ctx.team.id,
      ctx.integration.suspectWindowMinutes,
      decision.cards.creates,
    );
    const cards = await this.cards.apply(tx, {
      teamId: ctx.team.id,
      teamKey: ctx.team.key,
      integration: ctx.integration,
      entryColumnId: ctx.entryColumnId,
      ...decision.cards,
      now,
    });
    await this.suspects.record(tx, ctx.team.id, suspects, cards.created, now);
    await this.writeAlerts(tx, decision, cards.created, now);
    await this.notices.publish(tx, ctx.team.id, {
      created: [...cards.created.values()],
      reopened: decision.cards.reopens.map((r) => r.taskId),
      at: now,
    });
    recordRound(states, decision, cards.overfullColumns);
  }

  /** New alerts inserted, known ones locked, both in key order (see AlertsRepository). */
  private async claimAlerts(
    tx: PrismaTx,
    ctx: RoundContext,
    units: RoundUnit[],
    now: Date,
  ): Promise<LockedState> {
    const key = (u: RoundUnit): string => u.first.unit.alert.dedupKey;
    const inserted = await this.alerts.insertNew(
      tx,
      ctx.integration.id,
      ctx.team.id,
      units.map((u) => ({
        id: u.id,
        alert: u.first.unit.alert,
        deliveryId: lastDeliveryId(u, ctx.jobs),
      })),
      now,
    );
    const known = await this.alerts.lockExisting(
      tx,
      ctx.integration.id,
      units.filter((u) => !inserted.has(key(u))).map(key),
    );
    return { inserted, existing: new Map(known.map((a) => [a.dedupKey, a])) };
  }

  /** The alert rows (with the cards created for them) and their episodes. */
  private async writeAlerts(
    tx: PrismaTx,
    decision: RoundDecision,
    created: Map<string, string>,
    now: Date,
  ): Promise<void> {
    const writes = decision.writes.map(({ unit, write }) => {
      const taskId = created.get(write.id) ?? write.taskId;
      unit.id = write.id;
      unit.taskId = taskId;
      return taskId === write.taskId ? write : { ...write, taskId };
    });
    await this.alerts.writeBack(tx, writes, now);
    await this.alerts.endEpisodes(tx, decision.episodes.ends);
    // Each episode remembers the card the alert fed meanwhile (for the noise report).
    const cardOf = new Map(writes.map((w) => [w.id, w.taskId]));
    await this.alerts.startEpisodes(
      tx,
      decision.episodes.starts.map((e) => ({ ...e, taskId: cardOf.get(e.alertId) ?? null })),
    );
  }
}

/** The stored record of each delivery: its summary, overfull columns and first items. */
function deliveryRows(
  integration: AlertIntegration,
  jobs: DeliveryJob[],
  states: JobState[],
): NewDelivery[] {
  return jobs.map((job, j) => {
    const state = states[j] as JobState;
    return {
      ...job.delivery,
      integrationId: integration.id,
      outcome: 'PROCESSED' as const,
      summary: {
        ...state.summary,
        overfullColumns: [...state.overfull.values()].map((c) => c.name),
        alerts: itemsOf(state)
          .slice(0, MAX_DELIVERY_ITEMS)
          .map((i) => ({ ...i })),
      },
      error: null,
    };
  });
}
