import { Injectable } from '@nestjs/common';
import { BoardsRepository, ColumnsRepository } from '../../boards/boards.repository';
import { InputError } from '../../common/errors/app-error';
import { AppConfig } from '../../config/app-config';
import type { AlertIntegration, BoardColumn } from '../../generated/prisma/client';
import { isDeploymentKind } from '../../deployments/parsers';
import { TeamsService } from '../../teams/teams.service';
import { IntegrationNotFoundError } from '../alerts.errors';
import { AlertRules } from './alert-rules';
import { alertmanagerTarget } from './alertmanager-target';
import {
  CreateAlertIntegrationInput,
  IntegrationSettingsInput,
  UpdateAlertIntegrationInput,
} from './dto/alert-integration.inputs';
import { AlertIntegrationsRepository, IntegrationData } from './alert-integrations.repository';
import { generateWebhookToken, hashToken } from './integration-token';

const SIGNING_KINDS = new Set(['GRAFANA', 'PAGERDUTY', 'GITHUB']);
export const DEFAULT_TOKEN_GRACE_MINUTES = 60;

/** Managing a team's webhook endpoints: settings, rules, and the credentials senders use. */
@Injectable()
export class AlertIntegrationsService {
  constructor(
    private readonly integrations: AlertIntegrationsRepository,
    private readonly teams: TeamsService,
    private readonly boards: BoardsRepository,
    private readonly columns: ColumnsRepository,
    private readonly config: AppConfig,
  ) {}

  webhookUrl(integration: { id: string }): string {
    return `${this.config.publicUrl}/webhooks/${integration.id}`;
  }

  async get(id: string): Promise<AlertIntegration> {
    const integration = await this.integrations.findById(id);
    if (!integration) throw new IntegrationNotFoundError(id);
    return integration;
  }

  async list(teamId: string): Promise<AlertIntegration[]> {
    await this.teams.get({ id: teamId });
    return this.integrations.findByTeam(teamId);
  }

  async create(
    input: CreateAlertIntegrationInput,
  ): Promise<{ integration: AlertIntegration; token: string; webhookUrl: string }> {
    await this.teams.get({ id: input.teamId });
    if (input.kind === 'GITHUB' && !input.hmacSecret)
      throw InputError.field(
        'input.hmacSecret',
        "is required for GITHUB: the webhook's secret, which signs every delivery",
      );
    const data = await this.settings(input.teamId, input.kind, input);
    const token = generateWebhookToken();
    const integration = await this.integrations.create({
      ...data,
      teamId: input.teamId,
      kind: input.kind,
      name: input.name,
      tokenHash: hashToken(token),
    });
    return { integration, token, webhookUrl: this.webhookUrl(integration) };
  }

  async update(id: string, input: UpdateAlertIntegrationInput): Promise<AlertIntegration> {
    const current = await this.get(id);
    const data = await this.settings(current.teamId, current.kind, input);
    return this.integrations.update(id, {
      ...data,
      ...(input.name !== undefined ? { name: input.name } : {}),
    });
  }

  /** A new token; the old one keeps working for `graceMinutes` so senders can be updated. */
  async rotateToken(
    id: string,
    graceMinutes: number,
  ): Promise<{ integration: AlertIntegration; token: string }> {
    if (!Number.isInteger(graceMinutes) || graceMinutes < 0 || graceMinutes > 10080) {
      throw InputError.field('graceMinutes', 'must be an integer from 0 to 10080 (a week)');
    }
    const current = await this.get(id);
    const token = generateWebhookToken();
    const now = new Date();
    const expires = graceMinutes > 0 ? new Date(now.getTime() + graceMinutes * 60_000) : null;
    const integration = await this.integrations.rotateToken(
      id,
      hashToken(token),
      current.tokenHash,
      expires,
      now,
    );
    return { integration, token };
  }

  async delete(id: string): Promise<AlertIntegration> {
    await this.get(id);
    return this.integrations.delete(id);
  }

