import { Injectable } from '@nestjs/common';
import type { Team } from '../generated/prisma/client';
import { TeamsService } from '../teams/teams.service';
import { alertSettingsOf, AlertSettings } from './alert-settings';
import { UpdateAlertSettingsInput } from './dto/alert-settings.inputs';
import { AlertSettingsRepository } from './alert-settings.repository';

@Injectable()
export class AlertSettingsService {
  constructor(
    private readonly teams: TeamsService,
    private readonly repository: AlertSettingsRepository,
  ) {}

  async update(input: UpdateAlertSettingsInput): Promise<Team> {
    const team = await this.teams.get({ id: input.teamId });
    const current: AlertSettings = alertSettingsOf(team);
    for (const entry of input.priorities ?? []) current.priorities[entry.severity] = entry.priority;
    for (const entry of input.estimates ?? []) current.estimates[entry.severity] = entry.points;
    return this.repository.save(team.id, current);
  }
}
