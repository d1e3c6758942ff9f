import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { TaskEventKind, TaskPriority, TaskSource, TaskType } from '../../common/graphql/enums';
import { ConnectionType } from '../../common/graphql/pagination';
import { JSONScalar } from '../../common/graphql/json.scalar';

@ObjectType({ description: 'A card: one piece of work on a board, maybe in a sprint.' })
export class Task {
  @Field(() => ID)
  id!: string;

  teamId!: string;

  @Field({ description: 'TEAMKEY-n, sequential per team.' })
  key!: string;

  @Field(() => Int)
  number!: number;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => TaskType)
  type!: TaskType;

  @Field(() => TaskPriority)
  priority!: TaskPriority;

  @Field(() => Float, { nullable: true, description: 'Points; null when not estimated.' })
  estimate!: number | null;

  columnId!: string | null;
  sprintId!: string | null;
  assigneeId!: string | null;

  @Field({ description: 'Order of the card in its column (compare as strings).' })
  rank!: string;

  @Field(() => [String])
  labels!: string[];

  @Field(() => TaskSource)
  source!: TaskSource;

  @Field({ description: 'True when the task was in its sprint when the sprint started.' })
  planned!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the task joined its current sprint.' })
  addedToSprintAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'First entry into an IN_PROGRESS column.' })
  startedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Entry into a DONE column; cleared when it leaves DONE.',
  })
  completedAt!: Date | null;

  deletedAt!: Date | null;
}

@ObjectType({ description: 'One change in the life of a task: who, when, from what, to what.' })
export class TaskEvent {
  @Field(() => ID)
  id!: string;

  taskId!: string;

  @Field(() => TaskEventKind)
  kind!: TaskEventKind;

  @Field({ description: 'Who made the change (token name, or system for automatic changes).' })
  actor!: string;

  @Field()
  at!: Date;

  @Field(() => JSONScalar, { nullable: true })
  from!: unknown;

  @Field(() => JSONScalar, { nullable: true })
  to!: unknown;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

export const TaskConnection = ConnectionType(Task, 'Task');
