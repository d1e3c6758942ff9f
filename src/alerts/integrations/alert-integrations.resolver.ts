import {
  Args,
  Context,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { BoardsLoader } from '../../boards/boards.loader';
import { Board, Column } from '../../boards/models/board.model';
import type { GraphqlContext } from '../../common/graphql/graphql-context';
import { AlertmanagerAuth } from '../../common/graphql/enums';
import { IdArg } from '../../common/graphql/id.pipe';
import { Team } from '../../teams/models/team.model';
import { TeamsLoader } from '../../teams/teams.loader';
import { AlertsLoader } from '../alerts.loader';
import { AlertRules } from './alert-rules';
import { alertmanagerAuthOf } from './alertmanager-target';
import {
  AlertIntegration,
  AlertRulesModel,
  CreateAlertIntegrationPayload,
  RotateIntegrationTokenPayload,
} from './models/alert-integration.model';
import {
  CreateAlertIntegrationInput,
  UpdateAlertIntegrationInput,
} from './dto/alert-integration.inputs';
import {
  AlertIntegrationsService,
  DEFAULT_TOKEN_GRACE_MINUTES,
} from './alert-integrations.service';
import { Authorize, ref } from '../../auth/authorize.decorator';

@Resolver(() => AlertIntegration)
export class AlertIntegrationsResolver {
  constructor(
    private readonly integrations: AlertIntegrationsService,
    private readonly loader: AlertsLoader,
    private readonly teamsLoader: TeamsLoader,
    private readonly boardsLoader: BoardsLoader,
  ) {}

  @Query(() => [AlertIntegration], { description: "A team's alert integrations." })
  @Authorize('VIEWER', (a: { teamId: string }) => [ref.team(a.teamId)])
  alertIntegrations(@IdArg('teamId') teamId: string): Promise<AlertIntegration[]> {
    return this.integrations.list(teamId);
  }

  @Query(() => AlertIntegration)
  @Authorize('VIEWER', (a: { id: string }) => [ref.integration(a.id)])
  alertIntegration(@IdArg() id: string): Promise<AlertIntegration> {
    return this.integrations.get(id);
  }

  @Mutation(() => CreateAlertIntegrationPayload, {
    description: 'Creates a webhook endpoint; its token is shown once.',
  })
  @Authorize('ADMIN', (a: { input: CreateAlertIntegrationInput }) => [ref.team(a.input.teamId)])
  createAlertIntegration(
    @Args('input') input: CreateAlertIntegrationInput,
  ): Promise<CreateAlertIntegrationPayload> {
    return this.integrations.create(input);
  }

  @Mutation(() => AlertIntegration)
  @Authorize('ADMIN', (a: { id: string }) => [ref.integration(a.id)])
  updateAlertIntegration(
    @IdArg() id: string,
    @Args('input') input: UpdateAlertIntegrationInput,
  ): Promise<AlertIntegration> {
    return this.integrations.update(id, input);
  }

  @Mutation(() => RotateIntegrationTokenPayload, {
    description:
      'Issues a new token; the previous one keeps working for graceMinutes (default 60, 0 revokes it now).',
  })
  @Authorize('ADMIN', (a: { id: string }) => [ref.integration(a.id)])
  async rotateIntegrationToken(
    @IdArg() id: string,
    @Args('graceMinutes', { type: () => Int, nullable: true }) graceMinutes?: number | null,
  ): Promise<RotateIntegrationTokenPayload> {
    const { integration, token } = await this.integrations.rotateToken(
      id,
      graceMinutes ?? DEFAULT_TOKEN_GRACE_MINUTES,
    );
    return { integration, token, previousTokenExpiresAt: integration.previousTokenExpiresAt };
  }

  @Mutation(() => ID, {
    description:
      'Deletes the integration, its alerts, deliveries and deployments (and their links to cards); cards stay.',
  })
  @Authorize('ADMIN', (a: { id: string }) => [ref.integration(a.id)])
  async deleteAlertIntegration(@IdArg() id: string): Promise<string> {
    return (await this.integrations.delete(id)).id;
  }

  @ResolveField(() => String)
  webhookUrl(@Parent() integration: AlertIntegration): string {
    return this.integrations.webhookUrl(integration);
  }

  @ResolveField(() => Boolean, { description: 'Whether signed (HMAC) deliveries are accepted.' })
  hasHmacSecret(@Parent() integration: AlertIntegration): boolean {
    return integration.hmacSecret !== null;
  }

  @ResolveField(() => AlertmanagerAuth, {
    description: 'How silences authenticate to alertmanagerUrl (the credentials are never shown).',
  })
  alertmanagerAuth(@Parent() integration: AlertIntegration): AlertmanagerAuth {
    return alertmanagerAuthOf(integration.alertmanagerAuthorization ?? null);
  }

  @ResolveField(() => Date, {
    nullable: true,
    description: 'Until when the token replaced by the last rotation works.',
  })
  previousTokenExpiresAt(@Parent() integration: AlertIntegration): Date | null {
    return integration.previousTokenExpiresAt && integration.previousTokenExpiresAt > new Date()
      ? integration.previousTokenExpiresAt
      : null;
  }

  @ResolveField(() => AlertRulesModel)
  rules(@Parent() integration: AlertIntegration): AlertRulesModel {
    const rules = (integration.rules ?? {}) as AlertRules;
    return {
      ignore: rules.ignore ?? [],
      minSeverity: rules.minSeverity ?? null,
      priorityOverrides: rules.priorityOverrides ?? [],
      routes: rules.routes ?? [],
    };
  }

  @ResolveField(() => Team)
  async team(
    @Parent() integration: AlertIntegration,
    @Context() ctx: GraphqlContext,
  ): Promise<Team> {
    return (await this.teamsLoader.team(ctx.loaders).load(integration.teamId)) as Team;
  }

  @ResolveField(() => Board, { nullable: true })
  board(
    @Parent() integration: AlertIntegration,
    @Context() ctx: GraphqlContext,
  ): Promise<Board | null> {
    return integration.boardId
      ? this.boardsLoader.board(ctx.loaders).load(integration.boardId)
      : Promise.resolve(null);
  }

  @ResolveField(() => Column, { nullable: true })
  column(
    @Parent() integration: AlertIntegration,
    @Context() ctx: GraphqlContext,
  ): Promise<Column | null> {
    return integration.columnId
      ? this.boardsLoader.column(ctx.loaders).load(integration.columnId)
      : Promise.resolve(null);
  }

  @ResolveField(() => Column, { nullable: true })
  resolveColumn(
    @Parent() integration: AlertIntegration,
    @Context() ctx: GraphqlContext,
  ): Promise<Column | null> {
    return integration.resolveColumnId
      ? this.boardsLoader.column(ctx.loaders).load(integration.resolveColumnId)
      : Promise.resolve(null);
  }

  @ResolveField(() => Date, { nullable: true })
  lastDeliveryAt(
    @Parent() integration: AlertIntegration,
    @Context() ctx: GraphqlContext,
  ): Promise<Date | null> {
    return this.loader.lastDelivery(ctx.loaders).load(integration.id);
  }
}
