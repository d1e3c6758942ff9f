import { Args, Context, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Board, Column } from '../boards/models/board.model';
import { InputError } from '../common/errors/app-error';
import type { GraphqlContext } from '../common/graphql/graphql-context';
import { IdArg, ParseIdPipe } from '../common/graphql/id.pipe';
import {
  Connection,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  PageArgs,
  toConnection,
} from '../common/graphql/pagination';
import { Sprint } from '../sprints/models/sprint.model';
import { Task, TaskConnection } from './models/task.model';
import { TaskMovesService } from './task-moves.service';
import { TasksLoader } from './tasks.loader';
import { TasksRepository } from './tasks.repository';
import { TeamsLoader } from '../teams/teams.loader';
import { Authorize, ref } from '../auth/authorize.decorator';

@Resolver(() => Column)
export class ColumnTasksResolver {
  constructor(
    private readonly loader: TasksLoader,
    private readonly taskRepo: TasksRepository,
    private readonly moves: TaskMovesService,
    private readonly teamsLoader: TeamsLoader,
  ) {}

  @ResolveField(() => Int, { description: 'Cards in the column now.' })
  taskCount(@Parent() column: Column, @Context() ctx: GraphqlContext): Promise<number> {
    return this.loader.cardCount(ctx.loaders).load(column.id);
  }

  @ResolveField(() => TaskConnection, { description: 'Cards in board order (rank).' })
  async tasks(
    @Parent() column: Column,
    @Args() page: PageArgs,
    @Context() ctx: GraphqlContext,
  ): Promise<Connection<Task>> {
    const first = page.first ?? DEFAULT_PAGE_SIZE;
    if (!page.after) {
      // The first page's statement also counts the column's cards (primes the count loader).
      const cards = await this.loader.firstCards(ctx.loaders, first + 1).load(column.id);
      const total = this.loader.cardCount(ctx.loaders).load(column.id);
      await this.withAssignees(cards, ctx);
      return toConnection(cards, first, await total, (t) => [t.rank, t.id], false);
    }
    const total = this.loader.cardCount(ctx.loaders).load(column.id);
    const [rank, id] = decodeCursor(page.after);
    if (typeof rank !== 'string' || typeof id !== 'string')
      throw InputError.field('after', 'is not a cursor returned by this API');
    const cards = await this.taskRepo.cardsOfColumnAfter(column.id, { rank, id }, first + 1);
    await this.withAssignees(cards, ctx);
    return toConnection(cards, first, await total, (t) => [t.rank, t.id], true);
  }

  /**
   * Loads the cards' assignees in one batch (shared by the board's columns) before the cards are
   * resolved, so each card's `assignee` is answered from memory, without a promise per card.
   */
  private async withAssignees(cards: Task[], ctx: GraphqlContext): Promise<void> {
    const ids = new Set<string>();
    for (const card of cards) if (card.assigneeId) ids.add(card.assigneeId);
    if (ids.size > 0) await this.teamsLoader.member(ctx.loaders).loadMany([...ids]);
  }

  @Mutation(() => Board, {
    description:
      'Deletes a board and its columns; its cards stay with the team, off any board (recorded in their history).',
  })
  @Authorize('ADMIN', (a: { id: string }) => [ref.board(a.id)])
  deleteBoard(@IdArg() id: string): Promise<Board> {
    return this.moves.deleteBoard(id);
  }

  @Mutation(() => Board, {
    description:
      'Removes a column; refused with COLUMN_NOT_EMPTY while it holds cards unless moveTasksToColumnId is given.',
  })
  @Authorize('ADMIN', (a: { id: string; moveTasksToColumnId?: string | null }) => [
    ref.column(a.id),
    ref.column(a.moveTasksToColumnId),
  ])
  removeColumn(
    @IdArg() id: string,
    @Args('moveTasksToColumnId', { type: () => ID, nullable: true }, ParseIdPipe)
    moveTasksToColumnId?: string | null,
  ): Promise<Board> {
    return this.moves.removeColumn(id, moveTasksToColumnId);
  }
}

@Resolver(() => Sprint)
export class SprintTasksResolver {
  constructor(private readonly loader: TasksLoader) {}

  @ResolveField(() => [Task], { description: 'Tasks in the sprint, by key.' })
  tasks(@Parent() sprint: Sprint, @Context() ctx: GraphqlContext): Promise<Task[]> {
    return this.loader.tasksOfSprint(ctx.loaders).load(sprint.id);
  }
}
