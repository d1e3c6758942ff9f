import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { TeamRole } from '../../common/graphql/enums';
import { TextField } from '../../common/graphql/input-fields';

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
