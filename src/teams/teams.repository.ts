import { Injectable } from '@nestjs/common';
import type { Weekday } from '../common/graphql/enums';
import { PrismaService, PrismaTx } from '../common/database/prisma.service';
import type { Prisma, ReserveOverflowPolicy, Team } from '../generated/prisma/client';

@Injectable()
export class TeamsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string): Promise<Team | null> {
    return this.prisma.team.findUnique({ where: { id } });
  }

  findByKey(key: string): Promise<Team | null> {
    return this.prisma.team.findUnique({ where: { key } });
  }

  findByIds(ids: readonly string[], tx: PrismaTx = this.prisma): Promise<Team[]> {
    return tx.team.findMany({ where: { id: { in: [...ids] } } });
  }

  listAll(): Promise<Team[]> {
    return this.prisma.team.findMany({ orderBy: { key: 'asc' } });
  }

  create(data: { key: string; name: string; workingDays?: Weekday[] }): Promise<Team> {
    return this.prisma.team.create({ data });
  }

  update(
    id: string,
    data: {
      name?: string;
      workingDays?: Weekday[];
      reservePolicy?: Prisma.InputJsonValue;
      slaPolicy?: Prisma.InputJsonValue;
      reserveOverflowPolicy?: ReserveOverflowPolicy;
      productionShareCap?: number;
    },
  ): Promise<Team> {
    return this.prisma.team.update({ where: { id }, data });
  }

  /**
   * Locks the team row until the transaction ends: serializes work that must see a consistent
   * team-wide state (one ACTIVE sprint, task numbering). Returns false when the team is gone.
   */
  async lock(tx: PrismaTx, id: string): Promise<boolean> {
    const rows = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM teams WHERE id = ${id}::uuid FOR UPDATE`;
    return rows.length === 1;
  }

  /**
   * `count` consecutive task numbers of the team (the first returned). Takes the team's counter
   * row lock until commit: callers take it as their LAST lock, so numbering serializes only the
   * final inserts of concurrent writers, and a rollback gives the numbers back (no gaps).
   */
  async takeTaskNumbers(tx: PrismaTx, teamId: string, count = 1): Promise<number> {
    const rows = await tx.$queryRaw<{ last_number: number }[]>`
      INSERT INTO task_counters (team_id, last_number) VALUES (${teamId}::uuid, ${count})
      ON CONFLICT (team_id) DO UPDATE SET last_number = task_counters.last_number + ${count}
      RETURNING last_number`;
    const row = rows[0];
    if (!row) throw new Error(`Could not number tasks of team ${teamId}`);
    return row.last_number - count + 1;
  }
}
