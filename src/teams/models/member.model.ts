import { Field, Float, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A person on a team.' })
export class Member {
  @Field(() => ID)
  id!: string;

  teamId!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => Float, { description: 'Points this member delivers on a working day.' })
  capacityPerDay!: number;

  @Field(() => Date, { nullable: true, description: 'Set when the member left the team.' })
  removedAt!: Date | null;
}
