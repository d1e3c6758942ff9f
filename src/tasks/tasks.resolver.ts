import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { BoardsLoader } from '../boards/boards.loader';
import { Column } from '../boards/models/board.model';
import type { GraphqlContext } from '../common/graphql/graphql-context';
import { IdArg } from '../common/graphql/id.pipe';
import { Connection } from '../common/graphql/pagination';
import { Sprint } from '../sprints/models/sprint.model';
import { SprintsLoader } from '../sprints/sprints.loader';
import { Member } from '../teams/models/member.model';
import { Team } from '../teams/models/team.model';
import { TeamsLoader } from '../teams/teams.loader';
import { CreateTaskInput, MoveTaskInput, TasksArgs, UpdateTaskInput } from './dto/task.inputs';
import { Task, TaskConnection, TaskEvent } from './models/task.model';
import { TaskCreationService } from './task-creation.service';
import { TaskMovesService } from './task-moves.service';
import { TasksLoader } from './tasks.loader';
import { TasksService } from './tasks.service';
import { Authorize, ref } from '../auth/authorize.decorator';

@Resolver(() => Task)
export class TasksResolver {
  constructor(
    private readonly tasks: TasksService,
    private readonly creation: TaskCreationService,
    private readonly moves: TaskMovesService,
    private readonly loader: TasksLoader,
    private readonly teamsLoader: TeamsLoader,
    private readonly boardsLoader: BoardsLoader,
    private readonly sprintsLoader: SprintsLoader,
  ) {}

  @Query(() => Task, { description: 'A task by id or key (e.g. SRE-42).' })
  @Authorize('VIEWER', (a: { id?: string | null; key?: string | null }) => [
    ref.task(a.id),
    ref.taskKey(a.key),
  ])
  task(
    @IdArg('id', { nullable: true }) id?: string,
    @Args('key', { type: () => String, nullable: true }) key?: string,
  ): Promise<Task> {
    return this.tasks.get({ id, key });
  }

  @Query(() => TaskConnection, {
    name: 'tasks',
    description: "A team's tasks, newest first, filtered and paged.",
  })
  @Authorize('VIEWER', (a: { teamId: string }) => [ref.team(a.teamId)])
  listTasks(@Args() args: TasksArgs): Promise<Connection<Task>> {
    return this.tasks.list(args.teamId, args.filter, args.first, args.after);
  }

  @Mutation(() => Task)
  @Authorize('MEMBER', (a: { input: CreateTaskInput }) => [
    ref.team(a.input.teamId),
    ref.board(a.input.boardId),
    ref.column(a.input.columnId),
    ref.sprint(a.input.sprintId),
    ref.member(a.input.assigneeId),
  ])
  createTask(@Args('input') input: CreateTaskInput): Promise<Task> {
    return this.creation.create(input);
  }

  @Mutation(() => Task)
  @Authorize('MEMBER', (a: { id: string; input: UpdateTaskInput }) => [
    ref.task(a.id),
    ref.member(a.input.assigneeId),
  ])
  updateTask(@IdArg() id: string, @Args('input') input: UpdateTaskInput): Promise<Task> {
    return this.tasks.update(id, input);
  }

  @Mutation(() => ID, {
    description: 'Deletes a task (kept for history and reports); returns its id.',
  })
  @Authorize('MEMBER', (a: { id: string }) => [ref.task(a.id)])
  async deleteTask(@IdArg() id: string): Promise<string> {
    return (await this.tasks.delete(id)).id;
  }

  @Mutation(() => Task, {
    description:
      'Moves a card to a column, before/after a card of it (default: at the end). WIP_LIMIT_EXCEEDED unless force.',
  })
  @Authorize('MEMBER', (a: { input: MoveTaskInput }) => [
    ref.task(a.input.taskId),
    ref.column(a.input.columnId),
    ref.task(a.input.beforeTaskId),
    ref.task(a.input.afterTaskId),
  ])
  moveTask(@Args('input') input: MoveTaskInput): Promise<Task> {
    return this.moves.move(input);
  }

  @ResolveField(() => Team)
  async team(@Parent() task: Task, @Context() ctx: GraphqlContext): Promise<Team> {
    return (await this.teamsLoader.team(ctx.loaders).load(task.teamId)) as Team;
  }

  @ResolveField(() => Column, { nullable: true })
  column(@Parent() task: Task, @Context() ctx: GraphqlContext): Promise<Column | null> {
    return task.columnId
      ? this.boardsLoader.column(ctx.loaders).load(task.columnId)
      : Promise.resolve(null);
  }

  @ResolveField(() => Sprint, { nullable: true })
  sprint(@Parent() task: Task, @Context() ctx: GraphqlContext): Promise<Sprint | null> {
    return task.sprintId
      ? this.sprintsLoader.sprint(ctx.loaders).load(task.sprintId)
      : Promise.resolve(null);
  }

  /**
   * Resolved for every card of a board, so written for speed: no parameter decorators, which
   * lets @nestjs/graphql bind it as the field's resolve function itself (graphql-js's
   * `(parent, args, context)`, no per-call execution context), and the member is returned
   * synchronously when the request has already loaded it (a column's cards load their
   * assignees with them).
   */
  @ResolveField(() => Member, { nullable: true })
  assignee(
    task: Task,
    _args: Record<string, never>,
    ctx: GraphqlContext,
  ): Member | null | Promise<Member | null> {
    if (!task.assigneeId) return null;
    const loaded = this.teamsLoader.memberIfLoaded(ctx.loaders, task.assigneeId);
    return loaded !== undefined
      ? loaded
      : this.teamsLoader.member(ctx.loaders).load(task.assigneeId);
  }

  @ResolveField(() => [TaskEvent], { description: 'Every change, oldest first.' })
  history(@Parent() task: Task, @Context() ctx: GraphqlContext): Promise<TaskEvent[]> {
    return this.loader.history(ctx.loaders).load(task.id);
  }
}
