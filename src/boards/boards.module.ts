import { Module } from '@nestjs/common';
import { TeamsModule } from '../teams/teams.module';
import { BoardsLoader } from './boards.loader';
import { BoardsRepository, ColumnsRepository } from './boards.repository';
import { BoardsResolver, ColumnsResolver, TeamBoardsResolver } from './boards.resolver';
import { BoardsService } from './boards.service';
import { BoardReadCache } from './read-cache/board-read-cache';
import { BoardReadCachePlugin } from './read-cache/board-read-cache.plugin';

@Module({
  imports: [TeamsModule],
  providers: [
    BoardsRepository,
    ColumnsRepository,
    BoardsService,
    BoardsLoader,
    BoardsResolver,
    ColumnsResolver,
    TeamBoardsResolver,
    BoardReadCache,
    BoardReadCachePlugin,
  ],
  exports: [BoardsRepository, ColumnsRepository, BoardsService, BoardsLoader],
})
export class BoardsModule {}
