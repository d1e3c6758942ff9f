import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { SlaBreachScanner } from './sla-breach-scanner';
import { SlaNotices } from './sla-notices';
import { SlaLoader } from './sla.loader';
import { SlaRepository } from './sla.repository';
import { TaskSlaResolver } from './task-sla.resolver';

/** SLA clocks of alert cards: reading them, the breach scan, Task.sla. */
@Module({
  imports: [NotificationsModule],
  providers: [SlaRepository, SlaLoader, SlaBreachScanner, SlaNotices, TaskSlaResolver],
  exports: [SlaRepository],
})
export class SlaModule {}
