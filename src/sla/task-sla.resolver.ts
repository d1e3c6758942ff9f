import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../common/graphql/graphql-context';
import { Task } from '../tasks/models/task.model';
import { SlaBreach, TaskSla } from './models/task-sla.model';
import { SlaLoader } from './sla.loader';

@Resolver(() => Task)
export class TaskSlaResolver {
  constructor(private readonly loader: SlaLoader) {}

  @ResolveField(() => TaskSla, {
    nullable: true,
    description:
      "The SLA clock of an alert card, read at the database's clock; null for cards without one (manual cards, priorities without targets).",
  })
  sla(@Parent() task: Task, @Context() ctx: GraphqlContext): Promise<TaskSla | null> {
    return task.source === 'ALERT'
      ? this.loader.clock(ctx.loaders).load(task.id)
      : Promise.resolve(null);
  }

  @ResolveField(() => [SlaBreach], {
    description: 'Missed SLA targets of this card, every clock included, oldest first.',
  })
  slaBreaches(@Parent() task: Task, @Context() ctx: GraphqlContext): Promise<SlaBreach[]> {
    return task.source === 'ALERT'
      ? this.loader.breaches(ctx.loaders).load(task.id)
      : Promise.resolve([]);
  }
}
