import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { TaskPriority, TaskSource, TaskType } from '../../common/graphql/enums';
import { PageArgs } from '../../common/graphql/pagination';
import { IdField } from '../../common/graphql/input-fields';
import { SlaStatusEnum } from '../../sla/models/task-sla.model';
import { SLA_STATUSES, SlaStatus } from '../../sla/sla-status';

export const MAX_TITLE_LENGTH = 500;
export const MAX_DESCRIPTION_LENGTH = 20_000;
export const MAX_ESTIMATE = 100;
export const MAX_LABELS = 20;
export const MAX_LABEL_LENGTH = 60;

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
/** Labels are trimmed and de-duplicated; empty ones are dropped. */
const normalizeLabels = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? [
        ...new Set(
          value.map((l: unknown) => (typeof l === 'string' ? l.trim() : l)).filter((l) => l !== ''),
        ),
      ]
    : value;

function TitleField(nullable: boolean): PropertyDecorator {
  return (target, key) => {
    Field({ nullable, description: `1 to ${MAX_TITLE_LENGTH} characters.` })(target, key);
    Transform(trim)(target, key);
    if (nullable) IsOptional()(target, key);
    IsString()(target, key);
    MinLength(1, { message: 'must not be empty' })(target, key);
    MaxLength(MAX_TITLE_LENGTH, { message: `must be at most ${MAX_TITLE_LENGTH} characters` })(
      target,
      key,
    );
  };
}

function EstimateField(): PropertyDecorator {
  return (target, key) => {
    Field(() => Float, {
      nullable: true,
      description: `Points, 0 to ${MAX_ESTIMATE}; null for none.`,
    })(target, key);
    IsOptional()(target, key);
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })(
      target,
      key,
    );
    Min(0, { message: 'must not be negative' })(target, key);
    Max(MAX_ESTIMATE, { message: `must be at most ${MAX_ESTIMATE} points` })(target, key);
  };
}

function LabelsField(): PropertyDecorator {
  return (target, key) => {
    Field(() => [String], { nullable: true })(target, key);
    IsOptional()(target, key);
    Transform(normalizeLabels)(target, key);
    ArrayMaxSize(MAX_LABELS, { message: `must have at most ${MAX_LABELS} labels` })(target, key);
    IsString({ each: true })(target, key);
    MaxLength(MAX_LABEL_LENGTH, {
      each: true,
      message: `each label must be at most ${MAX_LABEL_LENGTH} characters`,
    })(target, key);
  };
}

function OptionalId(description?: string): PropertyDecorator {
  return (target, key) => {
    Field(() => ID, { nullable: true, description })(target, key);
    IsOptional()(target, key);
    IsUUID('all', { message: 'must be an id' })(target, key);
  };
}

@InputType()
export class CreateTaskInput {
  @IdField()
  teamId!: string;

  @TitleField(false)
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DESCRIPTION_LENGTH)
  description?: string | null;

  @Field(() => TaskType, { nullable: true, description: 'Default FEATURE.' })
  @IsOptional()
  @IsEnum(TaskType)
  type?: TaskType;

  @Field(() => TaskPriority, { nullable: true, description: 'Default NONE.' })
  @IsOptional()
  @IsEnum(TaskPriority)
  priority?: TaskPriority;

  @EstimateField()
  estimate?: number | null;

  @OptionalId("Board to put the card on; default: the team's first board.")
  boardId?: string | null;

  @OptionalId(
    "Column for the card; default: the board's first BACKLOG, else TODO, else first column.",
  )
  columnId?: string | null;

  @OptionalId('Sprint to add the task to (added after start = unplanned).')
  sprintId?: string | null;

  @OptionalId()
  assigneeId?: string | null;

  @LabelsField()
  labels?: string[];

  @Field({
    nullable: true,
    description:
      "Create even when the column is at its WIP limit or the sprint's plannable capacity is full.",
  })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

@InputType()
export class UpdateTaskInput {
  @TitleField(true)
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DESCRIPTION_LENGTH)
  description?: string | null;

  @Field(() => TaskType, { nullable: true })
  @IsOptional()
  @IsEnum(TaskType)
  type?: TaskType;

  @Field(() => TaskPriority, { nullable: true })
  @IsOptional()
  @IsEnum(TaskPriority)
  priority?: TaskPriority;

  @EstimateField()
  estimate?: number | null;

  @OptionalId('null unassigns.')
  assigneeId?: string | null;

  @LabelsField()
  labels?: string[];
}

@InputType()
export class MoveTaskInput {
  @IdField()
  taskId!: string;

  @IdField()
  columnId!: string;

  @OptionalId('Place the card right before (above) this card of the column.')
  beforeTaskId?: string | null;

  @OptionalId('Place the card right after (below) this card of the column.')
  afterTaskId?: string | null;

  @Field({ nullable: true, description: 'Move even when the column is at its WIP limit.' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

@InputType()
export class TaskFilter {
  @OptionalId()
  sprintId?: string | null;

  @Field({ nullable: true, description: 'Only tasks in no sprint (true) or in one (false).' })
  @IsOptional()
  @IsBoolean()
  inBacklog?: boolean;

  @OptionalId()
  boardId?: string | null;

  @OptionalId()
  columnId?: string | null;

  @OptionalId()
  assigneeId?: string | null;

  @Field(() => TaskType, { nullable: true })
  @IsOptional()
  @IsEnum(TaskType)
  type?: TaskType;

  @Field(() => TaskPriority, { nullable: true })
  @IsOptional()
  @IsEnum(TaskPriority)
  priority?: TaskPriority;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LABEL_LENGTH)
  label?: string;

  @Field(() => TaskSource, { nullable: true })
  @IsOptional()
  @IsEnum(TaskSource)
  source?: TaskSource;

  @Field(() => SlaStatusEnum, {
    nullable: true,
    description: "Only alert cards whose SLA clock stands there now (the database's clock).",
  })
  @IsOptional()
  @IsIn(SLA_STATUSES, { message: `must be one of ${SLA_STATUSES.join(', ')}` })
  slaStatus?: SlaStatus;

  @Field({ nullable: true, description: 'Case-insensitive search in key, title and description.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string;
}

@ArgsType()
export class TasksArgs extends PageArgs {
  @IdField()
  teamId!: string;

  @Field(() => TaskFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TaskFilter)
  filter?: TaskFilter;
}
