import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../common/database/prisma.service';
import { IncidentCausesRepository } from './incident-causes.repository';
import { describeSuspect, type SuspectQuery } from './suspects';

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
  constructor(private readonly causes: IncidentCausesRepository) {}

  /** Adds the suspect to each card's description; returns alertId → suspect deployment id. */
  async describe(
    tx: PrismaTx,
    teamId: string,
    windowMinutes: number,
    cards: readonly SuspectCard[],
  ): Promise<Map<string, string>> {
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
    const suspects = new Map<string, string>();
    asking.forEach((card, i) => {
      const suspect = found[i];
      if (!suspect) return;
      const text = describeSuspect(suspect, card.suspect.at);
      card.fields.description = card.fields.description
        ? `${card.fields.description}\n\n${text}`
        : text;
      suspects.set(card.alertId, suspect.id);
    });
    return suspects;
  }

  record(
    tx: PrismaTx,
    teamId: string,
    suspects: ReadonlyMap<string, string>,
    created: ReadonlyMap<string, string>,
  ): Promise<void> {
    return this.causes.recordSuspects(
      tx,
      teamId,
      [...suspects].flatMap(([alertId, deploymentId]) => {
        const taskId = created.get(alertId);
        return taskId ? [{ taskId, deploymentId }] : [];
      }),
    );
  }
}
