/** Words and dates for the alerts page. */
import type { CombinedError } from 'urql';
import type { AlertIntegrationFieldsFragment, AlertKind } from '../../gql/graphql';

export type Integration = AlertIntegrationFieldsFragment;

export const KINDS: AlertKind[] = [
  'ALERTMANAGER',
  'GRAFANA',
  'KAPACITOR',
  'PAGERDUTY',
  'GENERIC',
  'GITHUB',
  'GITLAB',
  'GENERIC_DEPLOYMENT',
];

export const KIND_NAMES: Record<AlertKind, string> = {
  ALERTMANAGER: 'Prometheus Alertmanager',
  GRAFANA: 'Grafana',
  KAPACITOR: 'Kapacitor',
  PAGERDUTY: 'PagerDuty',
  GENERIC: 'Generic JSON',
  GITHUB: 'GitHub deployments',
  GITLAB: 'GitLab deployments',
  GENERIC_DEPLOYMENT: 'Deployments from any CI',
};

/** Kinds whose deliveries may be signed with an HMAC secret instead of the bearer token. */
export const SIGNING_KINDS: AlertKind[] = ['GRAFANA', 'PAGERDUTY', 'GITHUB'];

export const when = (at: string | null | undefined): string =>
  at ? new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';

export const whenExact = (at: string): string =>
  new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** The API's message for a failed operation (the first GraphQL error), else the transport's. */
export const failure = (error: CombinedError | undefined, fallback: string): string =>
  error?.graphQLErrors[0]?.message ?? error?.message ?? fallback;

export const capitalized = (word: string): string =>
  word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
