import { SetMetadata } from '@nestjs/common';
import type { TeamRole } from '../generated/prisma/enums';

/** The kinds of object an operation can name; each has a `ref` helper of the same name. */
export const REF_KINDS = [
  'team',
  'teamKey',
  'task',
  'taskKey',
  'board',
  'column',
  'sprint',
  'replanProposal',
  'member',
  'alert',
  'integration',
  'delivery',
  'deployment',
  'apiToken',
  'notificationChannel',
  'notification',
] as const;

export type RefKind = (typeof REF_KINDS)[number];

/** An object an operation touches; its team decides access. */
export interface Ref {
  kind: RefKind;
  id: string | null | undefined;
  /** The argument's path, for error messages (`id`, `input.taskId`). */
  field?: string;
}

/** `ref.task(a.id)`: the reference to an object of that kind (an absent id names nothing). */
export const ref = Object.fromEntries(
  REF_KINDS.map((kind) => [kind, (id: Ref['id']): Ref => ({ kind, id })]),
) as Record<RefKind, (id: Ref['id']) => Ref>;

/**
 * Who may call an operation:
 * - a team role, checked against the team of every object named in the arguments
 *   (an object of a team the caller cannot see answers NOT_FOUND, exactly like a missing one);
 * - INSTANCE_ADMIN: the instance administrator only;
 * - AUTHENTICATED: any valid token (the operation filters by the caller's teams itself).
 */
export interface AccessPolicy {
  role: TeamRole | 'INSTANCE_ADMIN' | 'AUTHENTICATED';
  /** Reads the objects from the operation's arguments (GraphQL args, or REST params and query). */
  refs: (args: unknown) => Ref[];
  /** Administrative change: written to the audit trail. */
  audit: boolean;
}

export const ACCESS_POLICY = 'loopboard:access-policy';
export const PUBLIC_ROUTE = 'loopboard:public';

/**
 * Every operation declares its policy; one without is refused (fail closed). `A` is the shape of
 * the operation's arguments, by their GraphQL (or route parameter) names, as the handler declares
 * them: `@Authorize('MEMBER', (a: { id: string }) => [ref.task(a.id)])`.
 */
export function Authorize<A>(
  role: AccessPolicy['role'],
  refs: (args: A) => Ref[] = () => [],
  options: { audit?: boolean } = {},
): MethodDecorator {
  return SetMetadata(ACCESS_POLICY, {
    role,
    // The guard hands over the arguments as the request brought them; they have the handler's
    // shape because GraphQL validates them against the schema (and routes name their params)
    // before any guard runs.
    refs: refs as (args: unknown) => Ref[],
    audit: options.audit ?? (role === 'ADMIN' || role === 'INSTANCE_ADMIN'),
  } satisfies AccessPolicy);
}

/** No API token needed (health, metrics and webhooks authenticate on their own terms). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
