import { parseAlertmanagerPayload } from './alertmanager.parser';
import { parseGenericPayload } from './generic.parser';
import { parseGrafanaPayload } from './grafana.parser';
import { parseKapacitorPayload } from './kapacitor.parser';
import type { IntegrationKind, ParseOptions, ParsedDelivery } from './normalized-alert';
import { parsePagerDutyPayload } from './pagerduty.parser';

export * from './normalized-alert';
export { MAX_ALERTS_PER_DELIVERY, parseAlertmanagerPayload } from './alertmanager.parser';
export { parseGenericPayload } from './generic.parser';
export { parseGrafanaPayload } from './grafana.parser';
export { parseKapacitorPayload } from './kapacitor.parser';
export { parsePagerDutyPayload } from './pagerduty.parser';
export { MAX_MAP_ENTRIES, MAX_STRING_BYTES } from './payload-reader';
export { MAX_DESCRIPTION_LENGTH, MAX_TITLE_LENGTH } from './alert-fields';
export { normalizeSeverity } from './severity';

/**
 * Turns a webhook body into normalized alerts. Throws PayloadError, and nothing else, for a body
 * that is not of the kind's shape; the caller answers 400 with its path and message.
 */
export function parseAlertPayload(
  kind: IntegrationKind,
  body: unknown,
  options: ParseOptions,
): ParsedDelivery {
  switch (kind) {
    case 'ALERTMANAGER':
      return parseAlertmanagerPayload(body, options);
    case 'GRAFANA':
      return parseGrafanaPayload(body, options);
    case 'KAPACITOR':
      return parseKapacitorPayload(body, options);
    case 'PAGERDUTY':
      return parsePagerDutyPayload(body, options);
    case 'GENERIC':
      return parseGenericPayload(body, options);
    case 'GITHUB':
    case 'GITLAB':
    case 'GENERIC_DEPLOYMENT':
      throw new Error(`${kind} integrations receive deployments, not alerts`);
    default: {
      const unknownKind: never = kind;
      throw new Error(`Unknown alert kind ${String(unknownKind)}`);
    }
  }
}
