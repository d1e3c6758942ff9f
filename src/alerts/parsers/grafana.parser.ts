import { buildGroupedAlert, readAlertGroup, readAlertItem } from './alertmanager.parser';
import { nonBlank } from './alert-fields';
import { PayloadError, type ParseOptions, type ParsedDelivery } from './normalized-alert';
import {
  MAX_MAP_ENTRIES,
  checkStringSize,
  childPath,
  describeValue,
  readOptionalObject,
  readOptionalString,
  type JsonObject,
} from './payload-reader';

// Grafana unified alerting webhook contact point, version 1: Alertmanager's v4 shape plus
// per-alert dashboardURL, panelURL, silenceURL, values and valueString.

export function parseGrafanaPayload(body: unknown, options: ParseOptions): ParsedDelivery {
  const group = readAlertGroup(body, 'Grafana', '1', options);
  const alerts = group.items.map((value, index) => {
    const alert = readAlertItem(value, index);
    const { item, path } = alert;
    const dashboardUrl = readOptionalString(item, 'dashboardURL', path);
    const panelUrl = readOptionalString(item, 'panelURL', path);
    // Grafana's silence form lives at its own URL; Alertmanager's /#/silences route does not exist
    // there, so without silenceURL there is no silence link rather than a broken one.
    const silenceUrl = readOptionalString(item, 'silenceURL', path);
    const valueString = nonBlank(readOptionalString(item, 'valueString', path));
    const values = renderValues(item, path);
    return buildGroupedAlert(alert, group, {
      links: [
        { title: 'Dashboard', url: dashboardUrl },
        { title: 'Panel', url: panelUrl },
      ],
      silenceUrl,
      value: valueString ?? values,
    });
  });
  return { kind: 'GRAFANA', alerts };
}

/** `{ A: 1.5, B: 2 }` → `A=1.5, B=2`, by query ref id so the text is stable. */
function renderValues(item: JsonObject, parent: string): string | null {
  const values = readOptionalObject(item, 'values', parent);
  if (values === null) return null;
  const path = childPath(parent, 'values');
  const entries = Object.entries(values);
  if (entries.length > MAX_MAP_ENTRIES) {
    throw new PayloadError(
      path,
      `${path} must have at most ${MAX_MAP_ENTRIES} entries (got ${entries.length})`,
    );
  }
  const rendered = entries
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => {
      checkStringSize(key, path);
      // Go cannot encode NaN as a JSON number, so a missing reading may arrive as null or text.
      if (typeof value === 'number' || value === null) return `${key}=${String(value)}`;
      if (typeof value === 'string')
        return `${key}=${checkStringSize(value, childPath(path, key))}`;
      throw new PayloadError(
        path,
        `${path} must be an object of numbers (${JSON.stringify(key)} is ${describeValue(value)})`,
      );
    });
  return rendered.length === 0 ? null : rendered.join(', ');
}
