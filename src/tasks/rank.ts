/**
 * Fractional ranks: each card's position in its column is a string key, and a card moved
 * between two others gets a key strictly between theirs, so a move writes only that card.
 * Keys use the digits 0-9a-z, which sort the same under the C collation and under locale
 * collations, and never end in '0' (so there is always room before any key).
 */
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;

/** Keys longer than this trigger a rebalance of the column. */
export const MAX_RANK_LENGTH = 48;

function digit(char: string | undefined): number {
  const value = char === undefined ? 0 : DIGITS.indexOf(char);
  if (value < 0) throw new Error(`Invalid rank digit "${char}"`);
  return value;
}

export function isValidRank(key: string): boolean {
  return key.length > 0 && !key.endsWith('0') && [...key].every((c) => DIGITS.includes(c));
}

/** A key strictly between `a` and `b`; null means the start or the end of the column. */
export function rankBetween(a: string | null, b: string | null): string {
  if (a !== null && b !== null && a >= b) throw new Error(`Rank "${a}" is not before "${b}"`);
  return midpoint(a ?? '', b);
}

function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    // Shared prefix (a padded with zeros): keep it and split the rest.
    let n = 0;
    while ((a[n] ?? '0') === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const low = a === '' ? 0 : digit(a[0]);
  const high = b === null ? BASE : digit(b[0]);
  if (high - low > 1) return DIGITS[Math.round((low + high) / 2)] as string;
  // Adjacent first digits: the answer starts with a's first digit and goes one level deeper.
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return (DIGITS[low] as string) + midpoint(a.slice(1), null);
}

/**
 * `count` evenly spaced keys of one length, with room between neighbours: what a column is
 * rewritten to when its keys have grown too long.
 */
export function evenlySpacedRanks(count: number): string[] {
  if (count === 0) return [];
  // Width such that the gap between neighbours is at least BASE: ≥ one free digit between them.
  let width = 1;
  while (BASE ** width < (count + 1) * BASE) width++;
  const span = BASE ** width;
  const ranks: string[] = [];
  for (let i = 1; i <= count; i++) {
    let key = Math.floor((i * span) / (count + 1))
      .toString(BASE)
      .padStart(width, '0');
    if (key.endsWith('0')) key = `${key.slice(0, -1)}1`;
    ranks.push(key);
  }
  return ranks;
}

/** `count` keys in order strictly between `a` and `b`, splitting the interval evenly. */
export function ranksBetween(a: string | null, b: string | null, count: number): string[] {
  if (count <= 0) return [];
  const mid = rankBetween(a, b);
  const left = Math.floor((count - 1) / 2);
  return [...ranksBetween(a, mid, left), mid, ...ranksBetween(mid, b, count - 1 - left)];
}

/**
 * `count` keys in order strictly between `a` and `b`, evenly spaced over the half of the
 * interval next to `a`. For arrivals that keep coming at the same spot (alert cards go right
 * above the first card of lower priority, batch after batch): each batch leaves half of the
 * interval to the next one instead of 1/(count + 1), so keys grow by a fraction of a digit per
 * batch instead of a digit or more, and the column is rewritten (respaced) far less often.
 * Keys are computed as numbers in base 36 at the width needed, then trailing zeros are dropped
 * (a key and the key without its trailing zeros sort alike against keys without them).
 */
export function ranksAfter(a: string | null, b: string | null, count: number): string[] {
  if (count <= 0) return [];
  if (a !== null && b !== null && a >= b) throw new Error(`Rank "${a}" is not before "${b}"`);
  const base = BigInt(BASE);
  const parts = BigInt(2 * count + 2);
  for (let width = Math.max(a?.length ?? 0, b?.length ?? 0, 1); ; width++) {
    const low = a === null ? 0n : toNumber(a, width);
    const high = b === null ? base ** BigInt(width) : toNumber(b, width);
    const step = (high - low) / parts;
    if (step < 2n) continue;
    return Array.from({ length: count }, (_, i) => toKey(low + step * BigInt(i + 1), width));
  }
}

function toNumber(key: string, width: number): bigint {
  let value = 0n;
  for (let i = 0; i < width; i++) value = value * BigInt(BASE) + BigInt(digit(key[i]));
  return value;
}

function toKey(value: bigint, width: number): string {
  return value.toString(BASE).padStart(width, '0').replace(/0+$/, '');
}
