import { LoaderCache } from '../common/graphql/loader-cache';

/**
 * An announced change, re-read once per process and shared by every subscriber that receives
 * it. Each subscriber's selection resolves through `loaders`, which see only `teamId`: every
 * receiver was authorized for that team, so sharing the batch hands nobody another team's rows.
 */
export interface LiveEvent<C> {
  teamId: string;
  change: C;
  loaders: LoaderCache;
}

export function liveEvent<C>(teamId: string, change: C): LiveEvent<C> {
  return { teamId, change, loaders: new LoaderCache((team) => team === teamId) };
}
