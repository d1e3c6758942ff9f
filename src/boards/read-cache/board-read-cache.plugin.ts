import type {
  ApolloServerPlugin,
  GraphQLRequestContextResponseForOperation,
  GraphQLRequestContextWillSendResponse,
  GraphQLRequestListener,
  GraphQLResponse,
} from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import type { DocumentNode } from 'graphql';
import { RequestAuthenticator } from '../../auth/request-authenticator';
import type { GraphqlContext } from '../../common/graphql/graphql-context';
import { isUuid } from '../../common/graphql/id.pipe';
import { requestContext } from '../../common/logging/request-context';
import { BoardsRepository } from '../boards.repository';
import { BoardReadCache } from './board-read-cache';
import { BoardIdSource, boardReadOf } from './board-read-selection';

/** What a cacheable read found before execution, for storing its answer after. */
interface Pending {
  boardId: string;
  version: number;
  selection: string;
}

/**
 * Whole-board reads answered from the board read cache when the board has not changed: before
 * execution, one statement reads the board's team and version; if the caller may read that
 * team and an answer to the same document and variables is cached at that version, it is the
 * response (no resolver runs). Otherwise the operation executes as usual and its answer, when
 * it has no errors, is stored under the version read before execution began (the data can
 * only be as new or newer than that version, never older).
 *
 * Authorization is the same as the resolvers': the caller's token (looked up once per request,
 * shared with the guard) must see the board's team, else the normal path answers NOT_FOUND.
 */
@Plugin()
export class BoardReadCachePlugin implements ApolloServerPlugin<GraphqlContext> {
  /** The analysis of each parsed document (Apollo keeps parsed documents in its own cache). */
  private readonly shapes = new WeakMap<DocumentNode, Map<string, BoardIdSource | null>>();

  constructor(
    private readonly cache: BoardReadCache,
    private readonly boards: BoardsRepository,
    private readonly authenticator: RequestAuthenticator,
  ) {}

  requestDidStart(): Promise<GraphQLRequestListener<GraphqlContext> | void> {
    if (!this.cache.enabled) return Promise.resolve();
    let pending: Pending | null = null;
    return Promise.resolve({
      responseForOperation: async (request) => {
        const found = await this.lookup(request);
        if ('data' in found) return found.data;
        pending = found.pending;
        return null;
      },
      willSendResponse: (request) => {
        if (pending) this.store(pending, request);
        return Promise.resolve();
      },
    });
  }

  private async lookup(
    request: GraphQLRequestContextResponseForOperation<GraphqlContext>,
  ): Promise<{ data: GraphQLResponse } | { pending: Pending | null }> {
    const none = { pending: null };
    const source = this.shapeOf(request);
    if (!source) return none;
    const variables: Record<string, unknown> = request.request.variables ?? {};
    const boardId = 'value' in source ? source.value : variables[source.variable];
    if (typeof boardId !== 'string' || !isUuid(boardId)) return none;

    let caller;
    try {
      caller = await this.authenticator.callerOf(request.contextValue.req);
    } catch {
      return none; // refused (rate limit): the guard answers it
    }
    if (!caller) return none;
    const stamp = await this.boards.stamp(boardId);
    if (!stamp || !caller.can(stamp.teamId, 'VIEWER')) return none;
    const ctx = requestContext.current();
    if (ctx) ctx.team ??= stamp.teamId;

    const selection = `${request.queryHash}\u0000${request.operationName ?? ''}\u0000${JSON.stringify(variables)}`;
    const data = this.cache.get(boardId, stamp.version, selection);
    if (data)
      return {
        data: { http: request.response.http, body: { kind: 'single', singleResult: { data } } },
      };
    return { pending: { boardId, version: stamp.version, selection } };
  }

  private store(
    pending: Pending,
    request: GraphQLRequestContextWillSendResponse<GraphqlContext>,
  ): void {
    const body = request.response.body;
    if (body.kind !== 'single') return;
    const { data, errors } = body.singleResult;
    if (errors?.length || !data) return;
    this.cache.set(pending.boardId, pending.version, pending.selection, data);
  }

  private shapeOf(
    request: GraphQLRequestContextResponseForOperation<GraphqlContext>,
  ): BoardIdSource | null {
    const { document, operation, schema } = request;
    const name = request.operationName ?? '';
    let byName = this.shapes.get(document);
    if (!byName) {
      byName = new Map<string, BoardIdSource | null>();
      this.shapes.set(document, byName);
    }
    if (!byName.has(name))
      byName.set(name, operation ? boardReadOf(schema, document, operation) : null);
    return byName.get(name) ?? null;
  }
}
