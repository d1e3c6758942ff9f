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
import { IdArg } from '../common/graphql/id.pipe';
import { Team } from '../teams/models/team.model';
import { TeamsLoader } from '../teams/teams.loader';
import { BoardsLoader } from './boards.loader';
import { BoardsService } from './boards.service';
import {
  AddColumnInput,
  CreateBoardInput,
  ReorderColumnsInput,
  UpdateColumnInput,
} from './dto/board.inputs';
import { Board, Column } from './models/board.model';
import { Authorize, ref } from '../auth/authorize.decorator';

@Resolver(() => Board)
export class BoardsResolver {
  constructor(
    private readonly boards: BoardsService,
    private readonly loader: BoardsLoader,
    private readonly teamsLoader: TeamsLoader,
  ) {}

  @Query(() => Board)
  @Authorize('VIEWER', (a: { id: string }) => [ref.board(a.id)])
  board(@IdArg() id: string): Promise<Board> {
    return this.boards.get(id);
  }

  @Mutation(() => Board, {
    description:
      'Creates a board; without columns it gets Triage, To Do, In Progress, Review, Done.',
  })
  @Authorize('ADMIN', (a: { input: CreateBoardInput }) => [ref.team(a.input.teamId)])
  createBoard(@Args('input') input: CreateBoardInput): Promise<Board> {
    return this.boards.create(input);
  }

  @Mutation(() => Board)
  @Authorize('ADMIN', (a: { id: string }) => [ref.board(a.id)])
  renameBoard(@IdArg() id: string, @Args('name') name: string): Promise<Board> {
    return this.boards.rename(id, name);
  }

  @ResolveField(() => Team)
  async team(@Parent() board: Board, @Context() ctx: GraphqlContext): Promise<Team> {
    return (await this.teamsLoader.team(ctx.loaders).load(board.teamId)) as Team;
  }

  @ResolveField(() => Int, {
    description:
      "Bumped once by every committed transaction that changes the board's cards or columns: a client that reconnects compares it with the version it shows and re-reads only when it moved.",
  })
  version(@Parent() board: Board, @Context() ctx: GraphqlContext): number | Promise<number> {
    if (board.revision !== undefined) return board.revision?.version ?? 0;
    return this.loader.version(ctx.loaders).load(board.id);
  }

  @ResolveField(() => [Column], { description: 'Columns in board order.' })
  columns(@Parent() board: Board, @Context() ctx: GraphqlContext): Promise<Column[]> {
    return this.loader.columnsOfBoard(ctx.loaders).load(board.id);
  }
}

@Resolver(() => Column)
export class ColumnsResolver {
  constructor(
    private readonly boards: BoardsService,
    private readonly loader: BoardsLoader,
  ) {}

  @Mutation(() => Column)
  @Authorize('ADMIN', (a: { input: AddColumnInput }) => [ref.board(a.input.boardId)])
  addColumn(@Args('input') input: AddColumnInput): Promise<Column> {
    return this.boards.addColumn(input);
  }

  @Mutation(() => Column, {
    description: 'Renames, recategorizes or changes the WIP limit (null removes it).',
  })
  @Authorize('ADMIN', (a: { id: string }) => [ref.column(a.id)])
  updateColumn(@IdArg() id: string, @Args('input') input: UpdateColumnInput): Promise<Column> {
    return this.boards.updateColumn(id, input);
  }

  @Mutation(() => [Column])
  @Authorize('ADMIN', (a: { input: ReorderColumnsInput }) => [ref.board(a.input.boardId)])
  reorderColumns(@Args('input') input: ReorderColumnsInput): Promise<Column[]> {
    return this.boards.reorderColumns(input);
  }

  @ResolveField(() => Board)
  async board(@Parent() column: Column, @Context() ctx: GraphqlContext): Promise<Board> {
    return (await this.loader.board(ctx.loaders).load(column.boardId)) as Board;
  }
}

@Resolver(() => Team)
export class TeamBoardsResolver {
  constructor(private readonly loader: BoardsLoader) {}

  @ResolveField(() => [Board], { description: 'Boards of the team, oldest first.' })
  boards(@Parent() team: Team, @Context() ctx: GraphqlContext): Promise<Board[]> {
    return this.loader.boardsOfTeam(ctx.loaders).load(team.id);
  }
}
