import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';

/** A year: longer targets are a mistake, not a policy. */
export const MAX_SLA_MINUTES = 525_600;

@ObjectType({
  description: 'Minutes to acknowledge and to resolve an alert card (null: no target).',
})
export class SlaTargetsModel {
  @Field(() => Int, {
    nullable: true,
    description: 'Minutes until the card leaves its triage column or gets an assignee.',
  })
  ackMinutes!: number | null;

  @Field(() => Int, { nullable: true, description: 'Minutes until the card is done.' })
  resolveMinutes!: number | null;
}

@ObjectType({
  description:
    "A team's response targets for alert cards, per priority (NONE has none); clocks run around the clock.",
})
export class SlaPolicyModel {
  @Field(() => SlaTargetsModel)
  urgent!: SlaTargetsModel;

  @Field(() => SlaTargetsModel)
  high!: SlaTargetsModel;

  @Field(() => SlaTargetsModel)
  medium!: SlaTargetsModel;

  @Field(() => SlaTargetsModel)
  low!: SlaTargetsModel;
}

@InputType()
export class SlaTargetsInput {
  @Field(() => Int, { nullable: true, description: `1 to ${MAX_SLA_MINUTES}; null: no target.` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SLA_MINUTES)
  ackMinutes?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: `1 to ${MAX_SLA_MINUTES}, not below ackMinutes; null: no target.`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SLA_MINUTES)
  resolveMinutes?: number | null;
}

const targets = (): PropertyDecorator => {
  const decorators = [
    Field(() => SlaTargetsInput, {
      nullable: true,
      description: 'Replaces this priority’s targets; null: none; omitted: unchanged.',
    }),
    IsOptional(),
    ValidateNested(),
    Type(() => SlaTargetsInput),
  ];
  return (target, property) => decorators.forEach((d) => d(target, property));
};

@InputType()
export class SlaPolicyInput {
  @targets()
  urgent?: SlaTargetsInput | null;

  @targets()
  high?: SlaTargetsInput | null;

  @targets()
  medium?: SlaTargetsInput | null;

  @targets()
  low?: SlaTargetsInput | null;
}
