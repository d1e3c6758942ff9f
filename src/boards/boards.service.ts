import { Injectable } from '@nestjs/common';
import { InputError } from '../common/errors/app-error';
import { PrismaService } from '../common/database/prisma.service';
import type { Board, BoardColumn } from '../generated/prisma/client';
import { TeamsService } from '../teams/teams.service';
import { BoardNameTakenError, BoardNotFoundError, ColumnNotFoundError } from './boards.errors';
import { BoardsRepository, ColumnsRepository, NewColumn } from './boards.repository';
import {
  AddColumnInput,
  CreateBoardInput,
  MAX_COLUMNS,
  ReorderColumnsInput,
  UpdateColumnInput,
} from './dto/board.inputs';

export const DEFAULT_COLUMNS: readonly NewColumn[] = [
  { name: 'Triage', category: 'TRIAGE' },
  { name: 'To Do', category: 'TODO' },
  { name: 'In Progress', category: 'IN_PROGRESS' },
  { name: 'Review', category: 'REVIEW' },
  { name: 'Done', category: 'DONE' },
];

@Injectable()
export class BoardsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly boards: BoardsRepository,
    private readonly columns: ColumnsRepository,
    private readonly teams: TeamsService,
  ) {}

  async get(id: string): Promise<Board> {
    const board = await this.boards.findById(id);
    if (!board) throw new BoardNotFoundError(id);
    return board;
  }

  async getColumn(id: string): Promise<BoardColumn> {
    const column = await this.columns.findById(id);
    if (!column) throw new ColumnNotFoundError(id);
    return column;
  }

  async create(input: CreateBoardInput): Promise<Board> {
    await this.teams.get({ id: input.teamId });
    try {
      return await this.boards.createWithColumns(
        input.teamId,
        input.name,
        input.columns ?? [...DEFAULT_COLUMNS],
      );
    } catch (error) {
      if ((error as { code?: string }).code === 'P2002') throw new BoardNameTakenError(input.name);
      throw error;
    }
  }

  async rename(id: string, name: string): Promise<Board> {
    const board = await this.get(id);
    const trimmed = name.trim();
    if (trimmed.length < 1 || trimmed.length > 200)
      throw InputError.field('name', 'must be 1 to 200 characters');
    try {
      return await this.boards.rename(board.id, trimmed);
    } catch (error) {
      if ((error as { code?: string }).code === 'P2002') throw new BoardNameTakenError(trimmed);
      throw error;
    }
  }

  addColumn(input: AddColumnInput): Promise<BoardColumn> {
    // Positions are shifted and the new column inserted under the board's lock.
    return this.prisma.$transaction(async (tx) => {
      if (!(await this.boards.lock(tx, input.boardId))) throw new BoardNotFoundError(input.boardId);
      const existing = await this.columns.findByBoards([input.boardId], tx);
      if (existing.length >= MAX_COLUMNS) {
        throw InputError.field('input.boardId', `a board has at most ${MAX_COLUMNS} columns`);
      }
      const position = Math.min(input.position ?? existing.length, existing.length);
      return this.columns.insertAt(tx, input.boardId, position, input);
    });
  }

  async updateColumn(id: string, input: UpdateColumnInput): Promise<BoardColumn> {
    // null clears the WIP limit; the name and category cannot be cleared.
    for (const field of ['name', 'category'] as const)
      if (input[field] === null) throw InputError.field(`input.${field}`, 'must not be null');
    await this.getColumn(id);
    return this.columns.update(id, {
      name: input.name,
      category: input.category,
      wipLimit: input.wipLimit,
    });
  }

  reorderColumns(input: ReorderColumnsInput): Promise<BoardColumn[]> {
    // Every position is rewritten under the board's lock so no concurrent insert interleaves.
    return this.prisma.$transaction(async (tx) => {
      if (!(await this.boards.lock(tx, input.boardId))) throw new BoardNotFoundError(input.boardId);
      const current = await this.columns.findByBoards([input.boardId], tx);
      const currentIds = new Set(current.map((c) => c.id));
      const given = input.columnIds.map((id) => id.toLowerCase());
      if (given.length !== current.length || !given.every((id) => currentIds.has(id))) {
        throw InputError.field(
          'input.columnIds',
          'must list every column of the board exactly once',
        );
      }
      await this.columns.setPositions(tx, given);
      return this.columns.findByBoards([input.boardId], tx);
    });
  }
}
