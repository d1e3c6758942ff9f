import { AsyncLocalStorage } from 'node:async_hooks';
import type { TeamRole } from '../../generated/prisma/enums';

/**
 * Who a request acts as, as far as shared code needs to know (the auth feature's Caller is one):
 * common/ imports no feature.
 */
export interface RequestCaller {
  readonly tokenId: string;
  readonly name: string;
  can(teamId: string, role: TeamRole): boolean;
}

/** What every log line and error response of one request needs to know about it. */
export interface RequestContext {
  requestId: string;
  /** Who is acting: the name of the API token, or 'anonymous' until authentication exists. */
  actor: string;
  /** The team the caller's token belongs to, when it has one. */
  team?: string;
  /** Set by the webhook pipeline once the integration is known (for metrics). */
  webhookKind?: string;
  /** The authenticated API token of the request. */
  caller?: RequestCaller;
  /** Teams the operation was authorized against (for the audit trail). */
  authorizedTeams?: string[];
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  /** Runs work that serves several requests (a batch) outside the one that started it. */
  outside<T>(fn: () => T): T {
    return storage.exit(fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
  actor(): string {
    return storage.getStore()?.actor ?? 'system';
  },
};
