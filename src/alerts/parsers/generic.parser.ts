import {
  COMPONENT_LABELS,
  ENVIRONMENT_LABELS,
  collectLinks,
  firstValue,
  nonBlank,
  sha256Hex,
  toDescription,
  toTitle,
  type LinkCandidate,
} from './alert-fields';
import {
  PayloadError,
  type NormalizedAlert,
  type ParseOptions,
  type ParsedDelivery,
} from './normalized-alert';
import {
  MAX_MAP_ENTRIES,
  field,
  itemPath,
  readObject,
  readOptionalArray,
  readOptionalDate,
  readOptionalString,
  readString,
  readStringMap,
  readStringValue,
  type JsonObject,
} from './payload-reader';
import { normalizeSeverity } from './severity';

// Loopboard's generic format (../shared/README.md), modelled on GitLab's generic HTTP alert
// endpoint: one alert per post, for any tool that can POST JSON.

export function parseGenericPayload(body: unknown, options: ParseOptions): ParsedDelivery {
  const root = readObject(body, '');
  const rawTitle = readString(root, 'title', '');
  if (rawTitle.trim() === '') throw new PayloadError('title', 'title must not be empty');
  const description = readOptionalString(root, 'description', '');
  const startTime = readOptionalDate(root, 'start_time', '');
  const endTime = readOptionalDate(root, 'end_time', '');
  const service = nonBlank(readOptionalString(root, 'service', ''));
  const environment = nonBlank(readOptionalString(root, 'environment', ''));
  const monitoringTool = nonBlank(readOptionalString(root, 'monitoring_tool', ''));
  const hosts = readHosts(root);
  const severity = normalizeSeverity(readOptionalString(root, 'severity', ''));
  const links = readLinks(root);
  const sentLabels = readStringMap(root, 'labels', '');
  // An explicit monitoring_tool label wins over the top-level field.
  const labels =
    monitoringTool === null || Object.hasOwn(sentLabels, 'monitoring_tool')
      ? sentLabels
      : { ...sentLabels, monitoring_tool: monitoringTool };
  // JSON of the parts, not their concatenation, so "a"+"bc" and "ab"+"c" stay distinct alerts.
  const fingerprint =
    nonBlank(readOptionalString(root, 'fingerprint', '')) ??
    sha256Hex(JSON.stringify([rawTitle, service, environment]));

  const alert: NormalizedAlert = {
    dedupKey: fingerprint,
    fingerprint,
    groupKey: null,
    status: endTime === null ? 'FIRING' : 'RESOLVED',
    acknowledged: false,
    severity,
    sourcePriority: null,
    name: toTitle(rawTitle),
    title: toTitle(rawTitle),
    description: toDescription(description),
    environment: environment ?? firstValue(labels, ENVIRONMENT_LABELS),
    component: service ?? firstValue(labels, COMPONENT_LABELS),
    instance: hosts.length === 0 ? null : hosts.join(', '),
    value: null,
    labels,
    annotations: {},
    links: collectLinks(links),
    startsAt: startTime ?? options.now ?? new Date(),
    endsAt: endTime,
    notes: [],
  };
  return { kind: 'GENERIC', alerts: [alert] };
}

/** GitLab accepts one host as a plain string; so do we. */
function readHosts(root: JsonObject): string[] {
  const value = field(root, 'hosts');
  if (typeof value === 'string') {
    return nonBlank(readStringValue(value, 'hosts')) === null ? [] : [value.trim()];
  }
  const hosts = readOptionalArray(root, 'hosts', '', MAX_MAP_ENTRIES) ?? [];
  return hosts
    .map((host, index) => readStringValue(host, itemPath('hosts', index)).trim())
    .filter((host) => host !== '');
}

function readLinks(root: JsonObject): LinkCandidate[] {
  const links = readOptionalArray(root, 'links', '', MAX_MAP_ENTRIES) ?? [];
  return links.map((value, index) => {
    const path = itemPath('links', index);
    const link = readObject(value, path);
    const url = readString(link, 'url', path);
    const title = nonBlank(readOptionalString(link, 'title', path));
    return { title: title === null ? hostOf(url) : toTitle(title), url };
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || 'Link';
  } catch {
    return 'Link';
  }
}
