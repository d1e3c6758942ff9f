import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../common/database/prisma.service';
import { cardLine } from '../notifications/notification-events';
import { NotificationPublisher } from '../notifications/notification-publisher';
import { IncidentCausesRepository } from './incident-causes.repository';
import { describeSuspect, type SuspectDeployment, type SuspectQuery } from './suspects';

export interface SuspectCard {
  /** Where the card's taskId will be known once it is created. */
  alertId: string;
  suspect?: SuspectQuery | null;
  fields: { description: string };
}

/**
 * Suspect deployments of new alert cards, inside the delivery's transaction: looked up before the
 * cards are written (their description names the suspect and the version to roll back to), and
 * linked once they have ids.
 */
@Injectable()
export class SuspectsService {
  constructor(
    private readonly causes: IncidentCausesRepository,
    private readonly publisher: NotificationPublisher,
  ) {}

  /** Adds the suspect to each card's description; returns alertId → suspect deployment. */
  async describe(
    tx: PrismaTx,
    teamId: string,
    windowMinutes: number,
    cards: readonly SuspectCard[],
  ): Promise<Map<string, SuspectDeployment>> {
    const asking = cards.filter(
      (c): c is SuspectCard & { suspect: SuspectQuery } =>
        c.suspect !== null && c.suspect !== undefined,
    );
    const found = await this.causes.suspects(
      tx,
      teamId,
      windowMinutes,
      asking.map((c) => c.suspect),
    );
    const suspects = new Map<string, SuspectDeployment>();
    asking.forEach((card, i) => {
      const suspect = found[i];
      if (!suspect) return;
      const text = describeSuspect(suspect, card.suspect.at);
      card.fields.description = card.fields.description
        ? `${card.fields.description}\n\n${text}`
        : text;
      suspects.set(card.alertId, suspect);
    });
    return suspects;
  }

  /**
   * Links the created cards to their suspects and tells the team's channels
   * (deployment.suspected_incident), in the delivery's transaction.
   */
  async record(
    tx: PrismaTx,
    teamId: string,
    suspects: ReadonlyMap<string, SuspectDeployment>,
    created: ReadonlyMap<string, string>,
    at: Date,
  ): Promise<void> {
    const linked = [...suspects].flatMap(([alertId, deployment]) => {
      const taskId = created.get(alertId);
      return taskId ? [{ taskId, deployment }] : [];
    });
    if (linked.length === 0) return;
    await this.causes.recordSuspects(
      tx,
      teamId,
      linked.map(({ taskId, deployment }) => ({ taskId, deploymentId: deployment.id })),
    );
    await this.publisher.publish(
      tx,
      linked.map(({ taskId, deployment: d }) => ({
        type: 'deployment.suspected_incident' as const,
        teamId,
        occurredAt: at,
        taskId,
        summary: (card) =>
          `${cardLine(card)} may have been caused by ${d.service} ${d.version} to ${d.environment}${d.previousVersion ? `; the previous successful version is ${d.previousVersion}` : ''}`,
        data: {
          deployment: {
            id: d.id,
            service: d.service,
            environment: d.environment,
            version: d.version,
            url: d.url,
            finishedAt: d.finishedAt.toISOString(),
            commits: d.commits.slice(0, 20),
          },
          rollbackTo: d.previousVersion,
        },
      })),
    );
  }
}
