import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../common/database/prisma.service';
import type { AuditEvent, Prisma } from '../../generated/prisma/client';

export interface NewAuditEvent {
  actorId: string | null;
  actorName: string;
  teamId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Prisma.InputJsonValue | null;
  requestId: string | null;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  async record(event: NewAuditEvent): Promise<void> {
    await this.prisma.auditEvent.create({
      data: { ...event, details: event.details ?? undefined },
    });
  }

  /** Newest first, after the cursor (at, id). */
  findPage(
    teamId: string | null,
    first: number,
    after: { at: Date; id: string } | null,
  ): Promise<AuditEvent[]> {
    return this.prisma.auditEvent.findMany({
      where: {
        ...(teamId ? { teamId } : {}),
        ...(after
          ? { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] }
          : {}),
      },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: first,
    });
  }

  count(teamId: string | null): Promise<number> {
    return this.prisma.auditEvent.count({ where: teamId ? { teamId } : {} });
  }
}
