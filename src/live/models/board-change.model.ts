import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column } from '../../boards/models/board.model';
import { Task } from '../../tasks/models/task.model';

export enum BoardChangeKind {
  CARD_CREATED = 'CARD_CREATED',
  CARD_UPDATED = 'CARD_UPDATED',
  CARD_MOVED = 'CARD_MOVED',
  CARD_RANKED = 'CARD_RANKED',
  CARD_DELETED = 'CARD_DELETED',
  COLUMN_CREATED = 'COLUMN_CREATED',
  COLUMN_UPDATED = 'COLUMN_UPDATED',
  COLUMN_DELETED = 'COLUMN_DELETED',
  BOARD_UPDATED = 'BOARD_UPDATED',
  BOARD_DELETED = 'BOARD_DELETED',
  RESYNC = 'RESYNC',
}

registerEnumType(BoardChangeKind, {
  name: 'BoardChangeKind',
  description: 'What changed on a board.',
  valuesMap: {
    CARD_CREATED: { description: 'A card arrived on the board (created, or restored).' },
    CARD_UPDATED: {
      description: 'A card changed in place (fields, assignee, labels, its alerts).',
    },
    CARD_MOVED: {
      description: 'A card changed column: `task` is null when it left this board for another one.',
    },
    CARD_RANKED: { description: 'A card changed place within its column.' },
    CARD_DELETED: { description: 'A card left the board (deleted).' },
    COLUMN_CREATED: { description: 'A column was added.' },
    COLUMN_UPDATED: { description: 'A column was renamed, recategorized, limited or moved.' },
    COLUMN_DELETED: { description: 'A column was removed.' },
    BOARD_UPDATED: { description: 'The board was renamed.' },
    BOARD_DELETED: { description: 'The board was deleted; the subscription ends.' },
    RESYNC: {
      description:
        'Changes may have been missed (the server reconnected to its database, or the client read too slowly): re-read the board if `board(id) { version }` moved.',
    },
  },
});

@ObjectType({
  description:
    "One committed change to a board's cards or columns. Every change of one transaction carries the board's version after it.",
})
export class BoardChange {
  @Field(() => ID)
  boardId!: string;

  @Field(() => Int, {
    description:
      "The board's version after the change (Board.version): a client that shows an older version applies it.",
  })
  version!: number;

  @Field(() => BoardChangeKind)
  kind!: BoardChangeKind;

  @Field(() => ID, { nullable: true, description: 'The card, for card changes.' })
  taskId!: string | null;

  @Field(() => Task, {
    nullable: true,
    description: 'The card as it is now; null when it was deleted or is no longer on this board.',
  })
  task!: Task | null;

  @Field(() => ID, { nullable: true, description: 'The column, for column changes.' })
  columnId!: string | null;

  @Field(() => Column, {
    nullable: true,
    description: 'The column as it is now; null when removed.',
  })
  column!: Column | null;
}
