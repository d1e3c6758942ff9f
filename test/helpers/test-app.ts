import type { NestExpressApplication } from '@nestjs/platform-express';
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.factory';
import { PrismaService } from '../../src/common/database/prisma.service';
import { AppLogger, createPino } from '../../src/common/logging/app-logger';
import { loadConfig } from '../../src/config/load-config';
import { createTestDatabase, TestDatabase } from './test-database';

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors?: {
    message: string;
    path?: string[];
    extensions: Record<string, unknown> & { code: string };
  }[];
  headers: Record<string, string>;
}

export interface TestApp {
  app: NestExpressApplication;
  /** HTTP as the instance admin (its token is sent by default; a request may set its own). */
  http: TestAgent;
  /** HTTP without any credentials. */
  anon: TestAgent;
  /** The instance admin token the app was started with (ADMIN_TOKEN). */
  adminToken: string;
  prisma: PrismaService;
  database: TestDatabase;
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[];
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphqlResponse<T>>;
  /** Like gql, but fails the test on any GraphQL error and returns `data`. */
  ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Reuse a database (e.g. a second instance on the same PostgreSQL). */
  database?: TestDatabase;
}

/** Boots the real application on a fresh database and speaks HTTP to it through supertest. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  // One instance admin token per database, so apps sharing a database agree on it.
  const adminToken =
    options.env?.ADMIN_TOKEN ??
    `lb_test_admin_${createHash('sha256').update(JSON.stringify(database.env)).digest('hex').slice(0, 40)}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    ...database.env,
    ...options.env,
    ADMIN_TOKEN: adminToken,
  });
  const logs: Record<string, unknown>[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n'))
      if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
  });
  const logger = new AppLogger(
    createPino({ level: config.logLevel, pretty: false, destination: stream }),
  );
  const app = await createApp(config, logger);
  await app.init();
  const server = app.getHttpServer();
  const http = request.agent(server).set('Authorization', `Bearer ${adminToken}`);
  const anon = request(server);
  const gql = async <T>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GraphqlResponse<T>> => {
    const res = await http
      .post('/graphql')
      .set('content-type', 'application/json')
      .set(headers)
      .send({ query, variables });
    const body = res.body as { data?: T | null; errors?: GraphqlResponse['errors'] };
    return {
      status: res.status,
      data: body.data ?? null,
      errors: body.errors,
      headers: res.headers,
    };
  };
  return {
    app,
    http,
    anon,
    adminToken,
    prisma: app.get(PrismaService),
    database,
    logs,
    gql,
    ok: async <T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
      const res = await gql<T>(query, variables);
      if (res.errors?.length)
        throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
      return res.data as T;
    },
    close: async () => {
      await app.close();
      if (!options.database) await database.drop();
    },
  };
}
