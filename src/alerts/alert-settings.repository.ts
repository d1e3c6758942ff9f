import { Injectable } from '@nestjs/common';
import { PrismaService } from '../common/database/prisma.service';
import type { Team } from '../generated/prisma/client';
import type { AlertSettings } from './alert-settings';

@Injectable()
export class AlertSettingsRepository {
  constructor(private readonly prisma: PrismaService) {}

  save(teamId: string, settings: AlertSettings): Promise<Team> {
    return this.prisma.team.update({
      where: { id: teamId },
      data: { alertPriorities: settings.priorities, alertEstimates: settings.estimates },
    });
  }
}
