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
import { Authorize, ref } from '../auth/authorize.decorator';
import type { GraphqlContext } from '../common/graphql/graphql-context';
import { IdArg, ParseIdPipe } from '../common/graphql/id.pipe';
import { Task } from '../tasks/models/task.model';
import { DeploymentsLoader } from './deployments.loader';
import { DeploymentsService } from './deployments.service';
import { IncidentCausesService } from './incident-causes.service';
import { Deployment, DeploymentCommit, IncidentCause } from './models/deployment.model';

@Resolver(() => Deployment)
export class DeploymentsResolver {
  constructor(
    private readonly service: DeploymentsService,
    private readonly loader: DeploymentsLoader,
  ) {}

  @Query(() => [Deployment], {
    description:
      "A team's deployments, most recently started first (50 unless `first` says otherwise, at most 100).",
  })
  @Authorize('VIEWER', (a: { teamId: string }) => [ref.team(a.teamId)])
  deployments(
    @IdArg('teamId') teamId: string,
    @Args('service', { type: () => String, nullable: true }) service?: string | null,
    @Args('environment', { type: () => String, nullable: true }) environment?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
  ): Promise<Deployment[]> {
    return this.service.list(teamId, { service, environment, first });
  }

  @Query(() => Deployment)
  @Authorize('VIEWER', (a: { id: string }) => [ref.deployment(a.id)])
  deployment(@IdArg() id: string): Promise<Deployment> {
    return this.service.get(id);
  }

  @ResolveField(() => [DeploymentCommit], { description: 'The commits it brought, oldest first.' })
  commits(@Parent() d: Deployment, @Context() ctx: GraphqlContext): Promise<DeploymentCommit[]> {
    return this.loader.commits(ctx.loaders).load(d.id);
  }

  @ResolveField(() => [Task], { description: 'Tasks named by key in its commits or branch.' })
  tasks(@Parent() d: Deployment, @Context() ctx: GraphqlContext): Promise<Task[]> {
    return this.loader.tasks(ctx.loaders).load(d.id);
  }

  @ResolveField(() => Deployment, {
    nullable: true,
    description:
      'The last successful deployment of the same service and environment that had finished when this one started: what a rollback returns to.',
  })
  async previousDeployment(
    @Parent() d: Deployment,
    @Context() ctx: GraphqlContext,
  ): Promise<Deployment | null> {
    const { previousId } = await this.loader.links(ctx.loaders).load(d.id);
    return previousId ? this.loader.deployment(ctx.loaders).load(previousId) : null;
  }

  @ResolveField(() => Deployment, {
    nullable: true,
    description:
      'For a rollback, the deployment it undoes: the one it names in rollback_of, or, when it deploys the version of an earlier successful deployment, the previous deployment.',
  })
  async rollbackOf(
    @Parent() d: Deployment,
    @Context() ctx: GraphqlContext,
  ): Promise<Deployment | null> {
    const { rollbackOfId } = await this.loader.links(ctx.loaders).load(d.id);
    return rollbackOfId ? this.loader.deployment(ctx.loaders).load(rollbackOfId) : null;
  }

  @ResolveField(() => Boolean, { description: 'Whether it undoes an earlier deployment.' })
  async isRollback(@Parent() d: Deployment, @Context() ctx: GraphqlContext): Promise<boolean> {
    return (await this.loader.links(ctx.loaders).load(d.id)).rollbackOfId !== null;
  }
}

@Resolver(() => Task)
export class TaskDeploymentsResolver {
  constructor(
    private readonly loader: DeploymentsLoader,
    private readonly causes: IncidentCausesService,
  ) {}

  @Mutation(() => Task, {
    description:
      'Confirms the deployment that caused an incident card (it then counts as caused-by and makes the deployment a failed change), or clears the link with null.',
  })
  @Authorize('MEMBER', (a: { taskId: string; deploymentId?: string | null }) => [
    ref.task(a.taskId),
    ref.deployment(a.deploymentId),
  ])
  setIncidentCause(
    @IdArg('taskId') taskId: string,
    @Args('deploymentId', { type: () => ID, nullable: true }, ParseIdPipe)
    deploymentId: string | null,
  ): Promise<Task> {
    return this.causes.setCause(taskId, deploymentId ?? null);
  }

  @ResolveField(() => IncidentCause, {
    nullable: true,
    description: 'The deployment this card is suspected (or confirmed) to come from.',
  })
  async incidentCause(
    @Parent() task: Task,
    @Context() ctx: GraphqlContext,
  ): Promise<IncidentCause | null> {
    const cause = await this.loader.causeOfTask(ctx.loaders).load(task.id);
    return cause && { ...cause, confirmed: cause.confirmedAt !== null };
  }

  @ResolveField(() => Deployment, {
    nullable: true,
    description:
      "The deployment of the alert's service and environment that finished shortly before the alert started (the integration's suspectWindowMinutes), or the one the team confirmed.",
  })
  async suspectDeployment(
    @Parent() task: Task,
    @Context() ctx: GraphqlContext,
  ): Promise<Deployment | null> {
    const cause = await this.loader.causeOfTask(ctx.loaders).load(task.id);
    return cause ? this.loader.deployment(ctx.loaders).load(cause.deploymentId) : null;
  }

  @ResolveField(() => [Deployment], {
    description: 'Deployments whose commits or branch name this task, oldest link first.',
  })
  deployments(@Parent() task: Task, @Context() ctx: GraphqlContext): Promise<Deployment[]> {
    return this.loader.deploymentsOfTask(ctx.loaders).load(task.id);
  }
}

@Resolver(() => IncidentCause)
export class IncidentCauseResolver {
  constructor(private readonly loader: DeploymentsLoader) {}

  @ResolveField(() => Deployment)
  async deployment(
    @Parent() cause: IncidentCause,
    @Context() ctx: GraphqlContext,
  ): Promise<Deployment> {
    return (await this.loader.deployment(ctx.loaders).load(cause.deploymentId)) as Deployment;
  }
}
