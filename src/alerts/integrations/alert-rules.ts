import type { TaskPriority } from '../../generated/prisma/enums';
import type { AlertSeverity, NormalizedAlert } from '../parsers';

export type MatchOp = 'EQ' | 'NEQ' | 'REGEX' | 'NOT_REGEX';

export interface LabelMatcher {
  label: string;
  op: MatchOp;
  value: string;
}

/** Stored on the integration as JSON; every list is optional. */
export interface AlertRules {
  /** An alert matching all matchers of any one entry is ignored. */
  ignore?: { matchers: LabelMatcher[] }[];
  /** Alerts below this severity are ignored (UNKNOWN counts as WARNING). */
  minSeverity?: AlertSeverity | null;
  /** First matching entry sets the card's priority. */
  priorityOverrides?: { matchers: LabelMatcher[]; priority: TaskPriority }[];
  /** First matching entry sends new cards to this column. */
  routes?: { matchers: LabelMatcher[]; columnId: string }[];
}

const SEVERITY_RANK: Record<AlertSeverity, number> = {
  INFO: 0,
  LOW: 1,
  WARNING: 2,
  UNKNOWN: 2,
  HIGH: 3,
  CRITICAL: 4,
};

export function severityRank(severity: AlertSeverity): number {
  return SEVERITY_RANK[severity];
}

/**
 * Rules compiled once per delivery. Regexes are anchored like Alertmanager's (`^(?:re)$`), so
 * `value: "api|web"` matches exactly those values.
 */
export class CompiledRules {
  private readonly regexes = new Map<string, RegExp>();

  constructor(private readonly rules: AlertRules) {}

  /** The labels matchers see: the alert's labels plus its normalized name and severity. */
  private view(alert: NormalizedAlert): Record<string, string> {
    return {
      alertname: alert.name,
      ...alert.labels,
      severity: alert.labels.severity ?? alert.severity.toLowerCase(),
    };
  }

  private matches(matchers: LabelMatcher[], labels: Record<string, string>): boolean {
    return matchers.every((m) => {
      const actual = labels[m.label] ?? '';
      switch (m.op) {
        case 'EQ':
          return actual === m.value;
        case 'NEQ':
          return actual !== m.value;
        case 'REGEX':
          return this.regex(m.value).test(actual);
        case 'NOT_REGEX':
          return !this.regex(m.value).test(actual);
      }
    });
  }

  private regex(source: string): RegExp {
    let re = this.regexes.get(source);
    if (!re) {
      re = new RegExp(`^(?:${source})$`, 'u');
      this.regexes.set(source, re);
    }
    return re;
  }

  /** Why the alert is ignored, or null when it is not. */
  ignoredBecause(alert: NormalizedAlert): string | null {
    const min = this.rules.minSeverity;
    if (min && severityRank(alert.severity) < severityRank(min))
      return `severity ${alert.severity} is below ${min}`;
    const labels = this.view(alert);
    const rule = (this.rules.ignore ?? []).findIndex(
      (r) => r.matchers.length > 0 && this.matches(r.matchers, labels),
    );
    return rule >= 0 ? `ignore rule ${rule + 1} matched` : null;
  }

  priorityFor(alert: NormalizedAlert): TaskPriority | null {
    const labels = this.view(alert);
    return (
      (this.rules.priorityOverrides ?? []).find((r) => this.matches(r.matchers, labels))
        ?.priority ?? null
    );
  }

  columnFor(alert: NormalizedAlert): string | null {
    const labels = this.view(alert);
    return (
      (this.rules.routes ?? []).find((r) => this.matches(r.matchers, labels))?.columnId ?? null
    );
  }
}

/** Checks a regex a user wants to store; returns an error message or null. */
export function regexProblem(source: string): string | null {
  try {
    // On its own first: `a)|(b` compiles once wrapped, as `^(?:a)|(b)$`, which is not anchored.
    new RegExp(source, 'u');
    new RegExp(`^(?:${source})$`, 'u');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : 'invalid regular expression';
  }
}
