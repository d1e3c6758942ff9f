import type { TaskPriority, TaskType } from '../../generated/prisma/enums';
import type { AlertSettings } from '../alert-settings';
import type { IntegrationKind, NormalizedAlert } from '../parsers';
import { severityRank } from '../integrations/alert-rules';

export const MAX_CARD_TITLE = 500;
const MAX_LABEL = 60;
const PRIORITY_ORDER: readonly TaskPriority[] = ['URGENT', 'HIGH', 'MEDIUM', 'LOW', 'NONE'];

/** Higher number = more urgent. */
export function priorityRank(priority: TaskPriority): number {
  return PRIORITY_ORDER.length - PRIORITY_ORDER.indexOf(priority);
}

export interface CardFields {
  title: string;
  description: string;
  type: TaskType;
  priority: TaskPriority;
  estimate: number | null;
  labels: string[];
}

const KIND_NAMES: Record<IntegrationKind, string> = {
  ALERTMANAGER: 'Alertmanager',
  GRAFANA: 'Grafana',
  KAPACITOR: 'Kapacitor',
  PAGERDUTY: 'PagerDuty',
  GENERIC: 'Webhook',
  GITHUB: 'GitHub',
  GITLAB: 'GitLab',
  GENERIC_DEPLOYMENT: 'Deployment webhook',
};

function label(prefix: string, value: string | null): string | null {
  if (!value) return null;
  const clean = value.trim().replace(/\s+/g, '-');
  return clean ? `${prefix}:${clean}`.slice(0, MAX_LABEL) : null;
}

function cell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function linkText(value: string): string {
  return value.replace(/[[\]]/g, '');
}

/**
 * Everything the on-call needs to start diagnosing without opening another tool: where (env,
 * component, instance), how bad (severity, value), what (description), the labels, the links.
 */
export function describeAlert(
  alert: NormalizedAlert,
  kind: IntegrationKind,
  groupMembers: NormalizedAlert[] = [],
): string {
  const lines: string[] = [];
  const facts = [
    `**Alert:** ${alert.name}`,
    `**Severity:** ${alert.labels.severity ?? alert.severity.toLowerCase()}`,
    `**Source:** ${KIND_NAMES[kind]}`,
  ];
  lines.push(facts.join(' · '));
  const where = [
    alert.environment ? `**Environment:** ${alert.environment}` : null,
    alert.component ? `**Component:** ${alert.component}` : null,
    alert.instance ? `**Instance:** ${alert.instance}` : null,
  ].filter((x): x is string => x !== null);
  if (where.length) lines.push(where.join(' · '));
  if (alert.value) lines.push(`**Value:** ${alert.value}`);
  if (alert.startsAt) lines.push(`**Firing since:** ${alert.startsAt.toISOString()}`);
  if (alert.description) lines.push('', alert.description);
  if (groupMembers.length > 1) {
    lines.push('', `**Alerts in this group (${groupMembers.length}):**`);
    for (const member of groupMembers.slice(0, 50)) {
      lines.push(
        `- ${member.title}${member.instance ? ` (${member.instance})` : ''} — ${member.status.toLowerCase()}`,
      );
    }
    if (groupMembers.length > 50) lines.push(`- … and ${groupMembers.length - 50} more`);
  }
  const labels = Object.entries(alert.labels).sort(([a], [b]) => a.localeCompare(b));
  if (labels.length) {
    lines.push('', '| Label | Value |', '| --- | --- |');
    for (const [key, value] of labels) lines.push(`| ${cell(key)} | ${cell(value)} |`);
  }
  if (alert.links.length) {
    lines.push(
      '',
      `**Links:** ${alert.links.map((l) => `[${linkText(l.title)}](${l.url})`).join(' · ')}`,
    );
  }
  for (const note of alert.notes) lines.push('', `> ${note}`);
  return lines.join('\n');
}

/** The card an alert becomes: type and priority by severity, the team's estimate, alert labels. */
export function cardFor(
  alert: NormalizedAlert,
  kind: IntegrationKind,
  settings: AlertSettings,
  priorityOverride: TaskPriority | null,
  groupMembers: NormalizedAlert[] = [],
): CardFields {
  const critical = alert.severity === 'CRITICAL' || alert.sourcePriority?.toUpperCase() === 'P1';
  return {
    title: alert.title.slice(0, MAX_CARD_TITLE),
    description: describeAlert(alert, kind, groupMembers),
    type: critical ? 'INCIDENT' : 'PRODUCTION_CHANGE',
    priority: priorityOverride ?? settings.priorities[alert.severity],
    estimate: settings.estimates[alert.severity],
    labels: [
      label('alert', alert.name),
      label('env', alert.environment),
      label('component', alert.component),
    ].filter((x): x is string => x !== null),
  };
}

/**
 * With dedupBy GROUP, all alerts of a group feed one card: the group fires while any member
 * fires, at the highest severity among them; labels common to all members describe it.
 */
export function mergeGroup(members: NormalizedAlert[]): NormalizedAlert {
  const firing = members.filter((m) => m.status === 'FIRING');
  const pool = firing.length ? firing : members;
  const lead = pool.reduce((best, m) =>
    severityRank(m.severity) > severityRank(best.severity) ? m : best,
  );
  const common = Object.fromEntries(
    Object.entries(lead.labels).filter(([key, value]) =>
      members.every((m) => m.labels[key] === value),
    ),
  );
  const links = new Map<string, { title: string; url: string }>();
  for (const member of members)
    for (const link of member.links) if (!links.has(link.url)) links.set(link.url, link);
  const starts = members
    .map((m) => m.startsAt?.getTime())
    .filter((t): t is number => t !== undefined);
  const ends = members.map((m) => m.endsAt?.getTime()).filter((t): t is number => t !== undefined);
  return {
    ...lead,
    status: firing.length ? 'FIRING' : 'RESOLVED',
    fingerprint: lead.fingerprint,
    labels: { ...common, ...(lead.labels.severity ? { severity: lead.labels.severity } : {}) },
    links: [...links.values()],
    instance: members.length > 1 ? null : lead.instance,
    startsAt: starts.length ? new Date(Math.min(...starts)) : null,
    endsAt: firing.length ? null : ends.length ? new Date(Math.max(...ends)) : null,
    notes: [...new Set(members.flatMap((m) => m.notes))],
    acknowledged: members.some((m) => m.acknowledged),
  };
}
