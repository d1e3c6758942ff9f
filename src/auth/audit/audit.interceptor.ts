import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { getNamedType, isObjectType } from 'graphql';
import type { GraphQLOutputType, GraphQLResolveInfo } from 'graphql';
import { from, mergeMap, Observable } from 'rxjs';
import { AppLogger } from '../../common/logging/app-logger';
import { requestContext } from '../../common/logging/request-context';
import type { Prisma } from '../../generated/prisma/client';
import { ACCESS_POLICY, AccessPolicy } from '../authorize.decorator';
import { AuditRepository } from './audit.repository';

const SECRET_KEY = /secret|token|password|credential/i;
/** References to objects (`tokenId`) name them, they do not hold them: kept. */
const REFERENCE_KEY = /Ids?$/;

/** Arguments as stored in the audit trail: secrets replaced, long strings cut. */
export function redactArgs(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redactArgs(v, depth + 1));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) && !REFERENCE_KEY.test(k) ? '[redacted]' : redactArgs(v, depth + 1),
      ]),
    );
  }
  return typeof value === 'string' && value.length > 500 ? `${value.slice(0, 500)}…` : value;
}

/**
 * Writes an audit event (who, what, when, on which team and object) after each successful
 * administrative mutation. A failure to write the trail is logged, never turned into an error
 * for a change that already committed.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditRepository,
    private readonly logger: AppLogger,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const policy = this.reflector.get<AccessPolicy | undefined>(
      ACCESS_POLICY,
      context.getHandler(),
    );
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    if (!policy?.audit || info.parentType.name !== 'Mutation') return next.handle();
    const args = gql.getArgs<Record<string, unknown>>();
    return next.handle().pipe(
      mergeMap((result: unknown) =>
        from(
          this.record(info.fieldName, objectTypeName(info.returnType), args, result).then(
            () => result,
            (error: unknown) => {
              this.logger.pino.error(
                { err: error, action: info.fieldName },
                'could not write the audit trail',
              );
              return result;
            },
          ),
        ),
      ),
    );
  }

  private async record(
    action: string,
    returnType: string | null,
    args: Record<string, unknown>,
    result: unknown,
  ): Promise<void> {
    const ctx = requestContext.current();
    const target = pickTarget(result, returnType);
    await this.audit.record({
      actorId: ctx?.caller?.tokenId ?? null,
      actorName: ctx?.caller?.name ?? 'anonymous',
      teamId: ctx?.authorizedTeams?.[0] ?? target.teamId,
      action,
      targetType: target.type,
      targetId: target.id,
      details: redactArgs(args) as Prisma.InputJsonValue,
      requestId: ctx?.requestId ?? null,
    });
  }
}

/** The GraphQL object type a mutation returns (`Board`, `ApiTokenModel` → `ApiToken`), or null. */
export function objectTypeName(type: GraphQLOutputType): string | null {
  const named = getNamedType(type);
  return isObjectType(named) ? named.name.replace(/Model$/, '') : null;
}

/**
 * What a mutation changed, from its result: Prisma rows are plain objects, so their type comes
 * from the mutation's GraphQL return type; payloads name their inner object.
 */
export function pickTarget(
  result: unknown,
  returnType: string | null,
): {
  type: string | null;
  id: string | null;
  teamId: string | null;
} {
  if (typeof result === 'string') return { type: null, id: result, teamId: null };
  if (!result || typeof result !== 'object') return { type: null, id: null, teamId: null };
  const object = result as Record<string, unknown>;
  const inner = (['integration', 'apiToken'] as const)
    .map((k) => object[k])
    .find((v) => v && typeof v === 'object') as Record<string, unknown> | undefined;
  const subject = inner ?? object;
  return {
    type: inner ? (object.integration ? 'AlertIntegration' : 'ApiToken') : returnType,
    id: typeof subject.id === 'string' ? subject.id : null,
    teamId:
      typeof subject.teamId === 'string'
        ? subject.teamId
        : typeof subject.key === 'string' && typeof subject.id === 'string'
          ? subject.id
          : null,
  };
}
