import { Injectable, OnModuleInit } from '@nestjs/common';
import { BoardsRepository, ColumnsRepository } from '../../boards/boards.repository';
import { DatabaseListener } from '../../common/database/database-listener';
import { AppLogger } from '../../common/logging/app-logger';
import type { BoardColumn, Task } from '../../generated/prisma/client';
import { TasksRepository } from '../../tasks/tasks.repository';
import { LiveHub, LiveSubscription } from '../live-hub';
import { LiveEvent, liveEvent } from '../live-event';
import type { LiveSession } from '../live-session';
import { BoardChange, BoardChangeKind } from '../models/board-change.model';
import {
  BoardCommit,
  coalesceChanges,
  parseBoardNotification,
  RawBoardChange,
} from './board-notifications';

interface Commit {
  boardId: string;
  version: number | null;
  changes: RawBoardChange[];
}

export type BoardEvent = LiveEvent<BoardChange>;

const topic = (boardId: string): string => `board:${boardId}`;

/**
 * Board changes as the database announces them (`loopboard_board`, see the live_updates
 * migration): a transaction's changes arrive together, followed by the board's new version.
 * Each transaction's changes are coalesced per card and column, the cards and columns re-read
 * once for every subscriber of this process, and published in commit order.
 */
@Injectable()
export class BoardChangesFeed implements OnModuleInit {
  private readonly pending = new Map<string, RawBoardChange[]>();
  private commits: Commit[] = [];
  private scheduled = false;
  private flushing: Promise<void> = Promise.resolve();
  /** Teams of subscribed boards (a board never changes team) and their last published version. */
  private readonly boards = new Map<string, { teamId: string; version: number }>();

  constructor(
    private readonly listener: DatabaseListener,
    private readonly hub: LiveHub,
    private readonly boardsRepo: BoardsRepository,
    private readonly columnsRepo: ColumnsRepository,
    private readonly tasksRepo: TasksRepository,
    private readonly logger: AppLogger,
  ) {}

  onModuleInit(): void {
    this.listener.on('loopboard_board', (payload) => this.receive(payload));
    this.listener.onResync(() => void this.resyncAll());
  }

  subscribe(
    board: { id: string; teamId: string; version: number },
    session: LiveSession,
  ): LiveSubscription<BoardEvent> {
    const known = this.boards.get(board.id);
    if (!known || known.version < board.version)
      this.boards.set(board.id, { teamId: board.teamId, version: board.version });
    return this.hub.subscribe<BoardEvent>(topic(board.id), {
      allowed: (event) => session.canSee(event.teamId),
      overflow: () => this.resyncEvent(board.id),
    });
  }

  /** Waits until what was announced so far is published (for tests and shutdown). */
  settled(): Promise<void> {
    return this.flushing;
  }

  private receive(payload: string): void {
    const message = parseBoardNotification(payload);
    if (!message) {
      this.logger.warn(`Ignored a malformed board notification: ${payload.slice(0, 200)}`, 'Live');
      return;
    }
    if (!this.hub.has(topic(message.boardId))) {
      this.pending.delete(message.boardId);
      return;
    }
    if ('version' in message) return this.commit(message);
    const list = this.pending.get(message.boardId);
    if (list) list.push(message);
    else this.pending.set(message.boardId, [message]);
  }

  private commit(commit: BoardCommit): void {
    const changes = coalesceChanges(this.pending.get(commit.boardId) ?? []);
    this.pending.delete(commit.boardId);
    this.commits.push({ ...commit, changes });
    if (this.scheduled) return;
    this.scheduled = true;
    // Commits heard in the same turn are re-read together; publishing stays in commit order.
    setImmediate(() => {
      this.scheduled = false;
      const batch = this.commits;
      this.commits = [];
      this.flushing = this.flushing.then(() => this.publish(batch));
    });
  }

