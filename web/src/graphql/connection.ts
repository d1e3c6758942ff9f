import { Client, fetchExchange, mapExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';

export type LinkStatus = 'connecting' | 'connected' | 'lost';

export interface ConnectionEvents {
  /** The live link changed state ('lost' while it retries). */
  onStatus: (status: LinkStatus) => void;
  /** The service refused the token (revoked, rotated or expired): the session is over. */
  onTokenRejected: () => void;
}

export interface Connection {
  client: Client;
  ws: WsClient;
  /** Called after every reconnect (not the first connect): what was shown may be stale. */
  onReconnect: (listener: () => void) => () => void;
  dispose: () => void;
}

/** Close codes the service uses for a bad, revoked or expired token. */
const TOKEN_CLOSE_CODES = new Set([4401, 4403]);
const PING_INTERVAL_MS = 10_000;
const PONG_TIMEOUT_MS = 5_000;

/**
 * One urql client for the signed-in tab: queries and mutations over HTTP to /graphql and
 * subscriptions over graphql-ws on the same path, both on this page's origin only, both carrying
 * the token (the Authorization header; connection_init). A socket that stops answering pings is
 * closed and reopened; a token the service refuses ends the session.
 */
export function createConnection(token: string, events: ConnectionEvents): Connection {
  const reconnectListeners = new Set<() => void>();
  let everConnected = false;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const ws = createWsClient({
    url,
    lazy: false,
    keepAlive: PING_INTERVAL_MS,
    retryAttempts: Number.POSITIVE_INFINITY,
    connectionParams: { authorization: `Bearer ${token}` },
    shouldRetry: (event) => !isTokenClose(event),
    onNonLazyError: () => undefined,
    on: {
      connecting: () => events.onStatus(everConnected ? 'lost' : 'connecting'),
      connected: () => {
        events.onStatus('connected');
        if (everConnected) for (const listener of reconnectListeners) listener();
        everConnected = true;
      },
      ping: (received) => {
        if (received) return;
        pongTimer = setTimeout(() => ws.terminate(), PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
      closed: (event) => {
        clearTimeout(pongTimer);
        if (isTokenClose(event)) events.onTokenRejected();
        else if (everConnected) events.onStatus('lost');
      },
    },
  });
  const client = new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
    exchanges: [
      mapExchange({
        onError: (error) => {
          const status = (error.response as Response | undefined)?.status;
          if (
            status === 401 ||
            error.graphQLErrors.some((e) => e.extensions['code'] === 'UNAUTHENTICATED')
          )
            events.onTokenRejected();
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({
            unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink),
          }),
        }),
      }),
    ],
  });
  return {
    client,
    ws,
    onReconnect: (listener) => {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    dispose: () => {
      clearTimeout(pongTimer);
      void ws.dispose();
    },
  };
}

function isTokenClose(event: unknown): boolean {
  return (
    typeof event === 'object' &&
    event !== null &&
    'code' in event &&
    TOKEN_CLOSE_CODES.has((event as { code: number }).code)
  );
}
