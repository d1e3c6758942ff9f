import { Context, Parent, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { Authorize, ref } from '../auth/authorize.decorator';
import { BoardNotFoundError } from '../boards/boards.errors';
import { BoardsRepository } from '../boards/boards.repository';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { IdArg } from '../common/graphql/id.pipe';
import { SprintCapacityReport } from '../reports/models/capacity-report.model';
import { SprintNotFoundError } from '../sprints/sprints.errors';
import { SprintsRepository } from '../sprints/sprints.repository';
import { TeamNotFoundError } from '../teams/teams.errors';
import { AlertActivityFeed, AlertEvent } from './feeds/alert-activity.feed';
import { BoardChangesFeed, BoardEvent } from './feeds/board-changes.feed';
import { SprintChangesFeed, SprintEvent } from './feeds/sprint-changes.feed';
import { deliver, LiveContext } from './live-context';
import type { LiveSubscription } from './live-hub';
import type { LiveSession } from './live-session';
import { AlertActivity } from './models/alert-activity.model';
import { BoardChange } from './models/board-change.model';
import { SprintChange } from './models/sprint-change.model';

function sessionOf(ctx: LiveContext): LiveSession {
  if (!ctx.session)
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      'Subscriptions run over a WebSocket (graphql-ws) on /graphql',
    );
  return ctx.session;
}

@Resolver()
export class LiveResolver {
  constructor(
    private readonly boards: BoardChangesFeed,
    private readonly sprints: SprintChangesFeed,
    private readonly alerts: AlertActivityFeed,
    private readonly boardsRepo: BoardsRepository,
    private readonly sprintsRepo: SprintsRepository,
  ) {}

  @Subscription(() => BoardChange, {
    description:
      "Every committed change to the board's cards and columns, with the board's new version. Subscribe, then read the board: apply changes newer than the version read.",
    resolve: deliver,
  })
  @Authorize('VIEWER', (a: { boardId: string }) => [ref.board(a.boardId)])
  async boardChanged(
    @IdArg('boardId') boardId: string,
    @Context() ctx: LiveContext,
  ): Promise<LiveSubscription<BoardEvent>> {
    const session = sessionOf(ctx);
    const board = await this.boardsRepo.findById(boardId);
    if (!board) throw new BoardNotFoundError(boardId);
    const version = board.revision?.version ?? 0;
    const subscription = this.boards.subscribe(
      { id: board.id, teamId: board.teamId, version },
      session,
    );
    session.track(board.teamId, subscription, () => new BoardNotFoundError(boardId));
    return subscription;
  }

  @Subscription(() => SprintChange, {
    description:
      "A sprint's capacity, reserve use, committed and completed points and flags, after every committed change that moves them.",
    resolve: deliver,
  })
  @Authorize('VIEWER', (a: { sprintId: string }) => [ref.sprint(a.sprintId)])
  async sprintChanged(
    @IdArg('sprintId') sprintId: string,
    @Context() ctx: LiveContext,
  ): Promise<LiveSubscription<SprintEvent>> {
    const session = sessionOf(ctx);
    const sprint = await this.sprintsRepo.findById(sprintId);
    if (!sprint) throw new SprintNotFoundError(sprintId);
    const subscription = this.sprints.subscribe(sprint, session);
    session.track(sprint.teamId, subscription, () => new SprintNotFoundError(sprintId));
    return subscription;
  }

  @Subscription(() => AlertActivity, {
    description: "The team's alerts as they fire, repeat, resolve and reopen their cards.",
    resolve: deliver,
  })
  @Authorize('VIEWER', (a: { teamId: string }) => [ref.team(a.teamId)])
  alertActivity(
    @IdArg('teamId') teamId: string,
    @Context() ctx: LiveContext,
  ): LiveSubscription<AlertEvent> {
    const session = sessionOf(ctx);
    const subscription = this.alerts.subscribe(teamId, session);
    session.track(teamId, subscription, () => new TeamNotFoundError(teamId));
    return subscription;
  }
}

@Resolver(() => SprintChange)
export class SprintChangeResolver {
  @ResolveField(() => SprintCapacityReport, {
    description: "The sprint's capacity report as it stands after the change.",
  })
  report(@Parent() change: SprintChange): Promise<SprintCapacityReport> {
    return change.loadReport();
  }
}
