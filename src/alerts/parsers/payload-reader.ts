import { PayloadError } from './normalized-alert';

// Typed readers over untrusted JSON. Every check throws PayloadError naming the exact path, so a
// 400 answer tells the sender which field to fix, and no parser ever trips over a TypeError.

export type JsonObject = Record<string, unknown>;

/** Longest accepted string in any field we read, in UTF-8 bytes. */
export const MAX_STRING_BYTES = 64 * 1024;
/** Most labels (or annotations, tags) accepted on one alert. */
export const MAX_MAP_ENTRIES = 200;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** A UTF-16 surrogate without its other half (String#isWellFormed needs ES2024). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function childPath(parent: string, key: string): string {
  if (!IDENTIFIER.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

export function itemPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function fail(path: string, requirement: string): never {
  throw new PayloadError(path, `${path === '' ? 'The body' : path} ${requirement}`);
}

function failType(path: string, requirement: string, value: unknown): never {
  fail(path, `${requirement} (got ${describeValue(value)})`);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property only: JSON keys such as `constructor` must not reach Object.prototype. */
export function field(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

export function readObject(value: unknown, path: string): JsonObject {
  if (!isObject(value)) failType(path, 'must be a JSON object', value);
  return value;
}

export function readOptionalObject(
  obj: JsonObject,
  key: string,
  parent: string,
): JsonObject | null {
  const value = field(obj, key);
  if (value === undefined || value === null) return null;
  return readObject(value, childPath(parent, key));
}

export function checkStringSize(value: string, path: string): string {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short strings skip the byte count.
  if (value.length * 3 > MAX_STRING_BYTES && Buffer.byteLength(value, 'utf8') > MAX_STRING_BYTES) {
    fail(path, `is longer than ${MAX_STRING_BYTES} bytes`);
  }
  // PostgreSQL text and jsonb cannot hold NUL or an unpaired surrogate ("\ud800"): refuse them
  // here, naming the field, rather than fail the transaction with a 500.
  if (value.includes('\u0000')) fail(path, 'must not contain NUL characters (\\u0000)');
  if (LONE_SURROGATE.test(value))
    fail(path, 'must be valid Unicode (it has an unpaired surrogate)');
  return value;
}

export function readStringValue(value: unknown, path: string): string {
  if (typeof value !== 'string') failType(path, 'must be a string', value);
  return checkStringSize(value, path);
}

export function readString(obj: JsonObject, key: string, parent: string): string {
  const path = childPath(parent, key);
  const value = field(obj, key);
  if (value === undefined || value === null) fail(path, 'is required');
  return readStringValue(value, path);
}

/** Absent and null both mean "not given": sources serialize unset fields either way. */
export function readOptionalString(obj: JsonObject, key: string, parent: string): string | null {
  const value = field(obj, key);
  if (value === undefined || value === null) return null;
  return readStringValue(value, childPath(parent, key));
}

export function readOptionalNumber(obj: JsonObject, key: string, parent: string): number | null {
  const value = field(obj, key);
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    failType(childPath(parent, key), 'must be a number', value);
  }
  return value;
}

export function readArrayValue(value: unknown, path: string, maxItems?: number): unknown[] {
  if (!Array.isArray(value)) failType(path, 'must be an array', value);
  if (maxItems !== undefined && value.length > maxItems) {
    fail(path, `must have at most ${maxItems} items (got ${value.length})`);
  }
  return value;
}

export function readArray(
  obj: JsonObject,
  key: string,
  parent: string,
  maxItems?: number,
): unknown[] {
  const path = childPath(parent, key);
  const value = field(obj, key);
  if (value === undefined || value === null) fail(path, 'is required');
  return readArrayValue(value, path, maxItems);
}

export function readOptionalArray(
  obj: JsonObject,
  key: string,
  parent: string,
  maxItems?: number,
): unknown[] | null {
  const value = field(obj, key);
  if (value === undefined || value === null) return null;
  return readArrayValue(value, childPath(parent, key), maxItems);
}

export function readStringMapValue(value: unknown, path: string): Record<string, string> {
  if (!isObject(value)) failType(path, 'must be an object of strings', value);
  const entries = Object.entries(value);
  if (entries.length > MAX_MAP_ENTRIES) {
    fail(path, `must have at most ${MAX_MAP_ENTRIES} entries (got ${entries.length})`);
  }
  for (const [key, entry] of entries) {
    checkStringSize(key, path);
    if (typeof entry !== 'string') {
      const culprit = `${JSON.stringify(key)} is ${describeValue(entry)}`;
      fail(path, `must be an object of strings (${culprit})`);
    }
    checkStringSize(entry, childPath(path, key));
  }
  // fromEntries defines own properties, so a "__proto__" label stays a label.
  return Object.fromEntries(entries as [string, string][]);
}

export function readStringMap(
  obj: JsonObject,
  key: string,
  parent: string,
): Record<string, string> {
  const value = field(obj, key);
  if (value === undefined || value === null) return {};
  return readStringMapValue(value, childPath(parent, key));
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Strict RFC 3339: `Date.parse` accepts free text, rolls 31 February over to March and reads a
 * missing offset as server-local time, none of which a webhook should silently get away with.
 */
export function parseRfc3339(text: string): Date | null {
  const match = RFC3339.exec(text);
  if (match === null) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = match as unknown as string[];
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const [hour, minute, second] = [Number(h), Number(mi), Number(s)];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const [oh, om] = [Number(zone!.slice(1, 3)), Number(zone!.slice(4, 6))];
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (zone!.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const millis = Number((fraction ?? '').slice(0, 3).padEnd(3, '0'));
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to the 1900s (Alertmanager's year 1).
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, Math.min(second, 59), millis);
  return new Date(date.getTime() - offsetMinutes * 60_000);
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2
    ? leap
      ? 29
      : 28
    : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

export function readDateValue(value: unknown, path: string): Date {
  const text = readStringValue(value, path);
  const date = parseRfc3339(text);
  if (date === null) {
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    const example = '2026-11-20T09:14:03Z';
    fail(path, `must be an RFC 3339 date-time such as ${example} (got ${JSON.stringify(shown)})`);
  }
  return date;
}

export function readOptionalDate(obj: JsonObject, key: string, parent: string): Date | null {
  const value = field(obj, key);
  if (value === undefined || value === null) return null;
  return readDateValue(value, childPath(parent, key));
}

export function readDate(obj: JsonObject, key: string, parent: string): Date {
  const path = childPath(parent, key);
  const value = field(obj, key);
  if (value === undefined || value === null) fail(path, 'is required');
  return readDateValue(value, path);
}