  /** Checks the settings against the team's boards and the kind, and maps them to columns. */
  private async settings(
    teamId: string,
    kind: string,
    input: IntegrationSettingsInput,
  ): Promise<IntegrationData> {
    if ((input.hmacSecret || input.hmacTimestampHeader) && !SIGNING_KINDS.has(kind)) {
      throw InputError.field(
        'input.hmacSecret',
        'only GRAFANA, PAGERDUTY and GITHUB integrations accept signed deliveries',
      );
    }
    if (input.hmacTimestampHeader && kind !== 'GRAFANA') {
      throw InputError.field('input.hmacTimestampHeader', 'only GRAFANA signs a timestamp');
    }
    if (input.service && !isDeploymentKind(kind))
      throw InputError.field(
        'input.service',
        'only deployment integrations (GITHUB, GITLAB, GENERIC_DEPLOYMENT) have a service',
      );
    if (kind === 'GITHUB' && input.hmacSecret === null)
      throw InputError.field('input.hmacSecret', 'GITHUB deliveries are always signed');
    const target = alertmanagerTarget(kind, input.alertmanager);
    const boards = await this.boards.findByTeams([teamId]);
    const columns = await this.columns.findByBoards(boards.map((b) => b.id));
    const column = (id: string, field: string): BoardColumn => {
      const found = columns.find((c) => c.id === id.toLowerCase());
      if (!found) throw InputError.field(field, "is not a column of the team's boards");
      return found;
    };
    if (input.boardId && !boards.some((b) => b.id === input.boardId?.toLowerCase())) {
      throw InputError.field('input.boardId', 'is not a board of the team');
    }
    if (input.columnId) {
      const c = column(input.columnId, 'input.columnId');
      if (input.boardId && c.boardId !== input.boardId.toLowerCase())
        throw InputError.field('input.columnId', 'is not a column of boardId');
    }
    if (input.resolveColumnId) column(input.resolveColumnId, 'input.resolveColumnId');
    const rules: AlertRules | undefined = input.rules
      ? ({
          ignore: input.rules.ignore ?? [],
          minSeverity: input.rules.minSeverity ?? null,
          priorityOverrides: input.rules.priorityOverrides ?? [],
          routes: (input.rules.routes ?? []).map((route, i) => ({
            matchers: route.matchers,
            columnId: column(route.columnId, `input.rules.routes[${i}].columnId`).id,
          })),
        } as AlertRules)
      : undefined;
    return {
      boardId: input.boardId === undefined ? undefined : (input.boardId?.toLowerCase() ?? null),
      columnId: input.columnId === undefined ? undefined : (input.columnId?.toLowerCase() ?? null),
      resolveColumnId:
        input.resolveColumnId === undefined
          ? undefined
          : (input.resolveColumnId?.toLowerCase() ?? null),
      dedupBy: input.dedupBy,
      reopenWindowMinutes: input.reopenWindowMinutes,
      hmacSecret: input.hmacSecret,
      hmacTimestampHeader: input.hmacTimestampHeader,
      service: input.service === undefined ? undefined : (input.service ?? null),
      suspectWindowMinutes: input.suspectWindowMinutes,
      ...target,
      rules: rules as unknown as IntegrationData['rules'],
    };
  }

  /**
   * Where cards of the integration land by default: its column, else the TRIAGE column of its
   * board (or the team's first board), else that board's first column; null without boards.
   */
  entryColumn(
    integration: AlertIntegration,
    boards: { id: string; createdAt: Date }[],
    columns: BoardColumn[],
  ): string | null {
    if (integration.columnId && columns.some((c) => c.id === integration.columnId))
      return integration.columnId;
    const boardId =
      integration.boardId && boards.some((b) => b.id === integration.boardId)
        ? integration.boardId
        : boards[0]?.id;
    if (!boardId) return null;
    const ofBoard = columns
      .filter((c) => c.boardId === boardId)
      .sort((a, b) => a.position - b.position);
    return (ofBoard.find((c) => c.category === 'TRIAGE') ?? ofBoard[0])?.id ?? null;
  }
}
