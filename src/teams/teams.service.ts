import { Injectable } from '@nestjs/common';
import { InputError } from '../common/errors/app-error';
import type { Team } from '../generated/prisma/client';
import { mergeSlaPolicy, SLA_PRIORITIES, SlaPolicy, slaPolicyOf } from '../sla/sla-policy';
import { CreateTeamInput, UpdateTeamInput } from './dto/team.inputs';
import { TeamKeyTakenError, TeamNotFoundError } from './teams.errors';
import { TeamsRepository } from './teams.repository';

@Injectable()
export class TeamsService {
  constructor(private readonly teams: TeamsRepository) {}

  /** All teams, or only those given (a caller's teams). */
  list(visible: string[] | null = null): Promise<Team[]> {
    return visible === null
      ? this.teams.listAll()
      : this.teams
          .findByIds(visible)
          .then((teams) => teams.sort((a, b) => a.key.localeCompare(b.key)));
  }

  async get(reference: { id?: string | null; key?: string | null }): Promise<Team> {
    if (reference.id) {
      const team = await this.teams.findById(reference.id);
      if (!team || (reference.key && team.key !== reference.key))
        throw new TeamNotFoundError(reference.id);
      return team;
    }
    if (reference.key) {
      const team = await this.teams.findByKey(reference.key.toUpperCase());
      if (!team) throw new TeamNotFoundError(reference.key);
      return team;
    }
    throw InputError.field('id', 'give the team id or key');
  }

  async create(input: CreateTeamInput): Promise<Team> {
    // The unique index decides between concurrent creators; the check gives the common case a clear answer.
    if (await this.teams.findByKey(input.key)) throw new TeamKeyTakenError(input.key);
    try {
      return await this.teams.create({
        key: input.key,
        name: input.name,
        workingDays: input.workingDays,
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'P2002') throw new TeamKeyTakenError(input.key);
      throw error;
    }
  }

  async update(id: string, input: UpdateTeamInput): Promise<Team> {
    // Optional in the schema means "leave as is"; an explicit null cannot clear a required value.
    for (const field of [
      'name',
      'workingDays',
      'reserveOverflowPolicy',
      'productionShareCap',
    ] as const)
      if (input[field] === null) throw InputError.field(`input.${field}`, 'must not be null');
    const team = await this.get({ id });
    const slaPolicy = input.slaPolicy ? this.nextSlaPolicy(team.slaPolicy, input) : undefined;
    const policy = input.reservePolicy;
    if (
      policy?.minPercent != null &&
      policy.maxPercent != null &&
      policy.minPercent > policy.maxPercent
    ) {
      throw InputError.field('input.reservePolicy.minPercent', 'must not be above maxPercent');
    }
    if (policy?.mode === 'PERCENT_OF_CAPACITY' && policy.value != null && policy.value > 100) {
      throw InputError.field('input.reservePolicy.value', 'is a percent of capacity: at most 100');
    }
    return this.teams.update(id, {
      name: input.name,
      workingDays: input.workingDays,
      reserveOverflowPolicy: input.reserveOverflowPolicy,
      productionShareCap: input.productionShareCap,
      ...(policy ? { reservePolicy: { ...policy } } : {}),
      ...(slaPolicy ? { slaPolicy: { ...slaPolicy } as Record<string, unknown> as never } : {}),
    });
  }

  /** The policy after the update, each target checked: acknowledging comes before resolving. */
  private nextSlaPolicy(stored: unknown, input: UpdateTeamInput): SlaPolicy {
    const given = input.slaPolicy ?? {};
    const next = mergeSlaPolicy(slaPolicyOf(stored), {
      URGENT: given.urgent,
      HIGH: given.high,
      MEDIUM: given.medium,
      LOW: given.low,
    });
    for (const priority of SLA_PRIORITIES) {
      const { ackMinutes, resolveMinutes } = next[priority];
      if (ackMinutes !== null && resolveMinutes !== null && ackMinutes > resolveMinutes)
        throw InputError.field(
          `input.slaPolicy.${priority.toLowerCase()}.ackMinutes`,
          `must not be above resolveMinutes (${resolveMinutes})`,
        );
    }
    return next;
  }
}
