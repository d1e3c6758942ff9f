/**
 * A team's SLA policy for alert cards: per priority, minutes to acknowledge (the card leaves its
 * triage column or gets an assignee) and to resolve (the card is done), null for no target.
 * Stored as JSON on the team; the database triggers of the sla_clocks migration read it to set
 * each clock's due times, so its shape is the contract between the two.
 */
export const SLA_PRIORITIES = ['URGENT', 'HIGH', 'MEDIUM', 'LOW'] as const;
export type SlaPriority = (typeof SLA_PRIORITIES)[number];

export interface SlaTargets {
  ackMinutes: number | null;
  resolveMinutes: number | null;
}

export type SlaPolicy = Record<SlaPriority, SlaTargets>;

/** The defaults (also the column default of teams.sla_policy): NONE never has a clock. */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  URGENT: { ackMinutes: 15, resolveMinutes: 4 * 60 },
  HIGH: { ackMinutes: 60, resolveMinutes: 24 * 60 },
  MEDIUM: { ackMinutes: 24 * 60, resolveMinutes: 5 * 24 * 60 },
  LOW: { ackMinutes: null, resolveMinutes: null },
};

/** Share of a target's time after which an open clock is AT_RISK. */
export const AT_RISK_SHARE = 0.75;

/** The stored policy, with any priority missing from it taken from the defaults. */
export function slaPolicyOf(stored: unknown): SlaPolicy {
  const given = (stored && typeof stored === 'object' ? stored : {}) as Partial<
    Record<SlaPriority, Partial<SlaTargets>>
  >;
  const policy = {} as SlaPolicy;
  for (const priority of SLA_PRIORITIES) {
    const targets = given[priority];
    policy[priority] = targets
      ? { ackMinutes: targets.ackMinutes ?? null, resolveMinutes: targets.resolveMinutes ?? null }
      : { ...DEFAULT_SLA_POLICY[priority] };
  }
  return policy;
}

/**
 * The policy after an update: each priority given replaces that priority's targets (null: no
 * target), the others stay as they were.
 */
export function mergeSlaPolicy(
  current: SlaPolicy,
  changes: Partial<Record<SlaPriority, Partial<SlaTargets> | null | undefined>>,
): SlaPolicy {
  const next = { ...current };
  for (const priority of SLA_PRIORITIES) {
    const targets = changes[priority];
    if (targets === undefined) continue;
    next[priority] = targets
      ? { ackMinutes: targets.ackMinutes ?? null, resolveMinutes: targets.resolveMinutes ?? null }
      : { ackMinutes: null, resolveMinutes: null };
  }
  return next;
}

export interface SlaDueTimes {
  ackDueAt: Date | null;
  ackRiskAt: Date | null;
  resolveDueAt: Date | null;
  resolveRiskAt: Date | null;
}

const MINUTE_MS = 60_000;

/**
 * Due and at-risk instants of a clock started at `startedAt` for a card of this priority: the
 * same arithmetic as the database's sla_recompute (round the clock, no working hours).
 */
export function slaDueTimes(policy: SlaPolicy, priority: string, startedAt: Date): SlaDueTimes {
  const targets = (SLA_PRIORITIES as readonly string[]).includes(priority)
    ? policy[priority as SlaPriority]
    : { ackMinutes: null, resolveMinutes: null };
  const at = (minutes: number | null, share: number): Date | null =>
    minutes === null ? null : new Date(startedAt.getTime() + minutes * share * MINUTE_MS);
  return {
    ackDueAt: at(targets.ackMinutes, 1),
    ackRiskAt: at(targets.ackMinutes, AT_RISK_SHARE),
    resolveDueAt: at(targets.resolveMinutes, 1),
    resolveRiskAt: at(targets.resolveMinutes, AT_RISK_SHARE),
  };
}
