import { SetMetadata } from '@nestjs/common';
import type { TeamRole } from '../generated/prisma/enums';

export type RefKind =
  | 'team'
  | 'teamKey'
  | 'task'
  | 'taskKey'
  | 'board'
  | 'column'
  | 'sprint'
  | 'member'
  | 'alert'
  | 'integration'
  | 'delivery'
  | 'apiToken';

/** An object an operation touches; its team decides access. */
export interface Ref {
  kind: RefKind;
  id: string | null | undefined;
  /** The argument's path, for error messages (`id`, `input.taskId`). */
  field?: string;
}

/** Arguments of an operation as policies read them (GraphQL args, or REST params and query). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OperationArgs = Record<string, any>;

export const ref = {
  team: (id: string | null | undefined): Ref => ({ kind: 'team', id }),
  teamKey: (id: string | null | undefined): Ref => ({ kind: 'teamKey', id }),
  task: (id: string | null | undefined): Ref => ({ kind: 'task', id }),
  taskKey: (id: string | null | undefined): Ref => ({ kind: 'taskKey', id }),
  board: (id: string | null | undefined): Ref => ({ kind: 'board', id }),
  column: (id: string | null | undefined): Ref => ({ kind: 'column', id }),
  sprint: (id: string | null | undefined): Ref => ({ kind: 'sprint', id }),
  member: (id: string | null | undefined): Ref => ({ kind: 'member', id }),
  alert: (id: string | null | undefined): Ref => ({ kind: 'alert', id }),
  integration: (id: string | null | undefined): Ref => ({ kind: 'integration', id }),
  delivery: (id: string | null | undefined): Ref => ({ kind: 'delivery', id }),
  apiToken: (id: string | null | undefined): Ref => ({ kind: 'apiToken', id }),
};

/**
 * Who may call an operation:
 * - a team role, checked against the team of every object named in the arguments
 *   (an object of a team the caller cannot see answers NOT_FOUND, exactly like a missing one);
 * - INSTANCE_ADMIN: the instance administrator only;
 * - AUTHENTICATED: any valid token (the operation filters by the caller's teams itself).
 */
export interface AccessPolicy {
  role: TeamRole | 'INSTANCE_ADMIN' | 'AUTHENTICATED';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  refs: (args: any) => Ref[];
  /** Administrative change: written to the audit trail. */
  audit: boolean;
}

export const ACCESS_POLICY = 'loopboard:access-policy';
export const PUBLIC_ROUTE = 'loopboard:public';

/** Every operation declares its policy; one without is refused (fail closed). */
export function Authorize(
  role: AccessPolicy['role'],
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  refs: (args: any) => Ref[] = () => [],
  options: { audit?: boolean } = {},
): MethodDecorator {
  return SetMetadata(ACCESS_POLICY, {
    role,
    refs,
    audit: options.audit ?? (role === 'ADMIN' || role === 'INSTANCE_ADMIN'),
  } satisfies AccessPolicy);
}

/** No API token needed (health, metrics and webhooks authenticate on their own terms). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
