import type { Caller } from '../auth/caller';
import type { GraphqlContext } from '../common/graphql/graphql-context';
import type { Delivery } from './live-hub';
import type { LiveEvent } from './live-event';
import type { LiveSession } from './live-session';

/** The context of an operation sent over the WebSocket: the GraphQL context and its session. */
export interface LiveContext extends GraphqlContext {
  session?: LiveSession;
  /** The connection's caller, which the auth guard uses instead of a request's credentials. */
  readonly caller?: Caller;
}

/**
 * A subscription's `resolve`: each delivery becomes the field's value, resolved through the
 * event's shared loaders; an ending error (access lost) becomes the operation's error. graphql-ws
 * resolves one event of an operation at a time, so switching the context's loaders is safe.
 */
export function deliver<C>(delivery: Delivery<LiveEvent<C>>, _args: unknown, ctx: LiveContext): C {
  if ('error' in delivery) throw delivery.error;
  ctx.loaders = delivery.event.loaders;
  return delivery.event.change;
}
