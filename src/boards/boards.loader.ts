import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { byKey, groupByKey, LoaderCache } from '../common/graphql/loader-cache';
import type { Board, BoardColumn } from '../generated/prisma/client';
import { BoardsRepository, ColumnsRepository } from './boards.repository';

@Injectable()
export class BoardsLoader {
  constructor(
    private readonly boards: BoardsRepository,
    private readonly columns: ColumnsRepository,
  ) {}

  board(cache: LoaderCache): DataLoader<string, Board | null> {
    return cache.get(
      'board.byId',
      () =>
        new DataLoader(async (ids) =>
          byKey(
            ids,
            cache.visible(await this.boards.findByIds(ids), (b) => b.teamId),
            (b) => b.id,
          ),
        ),
    );
  }

  version(cache: LoaderCache): DataLoader<string, number> {
    return cache.get(
      'board.version',
      () =>
        new DataLoader(async (ids) => {
          const versions = await this.boards.versions(ids);
          return ids.map((id) => versions.get(id) ?? 0);
        }),
    );
  }

  boardsOfTeam(cache: LoaderCache): DataLoader<string, Board[]> {
    return cache.get(
      'board.byTeam',
      () =>
        new DataLoader(async (teamIds) =>
          groupByKey(
            teamIds,
            cache.visible(await this.boards.findByTeams(teamIds), (b) => b.teamId),
            (b) => b.teamId,
          ),
        ),
    );
  }

  column(cache: LoaderCache): DataLoader<string, BoardColumn | null> {
    return cache.get(
      'column.byId',
      () =>
        new DataLoader(async (ids) => byKey(ids, await this.columns.findByIds(ids), (c) => c.id)),
    );
  }

  columnsOfBoard(cache: LoaderCache): DataLoader<string, BoardColumn[]> {
    return cache.get(
      'column.byBoard',
      () =>
        new DataLoader(async (boardIds) =>
          groupByKey(boardIds, await this.columns.findByBoards(boardIds), (c) => c.boardId),
        ),
    );
  }
}
