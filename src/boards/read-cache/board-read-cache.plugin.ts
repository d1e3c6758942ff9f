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
import { BoardReadShape, boardReadOf, idOf } from './board-read-selection';

/** What a cacheable read found before execution, for storing its answer after. */
interface Pending {
  boardId: string;
  version: number;
  selection: string;
  /** Hands the answer (undefined: none to share) to the reads waiting for this execution. */
  settle: (data: Record<string, unknown> | undefined) => void;
}

type Answer = Record<string, unknown> | undefined;

/**
 * How long a read waits for the same read already executing before executing itself (only
 * reached if that one never answers, e.g. its client went away mid-execution).
 */
const SHARED_EXECUTION_WAIT_MS = 5_000;

/**
 * Board reads (the board whole, or its team's task list filtered to it: see boardReadOf)
 * answered from the board read cache when the board has not changed: before
 * execution, one statement reads the board's team and version; if the caller may read that
 * team and an answer to the same document and variables is cached at that version, it is the
 * response (no resolver runs). Otherwise the operation executes as usual and its answer, when
 * it has no errors, is stored under the version read before execution began (the data can
 * only be as new or newer than that version, never older).
 *
 * Reads of the same board, version and document that arrive while one of them executes (the
 * open pages of a team all refetching after a live event) wait for that execution and share its
 * answer rather than each executing: one execution per version, not one per reader.
 *
 * Authorization is the same as the resolvers': the caller's token (looked up once per request,
 * shared with the guard) must see the board's team, else the normal path answers NOT_FOUND.
 */
@Plugin()
export class BoardReadCachePlugin implements ApolloServerPlugin<GraphqlContext> {
  /** The analysis of each parsed document (Apollo keeps parsed documents in its own cache). */
  private readonly shapes = new WeakMap<DocumentNode, Map<string, BoardReadShape | null>>();
  /** Executions under way, by board, version and selection: what identical reads wait for. */
  private readonly executing = new Map<string, Promise<Answer>>();

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
      didEncounterErrors: () => {
        pending?.settle(undefined);
        return Promise.resolve();
      },
    });
  }

  private async lookup(
    request: GraphQLRequestContextResponseForOperation<GraphqlContext>,
  ): Promise<{ data: GraphQLResponse } | { pending: Pending | null }> {
    const none = { pending: null };
    const shape = this.shapeOf(request);
    if (!shape) return none;
    const variables: Record<string, unknown> = request.request.variables ?? {};
    const boardId = idOf(shape.board, variables);
    if (boardId === undefined || !isUuid(boardId)) return none;

    let caller;
    try {
      caller = await this.authenticator.callerOf(request.contextValue.req);
    } catch {
      return none; // refused (rate limit): the guard answers it
    }
    if (!caller) return none;
    const stamp = await this.boards.stamp(boardId);
    if (!stamp || !caller.can(stamp.teamId, 'VIEWER')) return none;
    // A team's task list is the board's only when it names the board's team (else it executes).
    if (shape.team && idOf(shape.team, variables) !== stamp.teamId) return none;
    const ctx = requestContext.current();
    if (ctx) ctx.team ??= stamp.teamId;

    const selection = `${request.queryHash}\u0000${request.operationName ?? ''}\u0000${JSON.stringify(variables)}`;
    const version = stamp.version;
    const key = `${boardId}\u0000${version}\u0000${selection}`;
    const data = this.cache.get(boardId, version, selection) ?? (await this.sharedExecution(key));
    if (data) {
      return {
        data: { http: request.response.http, body: { kind: 'single', singleResult: { data } } },
      };
    }
    let settle!: Pending['settle'];
    const answer = new Promise<Answer>((resolve) => (settle = resolve));
    this.executing.set(key, answer);
    const release = (data: Answer): void => {
      if (this.executing.get(key) === answer) this.executing.delete(key);
      settle(data);
    };
    return { pending: { boardId, version, selection, settle: release } };
  }

  /** The answer of the identical read executing now, once it has one (undefined: none). */
  private async sharedExecution(key: string): Promise<Answer> {
    const answer = this.executing.get(key);
    if (!answer) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Answer>((resolve) => {
      timer = setTimeout(() => resolve(undefined), SHARED_EXECUTION_WAIT_MS);
      timer.unref();
    });
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private store(
    pending: Pending,
    request: GraphQLRequestContextWillSendResponse<GraphqlContext>,
  ): void {
    const body = request.response.body;
    const result = body.kind === 'single' ? body.singleResult : null;
    const data = result && !result.errors?.length ? (result.data ?? undefined) : undefined;
    if (data) this.cache.set(pending.boardId, pending.version, pending.selection, data);
    pending.settle(data);
  }

  private shapeOf(
    request: GraphQLRequestContextResponseForOperation<GraphqlContext>,
  ): BoardReadShape | null {
    const { document, operation, schema } = request;
    const name = request.operationName ?? '';
    let byName = this.shapes.get(document);
    if (!byName) {
      byName = new Map<string, BoardReadShape | null>();
      this.shapes.set(document, byName);
    }
    if (!byName.has(name))
      byName.set(name, operation ? boardReadOf(schema, document, operation) : null);
    return byName.get(name) ?? null;
  }
}
