import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../common/database/prisma.service';
import type { AlertIntegration, Prisma } from '../../generated/prisma/client';

export type IntegrationData = Partial<
  Pick<
    AlertIntegration,
    | 'name'
    | 'boardId'
    | 'columnId'
    | 'dedupBy'
    | 'reopenWindowMinutes'
    | 'resolveColumnId'
    | 'hmacSecret'
    | 'hmacTimestampHeader'
    | 'service'
    | 'suspectWindowMinutes'
    | 'alertmanagerUrl'
    | 'alertmanagerAuthorization'
  >
> & { rules?: Prisma.InputJsonValue };

@Injectable()
export class AlertIntegrationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string): Promise<AlertIntegration | null> {
    return this.prisma.alertIntegration.findUnique({ where: { id } });
  }

  findByIds(ids: readonly string[]): Promise<AlertIntegration[]> {
    return this.prisma.alertIntegration.findMany({ where: { id: { in: [...ids] } } });
  }

  findByTeam(teamId: string): Promise<AlertIntegration[]> {
    return this.prisma.alertIntegration.findMany({
      where: { teamId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  create(
    data: IntegrationData & Pick<AlertIntegration, 'teamId' | 'kind' | 'name' | 'tokenHash'>,
  ): Promise<AlertIntegration> {
    return this.prisma.alertIntegration.create({ data });
  }

  update(id: string, data: IntegrationData): Promise<AlertIntegration> {
    return this.prisma.alertIntegration.update({ where: { id }, data });
  }

  rotateToken(
    id: string,
    tokenHash: string,
    previousTokenHash: string,
    previousTokenExpiresAt: Date | null,
    at: Date,
  ): Promise<AlertIntegration> {
    return this.prisma.alertIntegration.update({
      where: { id },
      data: { tokenHash, previousTokenHash, previousTokenExpiresAt, tokenRotatedAt: at },
    });
  }

  delete(id: string): Promise<AlertIntegration> {
    return this.prisma.alertIntegration.delete({ where: { id } });
  }
}
