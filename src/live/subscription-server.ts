import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  DocumentNode,
  ExecutionArgs,
  getOperationAST,
  GraphQLError,
  GraphQLFormattedError,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import {
  Context,
  ExecutionResult,
  FormattedExecutionResult,
  makeServer,
  SubscribePayload,
} from 'graphql-ws';
import type { IncomingMessage, Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import proxyaddr from 'proxy-addr';
import { WebSocket, WebSocketServer } from 'ws';
import { bearerToken, hashApiToken } from '../auth/api-token';
import { ApiTokensService } from '../auth/api-tokens.service';
import { RateLimitedError, UnauthenticatedError } from '../auth/auth.errors';
import { RateLimitMiddleware } from '../auth/rate-limit.middleware';
import { RateLimiter } from '../auth/rate-limiter';
import { AppError, ErrorCode, InputError } from '../common/errors/app-error';
import { formatGraphqlError } from '../common/errors/graphql-error.formatter';
import { LoaderCache } from '../common/graphql/loader-cache';
import { checkOperationCost, queryLimitRules } from '../common/graphql/limits/query-limits';
import { AppLogger } from '../common/logging/app-logger';
import { requestContext } from '../common/logging/request-context';
import { AppConfig } from '../config/app-config';
import { ShutdownState } from '../health/shutdown-state';
import type { LiveContext } from './live-context';
import { CloseCode, LiveSession } from './live-session';
import { LiveSessions } from './live-sessions.service';

/** Subscriptions one socket may hold at once. */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 50;
/** How often the server pings each socket; one that does not answer in as long is dropped. */
const KEEPALIVE_MS = 15_000;

type Connection = Context<Record<string, unknown> | undefined, Extra>;
type GraphqlWsServer = ReturnType<typeof makeServer<Record<string, unknown> | undefined, Extra>>;

interface Extra {
  socket: WebSocket;
  request: IncomingMessage;
  address: string;
  requestId: string;
  session?: LiveSession;
}

/** A refusal before execution, carried to the one formatter as the AppError it is. */
function refusal(error: AppError): GraphQLError {
  return new GraphQLError(error.message, { originalError: error });
}

/** GraphQL's own rule violations, coded as Apollo codes them over HTTP (limits keep theirs). */
function validationError(error: GraphQLError): GraphQLError {
  if (error.extensions.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
  });
}

/**
 * GraphQL subscriptions over WebSockets (the graphql-ws protocol) on /graphql, next to HTTP.
 * A connection authenticates with an API token in `connection_init`
 * (`{ authorization: "Bearer lb_…" }`); a bad token closes it with 4403. Every subscribe is
 * checked like an HTTP operation: the per-token rate limit, the query limits (depth, aliases,
 * cost, one operation) and the operation's access policy (the guard, run by Nest).
 */
