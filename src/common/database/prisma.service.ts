import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PrismaClient } from '../../generated/prisma/client';
import { DATABASE_CONNECTION } from './database.tokens';
import type { DatabaseConnection } from './database-connection';

/** The process's one Prisma client, over the adapter chosen by configuration. */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(@Inject(DATABASE_CONNECTION) readonly connection: DatabaseConnection) {
    super({
      adapter: connection.adapter,
      // PGlite runs one transaction at a time: a queue of writers must wait, not fail early.
      transactionOptions: { maxWait: 10_000, timeout: 20_000 },
    });
  }

  get kind(): DatabaseConnection['kind'] {
    return this.connection.kind;
  }

  /**
   * Runs after the HTTP server has stopped accepting and finished in-flight requests
   * (onModuleDestroy would run before), so no request sees a closed database.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
    await this.connection.close();
  }
}

/** The client handed to repositories inside `prisma.$transaction(async (tx) => …)`. */
export type PrismaTx = Omit<
  PrismaService,
  | '$connect'
  | '$disconnect'
  | '$on'
  | '$transaction'
  | '$extends'
  | 'onApplicationShutdown'
  | 'connection'
  | 'kind'
>;
