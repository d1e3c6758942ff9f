import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Alert } from '../../alerts/models/alert.model';
import { Task } from '../../tasks/models/task.model';

export enum AlertActivityKind {
  FIRED = 'FIRED',
  REPEATED = 'REPEATED',
  RESOLVED = 'RESOLVED',
  REOPENED = 'REOPENED',
}

registerEnumType(AlertActivityKind, {
  name: 'AlertActivityKind',
  valuesMap: {
    FIRED: { description: 'A new alert, or one firing again after it resolved.' },
    REPEATED: { description: 'A firing alert was notified again (one more occurrence).' },
    RESOLVED: { description: 'The alert resolved.' },
    REOPENED: { description: 'A re-firing alert brought its done card back.' },
  },
});

@ObjectType({ description: "Something happened to one of the team's alerts." })
export class AlertActivity {
  @Field(() => AlertActivityKind)
  kind!: AlertActivityKind;

  @Field(() => Alert, { description: 'The alert as it is now.' })
  alert!: Alert;

  @Field(() => Task, { nullable: true, description: 'The card the alert feeds, if any.' })
  task!: Task | null;

  @Field({ description: 'When this process heard of it (just after its commit).' })
  at!: Date;
}
