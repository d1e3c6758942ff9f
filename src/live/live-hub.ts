import { Injectable } from '@nestjs/common';

/**
 * What a subscriber receives: an event, or the end of its subscription with an error (its caller
 * lost access). The subscription's `resolve` turns the error into the operation's GraphQL error.
 */
export type Delivery<E> = { event: E } | { error: Error };

export interface SubscribeOptions<E> {
  /** Events this subscriber may receive; the others are skipped (its caller lost access). */
  allowed?: (event: E) => boolean;
  /**
   * What replaces a backlog that outgrew the queue (a client too slow to read its socket): one
   * event (telling the client to re-read, or the latest state), instead of unbounded memory.
   */
  overflow: (backlog: E[]) => E;
}

/** Events waiting per subscriber before its backlog is replaced by one overflow event. */
export const MAX_QUEUED_EVENTS = 500;

/**
 * One subscriber's queue, read as an async iterator by graphql-ws. Publishing never waits for a
 * subscriber: each has its own bounded queue, drained at its socket's pace.
 */
export class LiveSubscription<E> implements AsyncIterableIterator<Delivery<E>> {
  private readonly queue: Delivery<E>[] = [];
  private waiting: ((result: IteratorResult<Delivery<E>>) => void) | null = null;
  private done = false;
  private readonly endListeners: (() => void)[] = [];

  constructor(private readonly options: SubscribeOptions<E>) {}

  get closed(): boolean {
    return this.done;
  }

  push(event: E): void {
    if (this.done || (this.options.allowed && !this.options.allowed(event))) return;
    if (this.queue.length >= MAX_QUEUED_EVENTS) {
      const backlog = this.queue.flatMap((d) => ('event' in d ? [d.event] : []));
      this.queue.length = 0;
      this.deliver({ event: this.options.overflow([...backlog, event]) });
      return;
    }
    this.deliver({ event });
  }

  /** Runs once when the subscription ends, whichever side ends it. */
  onEnd(listener: () => void): void {
    if (this.done) listener();
    else this.endListeners.push(listener);
  }

  /** Ends the subscription after what is queued, with `error` (if any) as its last message. */
  end(error?: Error): void {
    if (this.done) return;
    if (error) this.deliver({ error });
    this.finish();
    // A reader waiting on an empty queue learns at once that nothing more comes.
    if (this.queue.length === 0) this.release();
  }

  next(): Promise<IteratorResult<Delivery<E>>> {
    const value = this.queue.shift();
    if (value) return Promise.resolve({ value, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** The reader is gone (the client completed the operation, or its socket closed). */
  return(): Promise<IteratorResult<Delivery<E>>> {
    this.finish();
    this.queue.length = 0;
    this.release();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<Delivery<E>>> {
    void this.return();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    for (const listener of this.endListeners.splice(0)) listener();
  }

  private release(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.({ value: undefined, done: true });
  }

  private deliver(delivery: Delivery<E>): void {
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      waiting({ value: delivery, done: false });
    } else {
      this.queue.push(delivery);
    }
  }
}

/**
 * The process's subscribers by topic (`board:<id>`, `sprint:<id>`, `alerts:<teamId>`). Feeds
 * publish what the database announced; nothing here crosses processes (NOTIFY does that).
 */
@Injectable()
export class LiveHub {
  private readonly topics = new Map<string, Set<LiveSubscription<unknown>>>();

  subscribe<E>(topic: string, options: SubscribeOptions<E>): LiveSubscription<E> {
    let subscribers = this.topics.get(topic);
    if (!subscribers) {
      subscribers = new Set();
      this.topics.set(topic, subscribers);
    }
    const set = subscribers;
    const subscription = new LiveSubscription(options);
    set.add(subscription as LiveSubscription<unknown>);
    subscription.onEnd(() => {
      set.delete(subscription as LiveSubscription<unknown>);
      if (set.size === 0 && this.topics.get(topic) === set) this.topics.delete(topic);
    });
    return subscription;
  }

  has(topic: string): boolean {
    return (this.topics.get(topic)?.size ?? 0) > 0;
  }

  /** Topics with subscribers that start with `prefix` (e.g. every subscribed board). */
  topicsWith(prefix: string): string[] {
    return [...this.topics.keys()].filter((topic) => topic.startsWith(prefix));
  }

  publish<E>(topic: string, event: E): void {
    for (const subscription of [...(this.topics.get(topic) ?? [])])
      (subscription as LiveSubscription<E>).push(event);
  }

  /** Ends every subscription of a topic (e.g. the board was deleted), after what is queued. */
  end(topic: string, error?: Error): void {
    for (const subscription of [...(this.topics.get(topic) ?? [])]) subscription.end(error);
  }

  /** Subscribers in this process (a metric and a test's view). */
  get size(): number {
    let total = 0;
    for (const set of this.topics.values()) total += set.size;
    return total;
  }
}
