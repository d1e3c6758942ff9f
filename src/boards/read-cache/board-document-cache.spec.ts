import { BoardDocumentCache } from './board-document-cache';

const data = (n: number): Record<string, unknown> => ({ board: { n } });

describe('BoardDocumentCache', () => {
  it('serves an answer only for the version and selection it was stored at', () => {
    const cache = new BoardDocumentCache(1000);
    cache.set('b1', 3, 'q', data(1), 10);
    expect(cache.get('b1', 3, 'q')).toEqual(data(1));
    expect(cache.get('b1', 3, 'other')).toBeUndefined();
    expect(cache.get('b2', 3, 'q')).toBeUndefined();
    expect(cache.get('b1', 4, 'q')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 3 });
  });

  it("drops a board's older versions as soon as a newer one is asked for or stored", () => {
    const cache = new BoardDocumentCache(1000);
    cache.set('b1', 1, 'q', data(1), 10);
    cache.set('b1', 1, 'r', data(2), 10);
    cache.set('b2', 1, 'q', data(3), 10);
    expect(cache.get('b1', 2, 'q')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: 10 });
    cache.set('b2', 5, 'q', data(4), 10);
    expect(cache.get('b2', 1, 'q')).toBeUndefined();
    expect(cache.get('b2', 5, 'q')).toEqual(data(4));
  });

  it('never stores an older version over a newer one already seen', () => {
    const cache = new BoardDocumentCache(1000);
    cache.set('b1', 5, 'q', data(5), 10);
    cache.set('b1', 4, 'q', data(4), 10);
    expect(cache.get('b1', 5, 'q')).toEqual(data(5));
    expect(cache.stats()).toMatchObject({ entries: 1 });
  });

  it('keeps its bytes under the bound, least recently used out first', () => {
    const cache = new BoardDocumentCache(30);
    cache.set('a', 1, 'q', data(1), 10);
    cache.set('b', 1, 'q', data(2), 10);
    cache.set('c', 1, 'q', data(3), 10);
    expect(cache.get('a', 1, 'q')).toBeDefined(); // a is now the most recent
    cache.set('d', 1, 'q', data(4), 10);
    expect(cache.stats()).toMatchObject({ entries: 3, bytes: 30, evictions: 1 });
    expect(cache.get('b', 1, 'q')).toBeUndefined();
    expect(cache.get('a', 1, 'q')).toEqual(data(1));
    cache.set('e', 1, 'q', data(5), 31); // larger than the whole bound: not kept
    expect(cache.stats()).toMatchObject({ entries: 3, bytes: 30 });
  });

  it('replaces an answer stored again under the same key without counting it twice', () => {
    const cache = new BoardDocumentCache(100);
    cache.set('a', 1, 'q', data(1), 10);
    cache.set('a', 1, 'q', data(2), 20);
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: 20 });
    expect(cache.get('a', 1, 'q')).toEqual(data(2));
  });
});
