import { Injectable } from '@nestjs/common';
import { ConflictError, InputError } from '../common/errors/app-error';
import type { Member } from '../generated/prisma/client';
import { AddMemberInput, UpdateMemberInput } from './dto/team.inputs';
import { MembersRepository } from './members.repository';
import { MemberNotFoundError } from './teams.errors';
import { TeamsService } from './teams.service';

@Injectable()
export class MembersService {
  constructor(
    private readonly members: MembersRepository,
    private readonly teams: TeamsService,
  ) {}

  async add(input: AddMemberInput): Promise<Member> {
    await this.teams.get({ id: input.teamId });
    return this.members.create({
      teamId: input.teamId,
      name: input.name,
      email: input.email ?? null,
      capacityPerDay: input.capacityPerDay,
    });
  }

  /** A current member of the team, or NOT_FOUND. */
  async getActive(id: string): Promise<Member> {
    const member = await this.members.findById(id);
    if (!member || member.removedAt) throw new MemberNotFoundError(id);
    return member;
  }

  /** A current member of the team, to give work to; `field` names the argument it came from. */
  async getAssignable(teamId: string, id: string, field: string): Promise<Member> {
    const member = await this.members.findById(id);
    if (!member) throw new MemberNotFoundError(id);
    if (member.teamId !== teamId || member.removedAt)
      throw InputError.field(field, 'is not a current member of the team');
    return member;
  }

  async update(id: string, input: UpdateMemberInput): Promise<Member> {
    // Only the email may be cleared; null for a required value is a mistake, not "no change".
    for (const field of ['name', 'capacityPerDay'] as const)
      if (input[field] === null) throw InputError.field(`input.${field}`, 'must not be null');
    await this.getActive(id);
    return this.members.update(id, {
      name: input.name,
      email: input.email === undefined ? undefined : input.email,
      capacityPerDay: input.capacityPerDay,
    });
  }

  /**
   * Members leave rather than disappear: past sprints and reports keep their capacity and
   * work, and tasks keep their assignee for history.
   */
  async remove(id: string): Promise<Member> {
    const member = await this.members.findById(id);
    if (!member) throw new MemberNotFoundError(id);
    if (member.removedAt) throw new ConflictError(`Member ${id} was already removed`);
    return this.members.markRemoved(id, new Date());
  }
}
