import { BoardChangeKind as K } from '../models/board-change.model';
import { coalesceChanges, parseBoardNotification, RawBoardChange } from './board-notifications';

const B = '6f1c2b9e-5d1a-4d8e-9a51-2a3f4b5c6d7e';
const T1 = '0b6f4a7c-1d2e-4f3a-8b9c-0d1e2f3a4b5c';
const T2 = '1c7a5b8d-2e3f-4a4b-9c0d-1e2f3a4b5c6d';
const C1 = '2d8b6c9e-3f4a-4b5c-8d1e-2f3a4b5c6d7e';

const card = (kind: K, taskId: string): RawBoardChange => ({
  boardId: B,
  kind,
  taskId,
  columnId: null,
});

describe('parseBoardNotification', () => {
  it('reads a change as the trigger writes it', () => {
    expect(
      parseBoardNotification(`{"b" : "${B}", "k" : "CARD_MOVED", "t" : "${T1}", "c" : null}`),
    ).toEqual({ boardId: B, kind: K.CARD_MOVED, taskId: T1, columnId: null });
  });

  it("reads a transaction's commit with the board's version, or null for a deleted board", () => {
    expect(parseBoardNotification(`{"b" : "${B}", "v" : 7}`)).toEqual({ boardId: B, version: 7 });
    expect(parseBoardNotification(`{"b" : "${B}", "v" : null}`)).toEqual({
      boardId: B,
      version: null,
    });
  });

  it.each([
    ['not JSON', 'CARD_MOVED'],
    ['no board', `{"k": "CARD_MOVED", "t": "${T1}"}`],
    ['a board that is no id', '{"b": "x", "v": 1}'],
    ['an unknown kind', `{"b": "${B}", "k": "CARD_EXPLODED"}`],
    ['a version that is no integer', `{"b": "${B}", "v": 1.5}`],
    ['an array', '[]'],
  ])('ignores %s', (_case, payload) => {
    expect(parseBoardNotification(payload)).toBeNull();
  });
});

describe('coalesceChanges', () => {
  it('keeps one change per card, in the order each card first changed', () => {
    const result = coalesceChanges([
      card(K.CARD_UPDATED, T1),
      card(K.CARD_CREATED, T2),
      card(K.CARD_RANKED, T1),
    ]);
    expect(result.map((c) => [c.taskId, c.kind])).toEqual([
      [T1, K.CARD_RANKED],
      [T2, K.CARD_CREATED],
    ]);
  });

  it('lets a created card stay created however it moved afterwards', () => {
    const result = coalesceChanges([card(K.CARD_CREATED, T1), card(K.CARD_MOVED, T1)]);
    expect(result).toEqual([card(K.CARD_CREATED, T1)]);
  });

  it('lets a deletion win over everything before it', () => {
    const result = coalesceChanges([card(K.CARD_CREATED, T1), card(K.CARD_DELETED, T1)]);
    expect(result.map((c) => c.kind)).toEqual([K.CARD_DELETED]);
  });

  it('keeps cards and columns apart', () => {
    const result = coalesceChanges([
      card(K.CARD_MOVED, T1),
      { boardId: B, kind: K.COLUMN_UPDATED, taskId: null, columnId: C1 },
      { boardId: B, kind: K.COLUMN_DELETED, taskId: null, columnId: C1 },
    ]);
    expect(result.map((c) => c.kind)).toEqual([K.CARD_MOVED, K.COLUMN_DELETED]);
  });
});
