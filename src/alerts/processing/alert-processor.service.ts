import { Injectable } from '@nestjs/common';
import { BoardsRepository, ColumnsRepository } from '../../boards/boards.repository';
import { PrismaService, PrismaTx } from '../../common/database/prisma.service';
import type { AlertIntegration, Team } from '../../generated/prisma/client';
import { TeamsRepository } from '../../teams/teams.repository';
import { alertSettingsOf } from '../alert-settings';
import { AlertRules, CompiledRules } from '../integrations/alert-rules';
import { AlertIntegrationsService } from '../integrations/alert-integrations.service';
import type { NormalizedAlert } from '../parsers';
import { DeliveriesRepository } from '../webhooks/deliveries.repository';
import { cardFor } from './alert-card';
import { AlertCardsService, CardWork, NewAlertCard } from './alert-cards.service';
import { transitionExisting, transitionNew, Transition } from './alert-transitions';
import { AlertsRepository, AlertWrite, LockedAlert } from './alerts.repository';
import { itemsOf, JobState, Observation, planRounds, RoundUnit } from './delivery-rounds';
import { DeliveryJob, MAX_DELIVERY_ITEMS, ProcessResult } from './delivery.types';

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
  ) {}

  /** Processes the deliveries of one integration, in order, in one transaction. */
  async processBatch(integration: AlertIntegration, jobs: DeliveryJob[]): Promise<ProcessResult[]> {
    const [team, boards] = await Promise.all([
      this.teams.findById(integration.teamId),
      this.boards.findByTeams([integration.teamId]),
    ]);
    if (!team)
      throw new Error(`Team ${integration.teamId} of integration ${integration.id} is gone`);
    const columns = await this.columns.findByBoards(boards.map((b) => b.id));
    const entryColumnId = this.integrations.entryColumn(integration, boards, columns);
    const columnIds = new Set(columns.map((c) => c.id));
    const rules = new CompiledRules((integration.rules ?? {}) as AlertRules);
    const settings = alertSettingsOf(team);

    const { states, rounds } = planRounds(jobs, rules, settings);

    await this.prisma.$transaction(async (tx) => {
      for (const round of rounds) {
        await this.processRound(tx, {
          integration,
          team,
          entryColumnId,
          columnIds,
          rules,
          settings,
          jobs,
          states,
          units: round,
        });
      }
      await this.deliveries.insertMany(
        tx,
        jobs.map((job, j) => {
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
        }),
      );
    });
    return states.map((state) => ({
      summary: state.summary,
      items: itemsOf(state),
      overfullColumns: [...state.overfull.values()],
    }));
  }

  private async processRound(
    tx: PrismaTx,
    input: {
      integration: AlertIntegration;
      team: Team;
      entryColumnId: string | null;
      columnIds: Set<string>;
      rules: CompiledRules;
      settings: ReturnType<typeof alertSettingsOf>;
      jobs: DeliveryJob[];
      states: JobState[];
      units: RoundUnit[];
    },
  ): Promise<void> {
    const { integration, team, rules, settings, jobs, states } = input;
    const kind = integration.kind;
    // One delivery's cards are numbered together, in key order; deliveries in arrival order.
    const units = [...input.units].sort(
      (a, b) =>
        a.first.job - b.first.job ||
        (a.first.unit.alert.dedupKey < b.first.unit.alert.dedupKey ? -1 : 1),
    );
    const receivedAt = (o: Observation): Date => (jobs[o.job] as DeliveryJob).delivery.receivedAt;
    const lastOf = (u: RoundUnit): Observation => u.repeats[u.repeats.length - 1] ?? u.first;
    const now = new Date(Math.max(...units.map((u) => receivedAt(lastOf(u)).getTime())));

    const inserted = await this.alerts.insertNew(
      tx,
      integration.id,
      team.id,
      units.map((u) => ({
        id: u.id,
        alert: u.first.unit.alert,
        deliveryId: (jobs[lastOf(u).job] as DeliveryJob).delivery.id,
      })),
      now,
    );
    const existing = new Map<string, LockedAlert>(
      (
        await this.alerts.lockExisting(
          tx,
          integration.id,
          units
            .filter((u) => !inserted.has(u.first.unit.alert.dedupKey))
            .map((u) => u.first.unit.alert.dedupKey),
        )
      ).map((a) => [a.dedupKey, a]),
    );
    const writes: AlertWrite[] = [];
    const written: RoundUnit[] = [];
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
    const movers = new Set<number>();

    for (const entry of units) {
      const { unit, priority } = entry.first;
      const at = receivedAt(entry.first);
      const ctx = { now: at, reopenWindowMinutes: integration.reopenWindowMinutes, priority };
      const known = existing.get(unit.alert.dedupKey);
      // A key neither inserted nor found was deleted concurrently (integration removed): skip it.
      if (!inserted.has(unit.alert.dedupKey) && !known) continue;
      const alertId = known?.id ?? entry.id;
      entry.id = alertId;
      const transition: Transition = known
        ? transitionExisting(known, unit.alert, ctx)
        : transitionNew(unit.alert, ctx);
      const firstState = states[entry.first.job] as JobState;
      firstState.summary[transition.outcome]++;
      firstState.items.push({ unit: entry, outcome: transition.outcome });
      for (const repeat of entry.repeats) {
        const state = states[repeat.job] as JobState;
        state.summary.updated++;
        state.items.push({ unit: entry, outcome: 'updated' });
      }
      if (transition.episode === 'start')
        episodesToStart.push({ alertId, teamId: team.id, startedAt: unit.alert.startsAt ?? at });
      // An episode ends when the source says it did (endsAt), not when the news arrived.
      if (transition.episode === 'end')
        episodesToEnd.push({ alertId, endedAt: transition.endsAt ?? at });
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
            columnId: routed && input.columnIds.has(routed) ? routed : input.entryColumnId,
            relatedTaskId: card.relatedTaskId,
            note: card.relatedTaskId
              ? 'opened by an alert that fired again after its card was done'
              : `opened by ${integration.name}`,
          };
          work.creates.push(creation);
          movers.add(entry.first.job);
          break;
        }
        case 'reopen':
          work.reopens.push({ taskId: card.taskId, alertTitle: unit.alert.title });
          movers.add(entry.first.job);
          break;
        case 'touch':
          if (card.raisePriority || card.refired || card.acknowledged) work.touches.push(card);
          break;
        case 'resolve':
          work.resolves.push({
            taskId: card.taskId,
            moveIfUnstarted: card.moveIfUnstarted,
            endsAt: transition.endsAt ?? at,
          });
          break;
        case 'none':
          break;
      }
      // The alert's fields as its latest observation has them; repeats change nothing else.
      const latestAlert = lastOf(entry).unit.alert;
      const endsAt =
        transition.status === 'RESOLVED' && entry.repeats.length > 0
          ? (latestAlert.endsAt ?? receivedAt(lastOf(entry)))
          : transition.endsAt;
      writes.push({
        id: alertId,
        // A recovery says nothing about how bad the alert was (Kapacitor's OK reads as INFO):
        // a known alert keeps the severity it fired with.
        alert:
          known && transition.status === 'RESOLVED'
            ? { ...latestAlert, severity: known.severity as NormalizedAlert['severity'] }
            : latestAlert,
        status: transition.status,
        endsAt,
        occurrencesDelta: (known ? 1 : 0) + entry.repeats.length,
        firingsDelta: transition.firingsDelta,
        flapsDelta: transition.flapsDelta,
        acknowledged: transition.acknowledged,
        taskId: known?.taskId ?? null,
        deliveryId: (jobs[lastOf(entry).job] as DeliveryJob).delivery.id,
      });
      written.push(entry);
    }

    const cardResult = await this.cards.apply(tx, work);
    for (const write of writes) {
      const created = cardResult.created.get(write.id);
      if (created) write.taskId = created;
    }
    await this.alerts.writeBack(tx, writes, now);
    written.forEach((entry, i) => {
      entry.taskId = (writes[i] as AlertWrite).taskId;
    });
    await this.alerts.endEpisodes(tx, episodesToEnd);
    // Each episode remembers the card the alert fed meanwhile (for the noise report).
    const cardOf = new Map(writes.map((w) => [w.id, w.taskId]));
    await this.alerts.startEpisodes(
      tx,
      episodesToStart.map((e) => ({ ...e, taskId: cardOf.get(e.alertId) ?? null })),
    );
    // Columns left over their WIP limit are reported to the deliveries that moved cards in.
    for (const j of movers)
      for (const column of cardResult.overfullColumns)
        (states[j] as JobState).overfull.set(column.columnId, column);
  }
}
