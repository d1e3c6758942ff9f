import { Injectable } from '@nestjs/common';
import { PrismaService, PrismaTx } from '../common/database/prisma.service';
import type { TeamHoliday } from '../generated/prisma/client';

@Injectable()
export class TeamHolidaysRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Holidays of the teams, by date; only those from `from` to `to` inclusive when given. */
  findForTeams(
    teamIds: readonly string[],
    range: { from: Date; to: Date } | null = null,
    tx: PrismaTx = this.prisma,
  ): Promise<TeamHoliday[]> {
    return tx.teamHoliday.findMany({
      where: {
        teamId: { in: [...teamIds] },
        ...(range ? { date: { gte: range.from, lte: range.to } } : {}),
      },
      orderBy: [{ date: 'asc' }],
    });
  }

  /** One statement: a date the team already has keeps its row and takes the new name. */
  async upsert(tx: PrismaTx, teamId: string, dates: Date[], name: string): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO team_holidays (team_id, date, name)
      SELECT ${teamId}::uuid, d, ${name} FROM unnest(${dates}::date[]) AS d
      ON CONFLICT (team_id, date) DO UPDATE SET name = EXCLUDED.name`;
  }

  async remove(tx: PrismaTx, teamId: string, dates: Date[]): Promise<void> {
    await tx.teamHoliday.deleteMany({ where: { teamId, date: { in: dates } } });
  }
}
