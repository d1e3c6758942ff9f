import { Field, ID, ObjectType } from '@nestjs/graphql';
import { TeamRole } from '../../common/graphql/enums';

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
