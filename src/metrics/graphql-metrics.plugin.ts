import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { performance } from 'node:perf_hooks';
import { MetricsService } from './metrics.service';

/**
 * Times each GraphQL operation by type, (bounded) name and outcome. An Apollo plugin that Nest
 * finds by its decorator, so the GraphQL module knows nothing of metrics.
 */
@Plugin()
export class GraphqlMetricsPlugin implements ApolloServerPlugin {
  constructor(private readonly metrics: MetricsService) {}

  requestDidStart(): Promise<GraphQLRequestListener<Record<string, unknown>>> {
    const metrics = this.metrics;
    const started = performance.now();
    let type = 'unknown';
    let name: string | null = null;
    return Promise.resolve({
      didResolveOperation({ operation, operationName }) {
        type = operation?.operation ?? 'unknown';
        name = operationName ?? null;
        return Promise.resolve();
      },
      willSendResponse({ response }) {
        const body = response.body;
        const errors = body.kind === 'single' ? (body.singleResult.errors?.length ?? 0) : 0;
        metrics.graphqlDuration.observe(
          {
            operation_type: type,
            operation_name: metrics.operationLabel(name),
            outcome: errors > 0 ? 'error' : 'success',
          },
          (performance.now() - started) / 1000,
        );
        return Promise.resolve();
      },
    });
  }
}
