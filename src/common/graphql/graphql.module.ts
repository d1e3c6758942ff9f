import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { AppConfig } from '../../config/app-config';
import { formatGraphqlError } from '../errors/graphql-error.formatter';
import { AppLogger } from '../logging/app-logger';
import type { GraphqlContext } from './graphql-context';
import { LoaderCache } from './loader-cache';
import { operationNamePlugin } from './operation-name.plugin';
import { graphqlMetricsPlugin } from '../../metrics/graphql-metrics.plugin';
import { MetricsService } from '../../metrics/metrics.service';

@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig, AppLogger, MetricsService],
      useFactory: (
        config: AppConfig,
        logger: AppLogger,
        metrics: MetricsService,
      ): ApolloDriverConfig => ({
        path: '/graphql',
        // Built in memory; `src/schema.graphql` is written by `npm run schema` and checked by a test.
        autoSchemaFile: true,
        sortSchema: true,
        graphiql: !config.isProduction,
        introspection: !config.isProduction,
        csrfPrevention: true,
        includeStacktraceInErrorResponses: false,
        formatError: (formatted, error) => formatGraphqlError(formatted, error, logger),
        context: ({ req, res }: { req: Request; res: Response }): GraphqlContext => ({
          req,
          res,
          loaders: new LoaderCache(),
        }),
        plugins: [operationNamePlugin(), graphqlMetricsPlugin(metrics)],
      }),
    }),
  ],
})
export class GraphqlModule {}
