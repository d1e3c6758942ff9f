import {
  COMPONENT_LABELS,
  ENVIRONMENT_LABELS,
  firstValue,
  nonBlank,
  toDescription,
  toTitle,
} from './alert-fields';
import {
  PayloadError,
  type AlertSeverity,
  type AlertStatus,
  type NormalizedAlert,
  type ParseOptions,
  type ParsedDelivery,
} from './normalized-alert';
import {
  MAX_MAP_ENTRIES,
  childPath,
  itemPath,
  readArrayValue,
  readDate,
  readObject,
  readOptionalArray,
  readOptionalNumber,
  readOptionalObject,
  readOptionalString,
  readString,
  readStringMap,
  readStringValue,
  type JsonObject,
} from './payload-reader';

// Kapacitor's alert post handler ([[httppost]] or TICKscript .post()): one alert event per post.

const LEVELS: Readonly<Record<string, { status: AlertStatus; severity: AlertSeverity }>> = {
  OK: { status: 'RESOLVED', severity: 'INFO' },
  INFO: { status: 'FIRING', severity: 'INFO' },
  WARNING: { status: 'FIRING', severity: 'WARNING' },
  CRITICAL: { status: 'FIRING', severity: 'CRITICAL' },
};

interface Series {
  name: string | null;
  tags: Record<string, string>;
  columns: string[];
  lastRow: unknown[] | null;
}

export function parseKapacitorPayload(body: unknown, _options: ParseOptions): ParsedDelivery {
  const root = readObject(body, '');
  const id = readString(root, 'id', '');
  if (id.trim() === '') throw new PayloadError('id', 'id must not be empty');
  const levelName = readString(root, 'level', '').toUpperCase();
  const level = Object.hasOwn(LEVELS, levelName) ? LEVELS[levelName] : undefined;
  if (level === undefined) {
    const got = JSON.stringify(levelName.slice(0, 20));
    throw new PayloadError('level', `level must be OK, INFO, WARNING or CRITICAL (got ${got})`);
  }
  const message = nonBlank(readOptionalString(root, 'message', ''));
  const details = nonBlank(decodeHtmlEntities(readOptionalString(root, 'details', '') ?? ''));
  const time = readDate(root, 'time', '');
  const duration = readOptionalNumber(root, 'duration', '');
  const previousLevel = nonBlank(readOptionalString(root, 'previousLevel', ''));
  const series = readSeries(root);
  const labels = mergeTags(series);

  // The default Kapacitor id is "{{.Name}}:{{.Group}}": the part before the colon names the alert.
  const name = nonBlank(id.split(':', 1)[0]) ?? id;
  const firstLine = message?.split(/\r?\n/).find((line) => line.trim() !== '') ?? null;
  const title = toTitle(firstLine ?? `${id} is ${levelName}`);
  // A multi-line or overlong message would lose everything the title could not hold.
  const description = details ?? (message !== null && message.trim() !== title ? message : null);
  const notes =
    previousLevel !== null && previousLevel.toUpperCase() !== levelName
      ? [`Kapacitor level changed from ${previousLevel} to ${levelName}`]
      : [];

  const alert: NormalizedAlert = {
    dedupKey: id,
    fingerprint: id,
    groupKey: null,
    status: level.status,
    acknowledged: false,
    severity: level.severity,
    sourcePriority: null,
    name,
    title,
    description: toDescription(description),
    environment: firstValue(labels, ENVIRONMENT_LABELS),
    component: firstValue(labels, COMPONENT_LABELS) ?? nonBlank(series[0]?.name),
    instance: firstValue(labels, ['host', 'instance']),
    value: seriesValue(series[0]),
    labels,
    annotations: {},
    links: [],
    startsAt: level.status === 'FIRING' ? time : startOfRecoveredAlert(time, duration),
    endsAt: level.status === 'FIRING' ? null : time,
    notes,
  };
  return { kind: 'KAPACITOR', alerts: [alert] };
}

/** On recovery `time` is the OK point; `duration` (nanoseconds) reaches back to the first alert. */
function startOfRecoveredAlert(time: Date, duration: number | null): Date | null {
  if (duration === null || duration < 0) return null;
  const start = new Date(time.getTime() - Math.round(duration / 1e6));
  // A duration beyond Date's range is garbage, not a reason to reject the recovery.
  return Number.isNaN(start.getTime()) ? null : start;
}

function readSeries(root: JsonObject): Series[] {
  const data = readOptionalObject(root, 'data', '');
  const list = data === null ? null : readOptionalArray(data, 'series', 'data');
  return (list ?? []).map((value, index) => {
    const path = itemPath('data.series', index);
    const item = readObject(value, path);
    const columnsPath = childPath(path, 'columns');
    const columns = (readOptionalArray(item, 'columns', path) ?? []).map((column, i) =>
      readStringValue(column, itemPath(columnsPath, i)),
    );
    const valuesPath = childPath(path, 'values');
    const rows = (readOptionalArray(item, 'values', path) ?? []).map((row, i) =>
      readArrayValue(row, itemPath(valuesPath, i)),
    );
    return {
      name: readOptionalString(item, 'name', path),
      tags: readStringMap(item, 'tags', path),
      columns,
      lastRow: rows.at(-1) ?? null,
    };
  });
}

/** Every series' tags become labels; on a clash the first series wins. */
function mergeTags(series: readonly Series[]): Record<string, string> {
  const merged = new Map<string, string>();
  series.forEach(({ tags }, index) => {
    for (const [key, value] of Object.entries(tags)) {
      if (!merged.has(key)) merged.set(key, value);
    }
    if (merged.size > MAX_MAP_ENTRIES) {
      const path = `data.series[${index}].tags`;
      throw new PayloadError(path, `${path} takes the alert above ${MAX_MAP_ENTRIES} tags`);
    }
  });
  return Object.fromEntries(merged);
}

/** The `value` column of the last row, else its last numeric column. */
function seriesValue(series: Series | undefined): string | null {
  const row = series?.lastRow;
  if (series === undefined || row === null || row === undefined) return null;
  let index = series.columns.indexOf('value');
  if (index === -1) {
    index = row.findLastIndex((cell) => typeof cell === 'number');
  }
  const cell: unknown = index === -1 ? null : row[index];
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (typeof cell === 'string') return cell;
  return null;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/**
 * Kapacitor renders `details` with Go's html/template, so quotes arrive as `&#34;`; the card shows
 * text, and escaping for display is the renderer's job.
 */
export function decodeHtmlEntities(text: string): string {
  return text.replace(
    /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);/g,
    (entity, code: string) => {
      if (!code.startsWith('#')) {
        return Object.hasOwn(NAMED_ENTITIES, code.toLowerCase())
          ? NAMED_ENTITIES[code.toLowerCase()]!
          : entity;
      }
      const hex = code[1] === 'x' || code[1] === 'X';
      const point = Number.parseInt(code.slice(hex ? 2 : 1), hex ? 16 : 10);
      const valid = point > 0 && point <= 0x10ffff && (point < 0xd800 || point > 0xdfff);
      return valid ? String.fromCodePoint(point) : entity;
    },
  );
}
