import { Injectable } from '@nestjs/common';
import { alertSettingsOf } from '../alerts/alert-settings';
import { PrismaService } from '../common/database/prisma.service';
import { ReserveUsageRepository } from '../sprints/reserve/reserve-usage.repository';

export interface ActiveReserve {
  teamKey: string;
  reservedPoints: number;
  usedPoints: number;
}

@Injectable()
export class ReserveFiguresRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly usage: ReserveUsageRepository,
  ) {}

  /** Reserve and usage of every active sprint (one per team). */
  async activeSprintReserves(): Promise<ActiveReserve[]> {
    const sprints = await this.prisma.sprint.findMany({
      where: { state: 'ACTIVE' },
      include: { team: true },
    });
    return Promise.all(
      sprints.map(async (sprint) => ({
        teamKey: sprint.team.key,
        reservedPoints: sprint.reservedPoints,
        usedPoints: sprint.startedAt
          ? await this.usage.usedPoints(
              { id: sprint.id, startedAt: sprint.startedAt },
              alertSettingsOf(sprint.team).estimates,
            )
          : 0,
      })),
    );
  }
}
