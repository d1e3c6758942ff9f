import { Module } from '@nestjs/common';
import { SlaBreachScanner } from './sla-breach-scanner';
import { SlaLoader } from './sla.loader';
import { SlaRepository } from './sla.repository';
import { TaskSlaResolver } from './task-sla.resolver';

/** SLA clocks of alert cards: reading them, the breach scan, Task.sla. */
@Module({
  providers: [SlaRepository, SlaLoader, SlaBreachScanner, TaskSlaResolver],
  exports: [SlaRepository],
})
export class SlaModule {}
