import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphqlContext } from './graphql-context';

/** Puts `<type> <name>` of each operation on the response, for the request's access log line. */
export function operationNamePlugin(): ApolloServerPlugin<GraphqlContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ contextValue, operation, operationName }) {
          contextValue.res.locals.graphqlOperation = `${operation?.operation ?? 'query'} ${operationName ?? 'anonymous'}`;
          return Promise.resolve();
        },
      });
    },
  };
}
