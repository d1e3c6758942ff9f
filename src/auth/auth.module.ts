import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AccessService } from './access.service';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { ApiTokensRepository } from './api-tokens.repository';
import { ApiTokensService } from './api-tokens.service';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditRepository } from './audit/audit.repository';
import { AuditService } from './audit/audit.service';
import { AuthenticatedTokens } from './authenticated-tokens';
import { AuthGuard } from './auth.guard';
import { AuthResolver } from './auth.resolver';
import { RateLimitMiddleware } from './rate-limit.middleware';
import { RequestAuthenticator } from './request-authenticator';
import { TeamOfRepository } from './team-of.repository';

@Global()
@Module({
  providers: [
    ApiTokensRepository,
    ApiTokensService,
    AdminBootstrapService,
    TeamOfRepository,
    AccessService,
    AuditRepository,
    AuditService,
    AuthResolver,
    RateLimitMiddleware,
    RequestAuthenticator,
    AuthenticatedTokens,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [AccessService, ApiTokensService, RateLimitMiddleware, RequestAuthenticator],
})
export class AuthModule {}
