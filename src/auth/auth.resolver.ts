import { Args, ID, Query, Mutation, Resolver } from '@nestjs/graphql';
import { TeamRole } from '../common/graphql/enums';
import { IdArg, ParseIdPipe } from '../common/graphql/id.pipe';
import { Connection, PageArgs } from '../common/graphql/pagination';
import { AccessService } from './access.service';
import { ApiTokensService } from './api-tokens.service';
import { AuditService } from './audit/audit.service';
import { Authorize, ref } from './authorize.decorator';
import { CreateApiTokenInput } from './dto/api-token.inputs';
import { ApiTokenModel, CreatedApiToken } from './models/api-token.model';
import { AuditEventConnection, AuditEventModel } from './models/audit-event.model';
import { Viewer } from './models/viewer.model';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly tokens: ApiTokensService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  @Query(() => Viewer, { description: 'The token making this request and its roles.' })
  @Authorize('AUTHENTICATED')
  viewer(): Viewer {
    const caller = this.access.caller();
    return {
      tokenId: caller.tokenId,
      name: caller.name,
      instanceAdmin: caller.instanceAdmin,
      grants: caller.grants,
    };
  }

  @Query(() => [ApiTokenModel], {
    description: 'Tokens of a team (team admins), or every token (instance admin, without teamId).',
  })
  @Authorize('ADMIN', (a: { teamId?: string }) => [ref.team(a.teamId)], { audit: false })
  apiTokens(
    @Args('teamId', { type: () => ID, nullable: true }, ParseIdPipe) teamId?: string | null,
    @Args('includeRevoked', { type: () => Boolean, defaultValue: false }) includeRevoked?: boolean,
  ): Promise<ApiTokenModel[]> {
    return this.tokens.list(teamId ?? null, includeRevoked ?? false, this.access.visibleTeams());
  }

  @Mutation(() => CreatedApiToken, {
    description:
      'Creates a token with a role on a team (team admins, up to their own role) or an instance admin token.',
  })
  @Authorize('ADMIN', (a: { input: CreateApiTokenInput }) => [ref.team(a.input.teamId)])
  createApiToken(@Args('input') input: CreateApiTokenInput): Promise<CreatedApiToken> {
    return this.tokens.create(this.access.caller(), {
      name: input.name,
      teamId: input.teamId ?? null,
      role: input.role ?? null,
      instanceAdmin: input.instanceAdmin ?? false,
      expiresAt: input.expiresAt ?? null,
    });
  }

  @Mutation(() => ApiTokenModel, { description: 'Revokes a token: it stops working at once.' })
  @Authorize('ADMIN', (a: { id: string }) => [ref.apiToken(a.id)])
  revokeApiToken(@IdArg() id: string): Promise<ApiTokenModel> {
    return this.tokens.revoke(id);
  }

  @Mutation(() => CreatedApiToken, {
    description: 'A new secret for a token (same name and roles); the old one stops working.',
  })
  @Authorize('ADMIN', (a: { id: string }) => [ref.apiToken(a.id)])
  async rotateApiToken(@IdArg() id: string): Promise<CreatedApiToken> {
    return this.tokens.rotate(id);
  }

  @Mutation(() => ApiTokenModel, {
    description: 'Gives a token a role on a team (instance admin).',
  })
  // The team first: the audit event belongs to the team that gains the grant.
  @Authorize('INSTANCE_ADMIN', (a: { tokenId: string; teamId: string }) => [
    ref.team(a.teamId),
    ref.apiToken(a.tokenId),
  ])
  grantTeamRole(
    @IdArg('tokenId') tokenId: string,
    @IdArg('teamId') teamId: string,
    @Args('role', { type: () => TeamRole }) role: TeamRole,
  ): Promise<ApiTokenModel> {
    return this.tokens.grant(tokenId, teamId, role);
  }

  @Query(() => AuditEventConnection, {
    description: "A team's administrative changes, newest first (team admins).",
  })
  @Authorize('ADMIN', (a: { teamId?: string }) => [ref.team(a.teamId)], { audit: false })
  auditEvents(
    @Args('teamId', { type: () => ID, nullable: true }, ParseIdPipe)
    teamId: string | null | undefined,
    @Args() page: PageArgs,
  ): Promise<Connection<AuditEventModel>> {
    return this.audit.list(teamId ?? null, page.first, page.after);
  }
}
