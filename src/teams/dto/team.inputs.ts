import { Field, Float, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { ReservePolicyInput } from '../models/reserve-policy.model';
import { SlaPolicyInput } from '../../sla/models/sla-policy.model';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsEmail,
  IsEnum,
  IsNumber,
  IsOptional,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ReserveOverflowPolicy, Weekday } from '../../common/graphql/enums';
import { IdField, TextField } from '../../common/graphql/input-fields';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

@InputType()
export class CreateTeamInput {
  @Field({
    description: '2 to 10 characters: an uppercase letter, then uppercase letters or digits.',
  })
  @Transform(trim)
  @Matches(/^[A-Z][A-Z0-9]{1,9}$/, {
    message: 'must be 2 to 10 characters: an uppercase letter, then uppercase letters or digits',
  })
  key!: string;

  @TextField(200)
  name!: string;

  @Field(() => [Weekday], { nullable: true, description: 'Default: MON to FRI.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsEnum(Weekday, { each: true })
  workingDays?: Weekday[];
}

@InputType()
export class UpdateTeamInput {
  @TextField(200, { nullable: true })
  name?: string;

  @Field(() => [Weekday], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsEnum(Weekday, { each: true })
  workingDays?: Weekday[];

  @Field(() => ReservePolicyInput, {
    nullable: true,
    description: "How the team's sprints size their reserve.",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReservePolicyInput)
  reservePolicy?: ReservePolicyInput;

  @Field(() => SlaPolicyInput, {
    nullable: true,
    description:
      "Response targets of the team's alert cards; priorities given replace theirs, open clocks follow at once.",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SlaPolicyInput)
  slaPolicy?: SlaPolicyInput;

  @Field(() => ReserveOverflowPolicy, {
    nullable: true,
    description: 'What happens when unplanned production work overflows the reserve.',
  })
  @IsOptional()
  @IsEnum(ReserveOverflowPolicy)
  reserveOverflowPolicy?: ReserveOverflowPolicy;

  @Field(() => Float, {
    nullable: true,
    description:
      'Toil budget: the share (0–1) of completed points that may be unplanned production work.',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  productionShareCap?: number;
}

@InputType()
export class AddMemberInput {
  @IdField()
  teamId!: string;

  @TextField(200)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  email?: string | null;

  @Field(() => Float, { description: 'Points per working day, 0 to 100.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  capacityPerDay!: number;
}

@InputType()
export class UpdateMemberInput {
  @TextField(200, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true, description: 'null clears the email.' })
  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  email?: string | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  capacityPerDay?: number;
}
