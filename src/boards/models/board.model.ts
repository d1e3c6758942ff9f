import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ColumnCategory } from '../../common/graphql/enums';

@ObjectType({ description: 'A Kanban board of a team, with ordered columns.' })
export class Board {
  @Field(() => ID)
  id!: string;

  teamId!: string;

  @Field()
  name!: string;

  @Field()
  createdAt!: Date;

  /** Set when the board was read with its version (see BoardsRepository). */
  revision?: { version: number } | null;
}

@ObjectType({ description: 'A column of a board.' })
export class Column {
  @Field(() => ID)
  id!: string;

  boardId!: string;

  @Field()
  name!: string;

  @Field(() => ColumnCategory)
  category!: ColumnCategory;

  @Field(() => Int, { nullable: true, description: 'At most this many cards; null for no limit.' })
  wipLimit!: number | null;

  @Field(() => Int, { description: 'Place on the board, from 0.' })
  position!: number;
}
