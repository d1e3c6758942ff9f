/** One cached answer: the `data` of a board read, as it was at the board's `version`. */
interface Entry {
  boardId: string;
  version: number;
  data: Record<string, unknown>;
  bytes: number;
}

export interface BoardDocumentCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
  evictions: number;
}

/**
 * Board read answers by (board, version, selection), least recently used first out once their
 * JSON size passes `maxBytes`. An entry is only ever served for the version it was stored at:
 * when a board's version moves, its older entries can never match again, and storing or
 * asking for a newer version drops them at once rather than waiting for the LRU.
 *
 * Process-local and without locks: the version read from the database on every request decides
 * whether an entry is still current, so replicas need no coordination.
 */
export class BoardDocumentCache {
  /** Insertion order is recency order: a hit is deleted and inserted again. */
  private readonly entries = new Map<string, Entry>();
  /** Per board: the newest version seen and the keys stored under any version. */
  private readonly boards = new Map<string, { version: number; keys: Set<string> }>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(readonly maxBytes: number) {}

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  get(boardId: string, version: number, selection: string): Record<string, unknown> | undefined {
    this.forgetOlder(boardId, version);
    const key = keyOf(boardId, version, selection);
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.data;
  }

  /** Stores an answer read at `version` (or later: never earlier, see the read cache plugin). */
  set(
    boardId: string,
    version: number,
    selection: string,
    data: Record<string, unknown>,
    bytes: number,
  ): void {
    if (bytes > this.maxBytes) return;
    this.forgetOlder(boardId, version);
    const board = this.boards.get(boardId);
    if (board && board.version > version) return; // a newer version is already current
    const key = keyOf(boardId, version, selection);
    this.remove(key);
    this.entries.set(key, { boardId, version, data, bytes });
    this.bytes += bytes;
    if (board) board.keys.add(key);
    else this.boards.set(boardId, { version, keys: new Set([key]) });
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest);
      this.evictions++;
    }
  }

  stats(): BoardDocumentCacheStats {
    return {
      entries: this.entries.size,
      bytes: this.bytes,
      maxBytes: this.maxBytes,
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
    };
  }

  /** Drops the board's entries of versions before `version`. */
  private forgetOlder(boardId: string, version: number): void {
    const board = this.boards.get(boardId);
    if (!board || board.version >= version) return;
    for (const key of board.keys) this.remove(key);
    board.version = version;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
    const board = this.boards.get(entry.boardId);
    if (!board) return;
    board.keys.delete(key);
    if (board.keys.size === 0 && board.version <= entry.version) this.boards.delete(entry.boardId);
  }
}

function keyOf(boardId: string, version: number, selection: string): string {
  return `${boardId}\u0000${version}\u0000${selection}`;
}
