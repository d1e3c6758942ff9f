import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsOptional,
  IsUUID,
} from 'class-validator';

export const MAX_TASKS_PER_PLAN = 500;

@InputType()
export class PlanSprintInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  sprintId!: string;

  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TASKS_PER_PLAN)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'must be ids' })
  taskIds!: string[];

  @Field({ nullable: true, description: 'Plan beyond plannablePoints.' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

@InputType()
export class UnplanTasksInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  sprintId!: string;

  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TASKS_PER_PLAN)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'must be ids' })
  taskIds!: string[];
}
