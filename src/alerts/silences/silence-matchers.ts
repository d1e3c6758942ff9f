// What a won't-fix silence matches: the alert's labels exactly, or under dedupBy GROUP the labels
// of its Alertmanager group (one card stands for the whole group, so the whole group is silenced).
// The group's labels are not stored on their own: Alertmanager's groupKey encodes them as
// `<route key>:<label set>`, e.g. `{}/{env="prod"}:{alertname="Latency", service="checkout"}`,
// values quoted the way Go's strconv.Quote does.

/** An Alertmanager API v2 matcher; silences from Loopboard only use exact equality. */
export interface SilenceMatcher {
  name: string;
  value: string;
  isRegex: false;
  isEqual: true;
}

export interface SilencedAlert {
  labels: Readonly<Record<string, unknown>>;
  groupKey: string | null;
}

/**
 * The matchers of the silence for an alert, alertname first, then by label name; null when
 * there is nothing to match on (a silence without matchers would silence everything).
 */
export function silenceMatchers(
  alert: SilencedAlert,
  dedupBy: 'ALERT' | 'GROUP',
): SilenceMatcher[] | null {
  const group = dedupBy === 'GROUP' && alert.groupKey !== null ? groupLabels(alert.groupKey) : null;
  // A group without labels (group_by: []) stands for every alert of its route: too wide to
  // silence from one card, so the card's own alert is silenced instead.
  const labels = group && Object.keys(group).length > 0 ? group : stringLabels(alert.labels);
  const matchers = Object.keys(labels)
    // An empty value means "no such label" to Alertmanager and matches every other alert too.
    .filter((name) => labels[name] !== '')
    .sort((a, b) => (a === 'alertname' ? -1 : b === 'alertname' ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map((name) => ({
      name,
      value: labels[name]!,
      isRegex: false as const,
      isEqual: true as const,
    }));
  return matchers.length > 0 ? matchers : null;
}

function stringLabels(labels: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels))
    if (typeof value === 'string') out[name] = value;
  return out;
}

/** The group's label set encoded in an Alertmanager groupKey, or null if it is not one. */
export function groupLabels(groupKey: string): Record<string, string> | null {
  const start = labelSetStart(groupKey);
  if (start === null) return null;
  return parseLabelSet(groupKey, start);
}

/** Where the label set begins: after the last ':' outside quotes and braces. */
function labelSetStart(key: string): number | null {
  let depth = 0;
  let colon: number | null = null;
  for (let i = 0; i < key.length; i++) {
    const c = key[i];
    if (c === '"') {
      const end = skipQuoted(key, i);
      if (end === null) return null;
      i = end - 1;
    } else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ':' && depth === 0) colon = i;
  }
  return colon === null ? null : colon + 1;
}

/** The index just past the quoted string starting at `start`, or null if it never ends. */
function skipQuoted(text: string, start: number): number | null {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return null;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

function parseLabelSet(key: string, start: number): Record<string, string> | null {
  if (key[start] !== '{' || !key.endsWith('}')) return null;
  const labels: Record<string, string> = {};
  let i = start + 1;
  const end = key.length - 1;
  while (i < end) {
    let name: string;
    if (key[i] === '"') {
      // UTF-8 label names (Alertmanager 0.27+) are quoted like values.
      const quoted = readQuoted(key, i);
      if (!quoted) return null;
      [name, i] = quoted;
    } else {
      const match = LABEL_NAME.exec(key.slice(i));
      if (!match) return null;
      name = match[0];
      i += name.length;
    }
    if (key[i] !== '=') return null;
    const value = readQuoted(key, i + 1);
    if (!value) return null;
    labels[name] = value[0];
    i = value[1];
    if (i === end) break;
    if (key[i] !== ',') return null;
    i++;
    while (key[i] === ' ') i++;
  }
  return labels;
}

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92,
  "'": 39,
  '"': 34,
};

/** Decodes a Go double-quoted string at `start`: its value and the index past it. */
function readQuoted(text: string, start: number): [string, number] | null {
  if (text[start] !== '"') return null;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') return [new TextDecoder().decode(Uint8Array.from(bytes)), i + 1];
    if (c !== '\\') {
      const point = text.codePointAt(i)!;
      const char = String.fromCodePoint(point);
      bytes.push(...encoder.encode(char));
      i += char.length - 1;
      continue;
    }
    const e = text[++i];
    if (e === undefined) return null;
    if (e in SIMPLE_ESCAPES) bytes.push(SIMPLE_ESCAPES[e]!);
    else if (e === 'x' || e === 'u' || e === 'U') {
      const width = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = text.slice(i + 1, i + 1 + width);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) return null;
      const value = parseInt(hex, 16);
      // \x is one raw byte; \u and \U are code points.
      if (e === 'x') bytes.push(value);
      else if (value > 0x10ffff) return null;
      else bytes.push(...encoder.encode(String.fromCodePoint(value)));
      i += width;
    } else if (/[0-7]/.test(e)) {
      const octal = text.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(octal)) return null;
      bytes.push(parseInt(octal, 8) & 0xff);
      i += 2;
    } else return null;
  }
  return null;
}