  private async publish(batch: Commit[]): Promise<void> {
    let tasks: Map<string, Task>;
    let columns: Map<string, BoardColumn>;
    try {
      ({ tasks, columns } = await this.reread(batch));
    } catch (error) {
      // The database cannot be read now: subscribers re-read the board when they can.
      this.logger.warn(
        `Could not read announced board changes: ${error instanceof Error ? error.message : String(error)}`,
        'Live',
      );
      for (const { boardId, version } of batch) {
        if (version !== null) this.remember(boardId, version);
        this.publishResync(boardId);
      }
      return;
    }
    for (const commit of batch) this.publishCommit(commit, tasks, columns);
  }

  private async reread(
    batch: Commit[],
  ): Promise<{ tasks: Map<string, Task>; columns: Map<string, BoardColumn> }> {
    const taskIds = new Set<string>();
    const columnIds = new Set<string>();
    for (const { changes } of batch) {
      for (const change of changes) {
        if (change.taskId && change.kind !== BoardChangeKind.CARD_DELETED)
          taskIds.add(change.taskId);
        if (change.columnId) columnIds.add(change.columnId);
      }
    }
    // Deleted cards are gone for subscribers.
    const tasks = taskIds.size
      ? (await this.tasksRepo.findByIds([...taskIds])).filter((t) => !t.deletedAt)
      : [];
    for (const task of tasks) if (task.columnId) columnIds.add(task.columnId);
    const columns = columnIds.size ? await this.columnsRepo.findByIds([...columnIds]) : [];
    return {
      tasks: new Map(tasks.map((t) => [t.id, t])),
      columns: new Map(columns.map((c) => [c.id, c])),
    };
  }

  private publishCommit(
    commit: Commit,
    tasks: Map<string, Task>,
    columns: Map<string, BoardColumn>,
  ): void {
    const board = this.boards.get(commit.boardId);
    if (!board) return;
    const { boardId } = commit;
    if (commit.version === null) {
      const event = liveEvent(
        board.teamId,
        this.change(boardId, board.version, {
          kind: BoardChangeKind.BOARD_DELETED,
        }),
      );
      this.hub.publish(topic(boardId), event);
      this.hub.end(topic(boardId));
      this.boards.delete(boardId);
      return;
    }
    this.remember(boardId, commit.version);
    const version = commit.version;
    // One event object per change, shared by this board's subscribers with one set of loaders.
    const shared = liveEvent(board.teamId, null);
    for (const raw of commit.changes) {
      const task = raw.taskId ? (tasks.get(raw.taskId) ?? null) : null;
      const column = raw.columnId ? (columns.get(raw.columnId) ?? null) : null;
      const onBoard = (columnId: string | null): boolean =>
        columnId !== null && columns.get(columnId)?.boardId === boardId;
      const change = this.change(boardId, version, {
        kind: raw.kind,
        taskId: raw.taskId,
        task: task && onBoard(task.columnId) ? task : null,
        columnId: raw.columnId,
        column: column && column.boardId === boardId ? column : null,
      });
      this.hub.publish(topic(boardId), { ...shared, change });
    }
  }

  private change(
    boardId: string,
    version: number,
    fields: Partial<BoardChange> & { kind: BoardChangeKind },
  ): BoardChange {
    return { boardId, version, taskId: null, task: null, columnId: null, column: null, ...fields };
  }

  private remember(boardId: string, version: number): void {
    const board = this.boards.get(boardId);
    if (board && board.version < version) board.version = version;
  }

  private resyncEvent(boardId: string): BoardEvent {
    const board = this.boards.get(boardId);
    return liveEvent(
      board?.teamId ?? '',
      this.change(boardId, board?.version ?? 0, { kind: BoardChangeKind.RESYNC }),
    );
  }

  private publishResync(boardId: string): void {
    this.hub.publish(topic(boardId), this.resyncEvent(boardId));
  }

  /** The listener reconnected: what was committed meanwhile was not heard. */
  private async resyncAll(): Promise<void> {
    this.pending.clear();
    const ids = this.hub.topicsWith('board:').map((t) => t.slice('board:'.length));
    try {
      if (ids.length)
        for (const [id, version] of await this.boardsRepo.versions(ids)) this.remember(id, version);
    } catch {
      // Versions stay as last heard; the clients' own check of board.version decides.
    }
    for (const id of ids) this.publishResync(id);
  }
}
