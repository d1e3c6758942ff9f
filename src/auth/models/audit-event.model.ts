import { Field, ID, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../../common/graphql/json.scalar';
import { ConnectionType } from '../../common/graphql/pagination';

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
