import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ColumnCategory } from '../../common/graphql/enums';
import { IdField, TextField } from '../../common/graphql/input-fields';

export const MAX_COLUMNS = 20;

@InputType()
export class ColumnInput {
  @TextField(100)
  name!: string;

  @Field(() => ColumnCategory)
  @IsEnum(ColumnCategory)
  category!: ColumnCategory;

  @Field(() => Int, { nullable: true, description: '1 to 1000, or null for no limit.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  wipLimit?: number | null;
}

@InputType()
export class CreateBoardInput {
  @IdField()
  teamId!: string;

  @TextField(200)
  name!: string;

  @Field(() => [ColumnInput], {
    nullable: true,
    description: 'Default: Triage, To Do, In Progress, Review, Done.',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_COLUMNS)
  @ValidateNested({ each: true })
  @Type(() => ColumnInput)
  columns?: ColumnInput[];
}

@InputType()
export class AddColumnInput extends ColumnInput {
  @IdField()
  boardId!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Where to insert, from 0; default: at the end.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number;
}

@InputType()
export class UpdateColumnInput {
  @TextField(100, { nullable: true })
  name?: string;

  @Field(() => ColumnCategory, { nullable: true })
  @IsOptional()
  @IsEnum(ColumnCategory)
  category?: ColumnCategory;

  @Field(() => Int, { nullable: true, description: '1 to 1000; null removes the limit.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  wipLimit?: number | null;
}

@InputType()
export class ReorderColumnsInput {
  @IdField()
  boardId!: string;

  @Field(() => [ID], { description: 'Every column of the board, in the new order.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_COLUMNS)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'must be ids' })
  columnIds!: string[];
}
