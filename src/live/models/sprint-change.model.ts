import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { CapacityReportData } from '../../reports/capacity-report.types';
import { Sprint } from '../../sprints/models/sprint.model';

@ObjectType({
  description:
    "A sprint's figures changed (capacity, reserve use, committed or completed points, flags): after every committed change that moves them.",
})
export class SprintChange {
  @Field(() => ID)
  sprintId!: string;

  @Field(() => Sprint, { description: 'The sprint as it is now.' })
  sprint!: Sprint;

  /** The capacity report, computed once per change and process, however many subscribers ask. */
  loadReport!: () => Promise<CapacityReportData>;
}
