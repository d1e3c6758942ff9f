import { Field, ID, ObjectType } from '@nestjs/graphql';
import { TokenGrantModel } from './api-token.model';

@ObjectType({ description: 'The caller: the token in use and its roles.' })
export class Viewer {
  @Field(() => ID)
  tokenId!: string;

  @Field()
  name!: string;

  @Field()
  instanceAdmin!: boolean;

  @Field(() => [TokenGrantModel])
  grants!: TokenGrantModel[];
}
