import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsOptional,
  IsUUID,
} from 'class-validator';
import { IdField } from '../../common/graphql/input-fields';

export const MAX_TASKS_PER_PLAN = 500;

@InputType()
export class PlanSprintInput {
  @IdField()
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
  @IdField()
  sprintId!: string;

  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TASKS_PER_PLAN)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'must be ids' })
  taskIds!: string[];
}
