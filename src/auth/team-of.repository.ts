import { Injectable } from '@nestjs/common';
import { PrismaService } from '../common/database/prisma.service';
import { isUuid } from '../common/graphql/id.pipe';
import type { RefKind } from './authorize.decorator';

/**
 * The team an object belongs to, by kind, in one small query each: what access checks need.
 * `undefined` means the object does not exist (or the id cannot exist); null means it belongs
 * to no team (instance-wide objects).
 */
@Injectable()
export class TeamOfRepository {
  constructor(private readonly prisma: PrismaService) {}

  async teamOf(kind: RefKind, id: string): Promise<string | null | undefined> {
    const p = this.prisma;
    if (kind === 'teamKey')
      return (await p.team.findUnique({ where: { key: id.toUpperCase() }, select: { id: true } }))
        ?.id;
    if (kind === 'taskKey') {
      return (
        await p.task.findFirst({
          where: { key: id.trim().toUpperCase(), deletedAt: null },
          select: { teamId: true },
        })
      )?.teamId;
    }
    if (!isUuid(id)) return undefined;
    const key = id.toLowerCase();
    switch (kind) {
      case 'team':
        return (await p.team.findUnique({ where: { id: key }, select: { id: true } }))?.id;
      case 'task':
        return (
          await p.task.findFirst({ where: { id: key, deletedAt: null }, select: { teamId: true } })
        )?.teamId;
      case 'board':
        return (await p.board.findUnique({ where: { id: key }, select: { teamId: true } }))?.teamId;
      case 'column':
        return (
          await p.boardColumn.findUnique({
            where: { id: key },
            select: { board: { select: { teamId: true } } },
          })
        )?.board.teamId;
      case 'sprint':
        return (await p.sprint.findUnique({ where: { id: key }, select: { teamId: true } }))
          ?.teamId;
      case 'replanProposal':
        return (
          await p.replanProposal.findUnique({
            where: { id: key },
            select: { sprint: { select: { teamId: true } } },
          })
        )?.sprint.teamId;
      case 'member':
        return (await p.member.findUnique({ where: { id: key }, select: { teamId: true } }))
          ?.teamId;
      case 'alert':
        return (await p.alert.findUnique({ where: { id: key }, select: { teamId: true } }))?.teamId;
      case 'integration':
        return (
          await p.alertIntegration.findUnique({ where: { id: key }, select: { teamId: true } })
        )?.teamId;
      case 'delivery':
        return (
          await p.webhookDelivery.findUnique({
            where: { id: key },
            select: { integration: { select: { teamId: true } } },
          })
        )?.integration.teamId;
      case 'deployment':
        return (await p.deployment.findUnique({ where: { id: key }, select: { teamId: true } }))
          ?.teamId;
      case 'notificationChannel':
        return (
          await p.notificationChannel.findUnique({ where: { id: key }, select: { teamId: true } })
        )?.teamId;
      case 'notification':
        return (
          await p.outboxMessage.findFirst({
            where: { id: key, kind: 'NOTIFICATION' },
            select: { teamId: true },
          })
        )?.teamId;
      case 'apiToken': {
        const token = await p.apiToken.findUnique({
          where: { id: key },
          select: { instanceAdmin: true, grants: { select: { teamId: true } } },
        });
        if (!token) return undefined;
        // A token of one team is that team's; instance-wide tokens belong to no team.
        return token.instanceAdmin || token.grants.length !== 1
          ? null
          : (token.grants[0]?.teamId ?? null);
      }
    }
  }
}
