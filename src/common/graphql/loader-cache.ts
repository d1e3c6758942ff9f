import DataLoader from 'dataloader';

/**
 * Per-request home for DataLoaders: created with each GraphQL context and dropped with it,
 * so batches never cross requests or callers. Feature `*.loader.ts` classes get-or-create
 * their loaders here by name.
 */
export class LoaderCache {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();
  private readonly settledValues = new Map<string, Map<unknown, unknown>>();

  /**
   * @param canSee whether the request's caller may read a team's objects. Loaders drop rows of
   * other teams, so a batch can never hand out another team's data (defense in depth: the
   * operation was already authorized against the objects it names).
   */
  constructor(private readonly canSee: (teamId: string) => boolean = () => true) {}

  /** The rows the caller may see. */
  visible<T>(rows: T[], teamOf: (row: T) => string): T[] {
    return rows.filter((row) => this.canSee(teamOf(row)));
  }

  /**
   * What a loader has already fetched in this request, readable without a promise. A resolver
   * that finds its value here returns it synchronously, so GraphQL completes the field (and the
   * object holding it) without a promise: for a field on every card of a board, most of the
   * cost of resolving it. Loaders write into it from their batch functions, after filtering.
   */
  settled<K, V>(name: string): Map<K, V> {
    let values = this.settledValues.get(name) as Map<K, V> | undefined;
    if (!values) {
      values = new Map<K, V>();
      this.settledValues.set(name, values);
    }
    return values;
  }

  get<K, V>(name: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = create();
      this.loaders.set(name, loader);
    }
    return loader;
  }
}

/** Orders batch results to match the keys, as DataLoader requires. */
export function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((key) => map.get(key) ?? null);
}

export function groupByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return keys.map((key) => map.get(key) ?? []);
}
