import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { AppConfig } from '../../config/app-config';
import { formatGraphqlError } from '../errors/graphql-error.formatter';
import { AppLogger } from '../logging/app-logger';
import type { GraphqlContext } from './graphql-context';
import { LoaderCache } from './loader-cache';
import { requestContext } from '../logging/request-context';
import { costLimitPlugin, queryLimitRules } from './limits/query-limits';
import { operationNamePlugin } from './operation-name.plugin';
import { stringifyResult } from './serialized-results';

@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig, AppLogger],
      useFactory: (config: AppConfig, logger: AppLogger): ApolloDriverConfig => ({
        path: '/graphql',
        // Built in memory; `src/schema.graphql` is written by `npm run schema` and checked by a test.
        autoSchemaFile: true,
        sortSchema: true,
        graphiql: !config.isProduction,
        introspection: config.introspection,
        // Rejects simple-request CSRF (no custom header, text/plain bodies).
        csrfPrevention: true,
        allowBatchedHttpRequests: false,
        validationRules: queryLimitRules(config.limits),
        includeStacktraceInErrorResponses: false,
        formatError: (formatted, error) => formatGraphqlError(formatted, error, logger),
        // Answers kept by a feature (the board read cache) are written from their stored text.
        stringifyResult,
        context: ({ req, res }: { req: Request; res: Response }): GraphqlContext => ({
          req,
          res,
          loaders: new LoaderCache(
            (teamId) => requestContext.current()?.caller?.can(teamId, 'VIEWER') ?? false,
          ),
        }),
        // Features add theirs as @Plugin() providers (metrics, the board read cache).
        plugins: [
          operationNamePlugin(),
          costLimitPlugin(config.limits.maxCost),
          // Apollo's defaults that Loopboard has no use for. Cache control in particular wraps
          // every field's resolver to read cache hints: on a 200-card board, a thousand calls
          // per read. No reporting to Apollo's cloud either (the machine may not reach it).
          ApolloServerPluginCacheControlDisabled(),
          ApolloServerPluginInlineTraceDisabled(),
          ApolloServerPluginUsageReportingDisabled(),
        ],
      }),
    }),
  ],
  // The schema host, for the WebSocket transport of subscriptions.
  exports: [GraphQLModule],
})
export class GraphqlModule {}
