import { Injectable } from '@nestjs/common';
import { InputError } from '../../common/errors/app-error';
import {
  Connection,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  toConnection,
} from '../../common/graphql/pagination';
import type { AuditEvent } from '../../generated/prisma/client';
import { AuditRepository } from './audit.repository';

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async list(
    teamId: string | null,
    first = DEFAULT_PAGE_SIZE,
    after?: string,
  ): Promise<Connection<AuditEvent>> {
    let cursor: { at: Date; id: string } | null = null;
    if (after) {
      const [at, id] = decodeCursor(after);
      const date = typeof at === 'string' ? new Date(at) : null;
      if (!date || Number.isNaN(date.getTime()) || typeof id !== 'string')
        throw InputError.field('after', 'is not a cursor returned by this API');
      cursor = { at: date, id };
    }
    const [rows, total] = await Promise.all([
      this.audit.findPage(teamId, first + 1, cursor),
      this.audit.count(teamId),
    ]);
    return toConnection(rows, first, total, (e) => [e.at.toISOString(), e.id], cursor !== null);
  }
}
