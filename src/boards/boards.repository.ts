import { Injectable } from '@nestjs/common';
import { PrismaService, PrismaTx } from '../common/database/prisma.service';
import type { Board, BoardColumn, ColumnCategory } from '../generated/prisma/client';

/**
 * A board read with its version in the same statement: read before anything else of the board,
 * so a client that later sees a newer version in an event knows it has to apply it.
 */
export type VersionedBoard = Board & { revision: { version: number } | null };
const withVersion = { revision: { select: { version: true } } } as const;

export interface NewColumn {
  name: string;
  category: ColumnCategory;
  wipLimit?: number | null;
}

@Injectable()
export class BoardsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string, tx: PrismaTx = this.prisma): Promise<VersionedBoard | null> {
    return tx.board.findUnique({ where: { id }, include: withVersion });
  }

  findByIds(ids: readonly string[]): Promise<VersionedBoard[]> {
    return this.prisma.board.findMany({ where: { id: { in: [...ids] } }, include: withVersion });
  }

  findByTeams(teamIds: readonly string[]): Promise<VersionedBoard[]> {
    return this.prisma.board.findMany({
      where: { teamId: { in: [...teamIds] } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      include: withVersion,
    });
  }

  /** The board's team and current version in one statement (null: no such board). */
  async stamp(id: string): Promise<{ teamId: string; version: number } | null> {
    const rows = await this.prisma.$queryRaw<{ teamId: string; version: number }[]>`
      SELECT b.team_id AS "teamId", coalesce(v.version, 0)::int AS version
      FROM boards b LEFT JOIN board_versions v ON v.board_id = b.id
      WHERE b.id = ${id}::uuid`;
    return rows[0] ?? null;
  }

  /** Current versions (0: not changed since versions began). */
  async versions(ids: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.prisma.boardVersion.findMany({ where: { boardId: { in: [...ids] } } });
    return new Map(rows.map((r) => [r.boardId, r.version]));
  }

  /** The team's first board (oldest), where cards go when no board is named. */
  findFirstOfTeam(teamId: string): Promise<Board | null> {
    return this.prisma.board.findFirst({
      where: { teamId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  createWithColumns(teamId: string, name: string, columns: NewColumn[]): Promise<Board> {
    return this.prisma.board.create({
      data: {
        teamId,
        name,
        columns: {
          create: columns.map((c, position) => ({
            name: c.name,
            category: c.category,
            wipLimit: c.wipLimit ?? null,
            position,
          })),
        },
      },
    });
  }

  rename(id: string, name: string): Promise<Board> {
    return this.prisma.board.update({ where: { id }, data: { name } });
  }

  delete(id: string, tx: PrismaTx = this.prisma): Promise<Board> {
    return tx.board.delete({ where: { id } });
  }

  /** Locks the board row: column layout changes (insert, reorder, remove) run one at a time. */
  async lock(tx: PrismaTx, id: string): Promise<boolean> {
    const rows = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM boards WHERE id = ${id}::uuid FOR UPDATE`;
    return rows.length === 1;
  }
}

@Injectable()
export class ColumnsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string, tx: PrismaTx = this.prisma): Promise<BoardColumn | null> {
    return tx.boardColumn.findUnique({ where: { id } });
  }

  findByIds(ids: readonly string[]): Promise<BoardColumn[]> {
    return this.prisma.boardColumn.findMany({ where: { id: { in: [...ids] } } });
  }

  findByBoards(boardIds: readonly string[], tx: PrismaTx = this.prisma): Promise<BoardColumn[]> {
    return tx.boardColumn.findMany({
      where: { boardId: { in: [...boardIds] } },
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
    });
  }

  /** Columns of a board together with the board's team, for validating where a card may go. */
  findWithTeam(
    id: string,
    tx: PrismaTx = this.prisma,
  ): Promise<(BoardColumn & { board: Board }) | null> {
    return tx.boardColumn.findUnique({ where: { id }, include: { board: true } });
  }

  /** The column a new card lands in when only a board is given: first BACKLOG, else TODO, else first. */
  async findEntryColumn(boardId: string, tx: PrismaTx = this.prisma): Promise<BoardColumn | null> {
    const columns = await this.findByBoards([boardId], tx);
    return (
      columns.find((c) => c.category === 'BACKLOG') ??
      columns.find((c) => c.category === 'TODO') ??
      columns[0] ??
      null
    );
  }

  async insertAt(
    tx: PrismaTx,
    boardId: string,
    position: number,
    column: NewColumn,
  ): Promise<BoardColumn> {
    await tx.boardColumn.updateMany({
      where: { boardId, position: { gte: position } },
      data: { position: { increment: 1 } },
    });
    return tx.boardColumn.create({
      data: {
        boardId,
        position,
        name: column.name,
        category: column.category,
        wipLimit: column.wipLimit ?? null,
      },
    });
  }

  update(
    id: string,
    data: { name?: string; category?: ColumnCategory; wipLimit?: number | null },
  ): Promise<BoardColumn> {
    return this.prisma.boardColumn.update({ where: { id }, data });
  }

  async setPositions(tx: PrismaTx, orderedIds: string[]): Promise<void> {
    for (const [position, id] of orderedIds.entries()) {
      await tx.boardColumn.update({ where: { id }, data: { position } });
    }
  }

  async deleteAndClose(tx: PrismaTx, column: BoardColumn): Promise<void> {
    await tx.boardColumn.delete({ where: { id: column.id } });
    await tx.boardColumn.updateMany({
      where: { boardId: column.boardId, position: { gt: column.position } },
      data: { position: { decrement: 1 } },
    });
  }

  /**
   * Locks the column row until the transaction ends. Every write that adds a card to a column
   * or ranks cards in it takes this lock, so WIP limits and ranks hold across replicas.
   */
  async lock(tx: PrismaTx, id: string): Promise<BoardColumn | null> {
    const rows = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM board_columns WHERE id = ${id}::uuid FOR UPDATE`;
    if (rows.length === 0) return null;
    return tx.boardColumn.findUnique({ where: { id } });
  }
}
