import { Field, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../common/graphql/date.scalar';

@ObjectType({ description: 'A date the team does not work: no capacity, no burndown point.' })
export class TeamHoliday {
  teamId!: string;

  @Field(() => DateScalar)
  date!: Date;

  @Field()
  name!: string;
}
