/**
 * A graphql-ws client for tests: connects to a listening test app, subscribes, and waits for
 * messages with a deadline (never a sleep).
 */
import { Client, createClient, ExecutionResult } from 'graphql-ws';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type { TestApp } from './test-app';

/** Makes the app listen on a free port (supertest alone never opens one); returns the ws URL. */
export async function listen(t: TestApp): Promise<string> {
  const server = t.app.getHttpServer();
  if (!server.listening) await t.app.listen(0, '127.0.0.1');
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

type Result = ExecutionResult<Record<string, any>, Record<string, unknown>>;

/** One subscription's messages, in order. */
export class Feed {
  readonly results: Result[] = [];
  completed = false;
  error: unknown = null;
  private read = 0;
  private waiters: (() => void)[] = [];

  push(result: Result): void {
    this.results.push(result);
    this.wake();
  }

  finish(error?: unknown): void {
    this.completed = true;
    if (error) this.error = error;
    this.wake();
  }

  /** The next message not read yet that matches (earlier non-matching ones are skipped). */
  async next(matches: (r: Result) => boolean = () => true, timeoutMs = 15_000): Promise<Result> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.read < this.results.length) {
        const result = this.results[this.read++] as Result;
        if (matches(result)) return result;
      }
      if (this.completed)
        throw new Error(
          `The subscription ended (${JSON.stringify(this.error)}) before the message`,
        );
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `No matching message within ${timeoutMs} ms: ${JSON.stringify(this.results)}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until the server completes the subscription. */
  async ended(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.completed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`The subscription did not end within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

export interface LiveClient {
  client: Client;
  /** Set once the server closed the socket: its close code and reason. */
  closed: { code: number; reason: string } | null;
  subscribe(query: string, variables?: Record<string, unknown>): Feed;
  /** Waits for the server to close the socket. */
  waitClosed(timeoutMs?: number): Promise<{ code: number; reason: string }>;
  dispose(): Promise<void>;
}

/** Connects with a token (or a raw authorization value) and resolves once acknowledged or closed. */
export async function connectLive(url: string, token: string | null): Promise<LiveClient> {
  const state: { closed: LiveClient['closed'] } = { closed: null };
  const closeWaiters: (() => void)[] = [];
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    // The close is recorded below; the client's default would print it.
    onNonLazyError: () => undefined,
    connectionParams: token === null ? {} : { authorization: `Bearer ${token}` },
    on: {
      closed: (event) => {
        const e = event as { code: number; reason: string };
        state.closed = { code: e.code, reason: String(e.reason) };
        for (const waiter of closeWaiters.splice(0)) waiter();
      },
    },
  });
  await new Promise<void>((resolve) => {
    const offConnected = client.on('connected', () => {
      offConnected();
      resolve();
    });
    closeWaiters.push(resolve);
  });
  const live: LiveClient = {
    client,
    get closed() {
      return state.closed;
    },
    subscribe(query, variables) {
      const feed = new Feed();
      client.subscribe<Record<string, any>>(
        { query, variables },
        {
          next: (result) => feed.push(result as Result),
          error: (error) => feed.finish(error ?? 'error'),
          complete: () => feed.finish(),
        },
      );
      return feed;
    },
    async waitClosed(timeoutMs = 15_000) {
      if (state.closed) return state.closed;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`The socket was not closed within ${timeoutMs} ms`)),
          timeoutMs,
        );
        closeWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      return state.closed as unknown as { code: number; reason: string };
    },
    dispose: async () => {
      await client.dispose();
    },
  };
  return live;
}

export const BOARD_CHANGED = `subscription ($b: ID!) {
  boardChanged(boardId: $b) { boardId version kind taskId columnId
    task { id key title rank column { id name } assignee { name } alerts { status occurrences } }
    column { id name position } } }`;

/**
 * graphql-ws does not acknowledge a subscribe: the subscription is known to be live once an
 * event arrives. Makes a change (`poke`) until one matching arrives, and returns it.
 */
export async function whenLive(
  feed: Feed,
  poke: (attempt: number) => Promise<unknown>,
  matches: (r: Result) => boolean = () => true,
): Promise<Result> {
  for (let attempt = 0; ; attempt++) {
    await poke(attempt);
    try {
      return await feed.next(matches, 2_000);
    } catch (error) {
      if (feed.completed || attempt >= 10) throw error;
    }
  }
}
