import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { TeamRole } from '../../common/graphql/enums';
import { JSONScalar } from '../../common/graphql/json.scalar';
import { ConnectionType } from '../../common/graphql/pagination';
import { TextField } from '../../common/graphql/input-fields';

@ObjectType()
export class TokenGrantModel {
  @Field(() => ID)
  teamId!: string;

  @Field(() => TeamRole)
  role!: TeamRole;
}

@ObjectType({ description: 'An API token (its secret is never shown again after creation).' })
export class ApiTokenModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'The first characters of the token, to recognise it.' })
  prefix!: string;

  @Field()
  instanceAdmin!: boolean;

  @Field(() => [TokenGrantModel])
  grants!: TokenGrantModel[];

  @Field(() => String, { nullable: true })
  createdBy!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType()
export class CreatedApiToken {
  @Field(() => ApiTokenModel)
  apiToken!: ApiTokenModel;

  @Field({ description: 'The secret: shown only now. Send it as Authorization: Bearer <token>.' })
  token!: string;
}

@InputType()
export class CreateApiTokenInput {
  @TextField(100)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The team the token acts on (with role).' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  teamId?: string | null;

  @Field(() => TeamRole, { nullable: true })
  @IsOptional()
  @IsEnum(TeamRole)
  role?: TeamRole | null;

  @Field({ nullable: true, description: 'Instance admin: every team, create teams, grant roles.' })
  @IsOptional()
  @IsBoolean()
  instanceAdmin?: boolean;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;
}

@ObjectType({ description: 'An administrative change: who, what, when.' })
export class AuditEventModel {
  @Field(() => ID)
  id!: string;

  @Field()
  at!: Date;

  @Field({ description: 'Name of the token that made the change.' })
  actorName!: string;

  @Field(() => ID, { nullable: true })
  teamId!: string | null;

  @Field({ description: 'The mutation, e.g. updateColumn.' })
  action!: string;

  @Field(() => String, { nullable: true })
  targetType!: string | null;

  @Field(() => ID, { nullable: true })
  targetId!: string | null;

  @Field(() => JSONScalar, { nullable: true, description: 'Arguments, with secrets redacted.' })
  details!: unknown;

  @Field(() => String, { nullable: true })
  requestId!: string | null;
}

export const AuditEventConnection = ConnectionType(AuditEventModel, 'AuditEvent');

@ObjectType({ description: 'The caller: the token in use and its roles.' })
export class Viewer {
  @Field(() => ID)
  tokenId!: string;

  @Field()
  name!: string;

  @Field()
  instanceAdmin!: boolean;

  @Field(() => [TokenGrantModel])
  grants!: TokenGrantModel[];
}