@Injectable()
export class SubscriptionServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private wss: WebSocketServer | null = null;
  private readonly failures: RateLimiter;
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void =>
    this.upgrade(req, socket, head);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly tokens: ApiTokensService,
    private readonly rateLimit: RateLimitMiddleware,
    private readonly sessions: LiveSessions,
    private readonly shutdown: ShutdownState,
    private readonly config: AppConfig,
    private readonly logger: AppLogger,
  ) {
    this.failures = new RateLimiter(config.limits.apiAuthFailuresPerMinute, 60_000);
  }

  onApplicationBootstrap(): void {
    const wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.config.requestBodyLimitBytes,
      handleProtocols: (protocols) =>
        protocols.has('graphql-transport-ws') ? 'graphql-transport-ws' : false,
    });
    this.wss = wss;
    const server = makeServer<Record<string, unknown> | undefined, Extra>({
      connectionInitWaitTimeout: 5_000,
      onConnect: (ctx) => this.connect(ctx),
      onSubscribe: (ctx, _id, payload) => this.subscribe(ctx, payload),
      onNext: (ctx, _id, _payload, _args, result) => this.format(ctx, result),
      onError: (ctx, _id, _payload, errors) => this.formatErrors(ctx, errors),
      onClose: (ctx) => {
        const session = ctx.extra.session;
        if (session) this.sessions.closed(session);
      },
    });
    wss.on('connection', (socket: WebSocket, request: IncomingMessage) =>
      this.accept(server, socket, request),
    );
    this.httpServer().on('upgrade', this.onUpgrade);
  }

  /** Before the HTTP server closes: sockets would hold it open. Clients reconnect elsewhere. */
  async beforeApplicationShutdown(): Promise<void> {
    this.httpServer().off('upgrade', this.onUpgrade);
    this.sessions.closeAll(CloseCode.GOING_AWAY, 'The server is shutting down');
    const wss = this.wss;
    this.wss = null;
    if (!wss) return;
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  private httpServer(): Server {
    return this.adapterHost.httpAdapter.getHttpServer() as Server;
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0]?.replace(/\/+$/, '').toLowerCase();
    const wss = this.wss;
    if (path !== '/graphql' || !wss || this.shutdown.isDraining) {
      socket.end(
        `HTTP/1.1 ${path === '/graphql' ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  }

  private accept(server: GraphqlWsServer, socket: WebSocket, request: IncomingMessage): void {
    const extra: Extra = {
      socket,
      request,
      address: this.clientAddress(request),
      requestId: this.requestIdOf(request),
    };
    let alive = true;
    socket.on('pong', () => (alive = true));
    const keepalive = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, KEEPALIVE_MS);
    keepalive.unref();
    socket.on('error', (err) => {
      this.logger.warn(`WebSocket error: ${err.message}`, 'Subscriptions');
      socket.terminate();
    });
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise((resolve, reject) => {
            if (socket.readyState !== WebSocket.OPEN) return resolve();
            socket.send(data, (err) => (err ? reject(err) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data: Buffer) => {
            handle(data.toString('utf8')).catch((err: unknown) => {
              this.logger.error(
                `A subscription message failed: ${err instanceof Error ? err.message : String(err)}`,
                'Subscriptions',
              );
              socket.close(4500, 'Internal server error');
            });
          }),
      },
      extra,
    );
    socket.once('close', (code: number, reason: Buffer) => {
      clearInterval(keepalive);
      void closed(code, reason.toString('utf8'));
    });
  }

  private async connect(ctx: Connection): Promise<boolean> {
    const { address, socket } = ctx.extra;
    const header = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
    const token = bearerToken(typeof header === 'string' ? header : undefined);
    // As over HTTP: an address that keeps presenting unknown tokens is refused for the window.
    if (!token || this.failures.blocked(address) > 0) {
      if (!token) this.failures.hit(address);
      return false;
    }
    const caller = await this.tokens.authenticate(token);
    if (!caller) {
      this.failures.hit(address);
      return false;
    }
    ctx.extra.session = this.sessions.open(hashApiToken(token), caller, (code, reason) =>
      socket.close(code, reason),
    );
    this.logger.log(`WebSocket connected for ${caller.name} from ${address}`, 'Subscriptions');
    return true;
  }

  private subscribe(ctx: Connection, payload: SubscribePayload): GraphQLError[] | ExecutionArgs {
    const session = ctx.extra.session;
    if (!session) return [refusal(new UnauthenticatedError())];
    const wait = this.rateLimit.hitApi(session.tokenHash);
    if (wait > 0) return [refusal(new RateLimitedError(wait, this.rateLimit.apiLimit))];
    if (session.subscriptionCount >= MAX_SUBSCRIPTIONS_PER_SOCKET) {
      return [
        refusal(
          new AppError(
            ErrorCode.TOO_MANY_REQUESTS,
            `A connection may hold ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions at once (the limit)`,
          ),
        ),
      ];
    }
    const schema = this.schemaHost.schema;
    let document: DocumentNode;
    try {
      document = parse(payload.query);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
    }
    const errors = validate(schema, document, [
      ...specifiedRules,
      ...queryLimitRules(this.config.limits),
    ]);
    if (errors.length > 0) return errors.map(validationError);
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) return [refusal(InputError.field('operationName', 'names no operation'))];
    if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
      return [
        refusal(
          InputError.field(
            'query',
            'only subscriptions run over the WebSocket; send queries and mutations over HTTP',
          ),
        ),
      ];
    }
    const variables = payload.variables ?? {};
    try {
      checkOperationCost(schema, document, operation, variables, this.config.limits.maxCost);
    } catch (err) {
      if (err instanceof GraphQLError) return [err];
      throw err;
    }
    const contextValue: LiveContext = {
      // The connection authenticated already: the guard takes its caller (always the session's
      // current one) instead of reading credentials from a request.
      req: { headers: {}, ip: ctx.extra.address } as never,
      res: undefined as never,
      loaders: new LoaderCache((teamId) => session.canSee(teamId)),
      session,
      get caller() {
        return session.caller;
      },
    };
    return {
      schema,
      document,
      operationName: payload.operationName,
      variableValues: variables,
      contextValue,
    };
  }

  /** Errors of a result, through the one formatter (codes, request id, internal ones logged). */
  private format(ctx: Connection, result: ExecutionResult): FormattedExecutionResult | void {
    if (!result.errors?.length) return;
    return { ...result, errors: this.formatErrors(ctx, result.errors) };
  }

  private formatErrors(ctx: Connection, errors: readonly GraphQLError[]): GraphQLFormattedError[] {
    const context = {
      requestId: ctx.extra.requestId,
      actor: ctx.extra.session?.caller.name ?? 'anonymous',
    };
    return requestContext.run(context, () =>
      errors.map((e) =>
        formatGraphqlError(
          e.toJSON(),
          e.originalError instanceof AppError && !e.path ? e.originalError : e,
          this.logger,
        ),
      ),
    );
  }

  private clientAddress(request: IncomingMessage): string {
    const trust = this.adapterHost.httpAdapter
      .getInstance<{ get(name: string): unknown }>()
      .get('trust proxy fn') as Parameters<typeof proxyaddr>[1] | undefined;
    try {
      return trust ? proxyaddr(request, trust) : (request.socket.remoteAddress ?? 'unknown');
    } catch {
      return request.socket.remoteAddress ?? 'unknown';
    }
  }

  private requestIdOf(request: IncomingMessage): string {
    const sent = request.headers['x-request-id'];
    return typeof sent === 'string' && /^[\w.:-]{1,128}$/.test(sent) ? sent : randomUUID();
  }
}
