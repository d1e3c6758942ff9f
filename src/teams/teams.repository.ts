import { Injectable } from '@nestjs/common';
import type { Weekday } from '../common/graphql/enums';
import { PrismaService, PrismaTx } from '../common/database/prisma.service';
import type { Prisma, Team } from '../generated/prisma/client';

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
    data: { name?: string; workingDays?: Weekday[]; reservePolicy?: Prisma.InputJsonValue },
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

  /** `count` consecutive task numbers in one statement (alert storms open many cards at once). */
  async takeTaskNumbers(
    tx: PrismaTx,
    id: string,
    count: number,
  ): Promise<{ first: number; key: string }> {
    const rows = await tx.$queryRaw<{ task_seq: number; key: string }[]>`
      UPDATE teams SET task_seq = task_seq + ${count} WHERE id = ${id}::uuid RETURNING task_seq, key`;
    const row = rows[0];
    if (!row) throw new Error(`Team ${id} vanished while numbering tasks`);
    return { first: row.task_seq - count + 1, key: row.key };
  }

  /** The next task number, taken under the team row's lock: sequential, no gaps, no duplicates. */
  async takeTaskNumber(tx: PrismaTx, id: string): Promise<{ number: number; key: string }> {
    const rows = await tx.$queryRaw<{ task_seq: number; key: string }[]>`
      UPDATE teams SET task_seq = task_seq + 1 WHERE id = ${id}::uuid RETURNING task_seq, key`;
    const row = rows[0];
    if (!row) throw new Error(`Team ${id} vanished while numbering a task`);
    return { number: row.task_seq, key: row.key };
  }
}
