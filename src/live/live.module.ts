import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { BoardsModule } from '../boards/boards.module';
import { GraphqlModule } from '../common/graphql/graphql.module';
import { ReportsModule } from '../reports/reports.module';
import { SprintsModule } from '../sprints/sprints.module';
import { TasksModule } from '../tasks/tasks.module';
import { AlertActivityFeed } from './feeds/alert-activity.feed';
import { BoardChangesFeed } from './feeds/board-changes.feed';
import { SprintChangesFeed } from './feeds/sprint-changes.feed';
import { LiveHub } from './live-hub';
import { LiveMetrics } from './live-metrics';
import { LiveSessions } from './live-sessions.service';
import { LiveResolver, SprintChangeResolver } from './live.resolver';
import { SubscriptionServer } from './subscription-server';

/**
 * Live updates: GraphQL subscriptions over WebSockets, fed by PostgreSQL's NOTIFY (see the
 * live_updates migration), so every replica's subscribers hear every replica's commits.
 */
@Module({
  imports: [GraphqlModule, BoardsModule, TasksModule, SprintsModule, AlertsModule, ReportsModule],
  providers: [
    LiveHub,
    LiveSessions,
    LiveMetrics,
    BoardChangesFeed,
    SprintChangesFeed,
    AlertActivityFeed,
    LiveResolver,
    SprintChangeResolver,
    SubscriptionServer,
  ],
  exports: [LiveHub, BoardChangesFeed, SprintChangesFeed, AlertActivityFeed],
})
export class LiveModule {}
