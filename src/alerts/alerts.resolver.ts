import {
  Args,
  Context,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import type { GraphqlContext } from '../common/graphql/graphql-context';
import { AlertStatus, TaskResolution } from '../common/graphql/enums';
import { IdArg } from '../common/graphql/id.pipe';
import { Connection, PageArgs } from '../common/graphql/pagination';
import { Task } from '../tasks/models/task.model';
import { Team } from '../teams/models/team.model';
import { TasksService } from '../tasks/tasks.service';
import { alertSettingsOf, SEVERITIES } from './alert-settings';
import { UpdateAlertSettingsInput } from './dto/alert-settings.inputs';
import { AlertSettingsModel } from './models/alert-settings.model';
import { AlertSettingsService } from './alert-settings.service';
import {
  Alert,
  AlertConnection,
  DeliveryItem,
  WebhookDelivery,
  WebhookDeliveryConnection,
} from './models/alert.model';
import { AlertsLoader } from './alerts.loader';
import { AlertsService } from './alerts.service';
import { AlertIntegration } from './integrations/models/alert-integration.model';
import { WebhookIngestService } from './webhooks/webhook-ingest.service';
import { Authorize, ref } from '../auth/authorize.decorator';

@Resolver(() => Alert)
export class AlertsResolver {
  constructor(
    private readonly alerts: AlertsService,
    private readonly tasks: TasksService,
    private readonly loader: AlertsLoader,
  ) {}

  @Query(() => AlertConnection, {
    name: 'alerts',
    description: "A team's alerts, most recently seen first.",
  })
  @Authorize('VIEWER', (a: { teamId: string }) => [ref.team(a.teamId)])
  listAlerts(
    @IdArg('teamId') teamId: string,
    @Args() page: PageArgs,
    @Args('status', { type: () => AlertStatus, nullable: true }) status?: AlertStatus,
  ): Promise<Connection<Alert>> {
    return this.alerts.list(teamId, status, page.first, page.after);
  }

  @Query(() => Alert)
  @Authorize('VIEWER', (a: { id: string }) => [ref.alert(a.id)])
  alert(@IdArg() id: string): Promise<Alert> {
    return this.alerts.get(id);
  }

  @Mutation(() => Alert, { description: 'Lifts the mute a won’t-fix close put on an alert.' })
  @Authorize('MEMBER', (a: { id: string }) => [ref.alert(a.id)])
  unmuteAlert(@IdArg() id: string): Promise<Alert> {
    return this.alerts.unmute(id);
  }

  @ResolveField(() => Task, { nullable: true, description: 'The card this alert feeds.' })
  async task(@Parent() alert: Alert): Promise<Task | null> {
    if (!alert.taskId) return null;
    return this.tasks.get({ id: alert.taskId }).catch(() => null);
  }

  @ResolveField(() => AlertIntegration)
  async integration(
    @Parent() alert: Alert,
    @Context() ctx: GraphqlContext,
  ): Promise<AlertIntegration> {
    return (await this.loader
      .integration(ctx.loaders)
      .load(alert.integrationId)) as AlertIntegration;
  }
}

@Resolver(() => Task)
export class TaskAlertsResolver {
  constructor(
    private readonly alerts: AlertsService,
    private readonly tasks: TasksService,
    private readonly loader: AlertsLoader,
  ) {}

  @ResolveField('alerts', () => [Alert], { description: 'Alerts feeding this card.' })
  alertsOfTask(@Parent() task: Task, @Context() ctx: GraphqlContext): Promise<Alert[]> {
    return this.loader.alertsOfTask(ctx.loaders).load(task.id);
  }

  @ResolveField(() => Int, { description: 'Times a re-firing alert reopened this card.' })
  reopenCount(@Parent() task: Task & { reopenCount?: number }): number {
    return task.reopenCount ?? 0;
  }

  @ResolveField(() => TaskResolution, {
    nullable: true,
    description: 'How the card ended (WONT_FIX mutes its alerts).',
  })
  resolution(@Parent() task: Task & { resolution?: TaskResolution | null }): TaskResolution | null {
    return task.resolution ?? null;
  }

  @ResolveField(() => Task, {
    nullable: true,
    description: 'The earlier card of the same alert, for a card opened by a late re-fire.',
  })
  async relatedTask(
    @Parent() task: Task & { relatedTaskId?: string | null },
  ): Promise<Task | null> {
    return task.relatedTaskId ? this.tasks.get({ id: task.relatedTaskId }).catch(() => null) : null;
  }

  @Mutation(() => Task, {
    description:
      "Closes a card as won't fix: it goes to DONE and its alerts are muted until muteUntil (default: for good).",
  })
  @Authorize('MEMBER', (a: { taskId: string }) => [ref.task(a.taskId)])
  closeTaskAsWontFix(
    @IdArg('taskId') taskId: string,
    @Args('muteUntil', { type: () => Date, nullable: true }) muteUntil?: Date | null,
  ): Promise<Task> {
    return this.alerts.closeAsWontFix(taskId, muteUntil ?? null);
  }
}

@Resolver(() => AlertIntegration)
export class DeliveriesResolver {
  constructor(
    private readonly alerts: AlertsService,
    private readonly ingest: WebhookIngestService,
  ) {}

  @Query(() => WebhookDeliveryConnection, {
    description: 'Payloads received by an integration, newest first.',
  })
  @Authorize('VIEWER', (a: { integrationId: string }) => [ref.integration(a.integrationId)])
  webhookDeliveries(
    @IdArg('integrationId') integrationId: string,
    @Args() page: PageArgs,
  ): Promise<Connection<WebhookDelivery>> {
    return this.alerts.deliveriesOf(integrationId, page.first, page.after);
  }

  @Mutation(() => WebhookDelivery, {
    description: 'Processes a stored delivery again; returns the new delivery.',
  })
  @Authorize('ADMIN', (a: { id: string }) => [ref.delivery(a.id)])
  replayWebhookDelivery(@IdArg() id: string): Promise<WebhookDelivery> {
    return this.ingest.replay(id);
  }
}

@Resolver(() => Team)
export class TeamAlertSettingsResolver {
  constructor(private readonly settings: AlertSettingsService) {}

  @ResolveField(() => AlertSettingsModel, {
    description: 'Priority and estimate of alert cards by severity.',
  })
  alertSettings(
    @Parent() team: Team & { alertPriorities?: unknown; alertEstimates?: unknown },
  ): AlertSettingsModel {
    const settings = alertSettingsOf({
      alertPriorities: team.alertPriorities ?? null,
      alertEstimates: team.alertEstimates ?? null,
    });
    return {
      priorities: SEVERITIES.map((severity) => ({
        severity,
        priority: settings.priorities[severity],
      })),
      estimates: SEVERITIES.map((severity) => ({ severity, points: settings.estimates[severity] })),
    };
  }

  @Mutation(() => Team)
  @Authorize('ADMIN', (a: { input: UpdateAlertSettingsInput }) => [ref.team(a.input.teamId)])
  updateAlertSettings(@Args('input') input: UpdateAlertSettingsInput): Promise<Team> {
    return this.settings.update(input);
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @ResolveField(() => [DeliveryItem], {
    description:
      'The alerts this delivery touched and their cards (first 1,000): delivery → alert → card.',
  })
  items(@Parent() delivery: WebhookDelivery): DeliveryItem[] {
    const summary = delivery.summary as { alerts?: DeliveryItem[] } | null;
    return summary?.alerts ?? [];
  }
}

@Resolver(() => DeliveryItem)
export class DeliveryItemResolver {
  constructor(
    private readonly alerts: AlertsService,
    private readonly tasks: TasksService,
  ) {}

  @ResolveField(() => Alert, { nullable: true })
  alert(@Parent() item: DeliveryItem): Promise<Alert | null> {
    return this.alerts.get(item.alertId).catch(() => null);
  }

  @ResolveField(() => Task, { nullable: true })
  task(@Parent() item: DeliveryItem): Promise<Task | null> {
    return item.taskId
      ? this.tasks.get({ id: item.taskId }).catch(() => null)
      : Promise.resolve(null);
  }
}
