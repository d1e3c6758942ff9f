import { createHash } from 'node:crypto';

import type { AlertLink } from './normalized-alert';

// Building blocks shared by the parsers, so that every source fills a field by the same rule.

export const MAX_TITLE_LENGTH = 500;
export const MAX_DESCRIPTION_LENGTH = 10_000;

export const ENVIRONMENT_LABELS = ['env', 'environment'] as const;
export const COMPONENT_LABELS = ['service', 'component', 'job'] as const;

/** Truncates by code points, never splitting a surrogate pair, the ellipsis counted in `max`. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const codePoints = Array.from(text);
  if (codePoints.length <= max) return text;
  return `${codePoints.slice(0, max - 1).join('')}…`;
}

export function nonBlank(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value;
}

/** A card title is one line: runs of whitespace, newlines included, become one space. */
export function toTitle(text: string): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), MAX_TITLE_LENGTH);
}

export function toDescription(text: string | null): string | null {
  const value = nonBlank(text);
  return value === null ? null : truncate(value.trim(), MAX_DESCRIPTION_LENGTH);
}

export function firstValue(
  map: Readonly<Record<string, string>>,
  keys: readonly string[],
): string | null {
  for (const key of keys) {
    const value = Object.hasOwn(map, key) ? nonBlank(map[key]) : null;
    if (value !== null) return value;
  }
  return null;
}

export interface LinkCandidate {
  title: string;
  url: string | null;
}

/** Keeps absolute http(s) URLs only: a card must never render a javascript: or relative link. */
export function collectLinks(candidates: readonly LinkCandidate[]): AlertLink[] {
  const seen = new Set<string>();
  const links: AlertLink[] = [];
  for (const { title, url } of candidates) {
    const trimmed = url?.trim() ?? '';
    if (seen.has(trimmed) || !isHttpUrl(trimmed)) continue;
    seen.add(trimmed);
    links.push({ title, url: trimmed });
  }
  return links;
}

export function isHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Stable whatever order the sender serialized the labels in. */
export function labelsFingerprint(labels: Readonly<Record<string, string>>): string {
  const sorted = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256Hex(JSON.stringify(sorted));
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
