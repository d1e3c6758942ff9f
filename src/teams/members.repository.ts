import { Injectable } from '@nestjs/common';
import { PrismaService, PrismaTx } from '../common/database/prisma.service';
import type { Member } from '../generated/prisma/client';

@Injectable()
export class MembersRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string): Promise<Member | null> {
    return this.prisma.member.findUnique({ where: { id } });
  }

  findByIds(ids: readonly string[], tx: PrismaTx = this.prisma): Promise<Member[]> {
    return tx.member.findMany({ where: { id: { in: [...ids] } } });
  }

  /** Current members of each team, oldest first. */
  findActiveByTeams(teamIds: readonly string[]): Promise<Member[]> {
    return this.prisma.member.findMany({
      where: { teamId: { in: [...teamIds] }, removedAt: null },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  /**
   * Members who count for a sprint starting on `start`: everyone not removed before it started
   * (so back-filled past sprints count today's members too).
   */
  findForSprintsStarting(
    teamIds: readonly string[],
    earliestStart: Date,
    tx: PrismaTx = this.prisma,
  ): Promise<Member[]> {
    return tx.member.findMany({
      where: {
        teamId: { in: [...teamIds] },
        OR: [{ removedAt: null }, { removedAt: { gte: earliestStart } }],
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  create(data: {
    teamId: string;
    name: string;
    email?: string | null;
    capacityPerDay: number;
  }): Promise<Member> {
    return this.prisma.member.create({ data });
  }

  update(
    id: string,
    data: { name?: string; email?: string | null; capacityPerDay?: number },
  ): Promise<Member> {
    return this.prisma.member.update({ where: { id }, data });
  }

  markRemoved(id: string, at: Date): Promise<Member> {
    return this.prisma.member.update({ where: { id }, data: { removedAt: at } });
  }
}
