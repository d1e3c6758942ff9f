import { Injectable, OnModuleInit } from '@nestjs/common';
import { DatabaseListener } from '../../common/database/database-listener';
import { isUuid } from '../../common/graphql/id.pipe';
import { AppLogger } from '../../common/logging/app-logger';
import type { CapacityReportData } from '../../reports/capacity-report.types';
import { CapacityReportService } from '../../reports/capacity-report.service';
import { SprintsRepository } from '../../sprints/sprints.repository';
import { LiveHub, LiveSubscription } from '../live-hub';
import { LiveEvent, liveEvent } from '../live-event';
import type { LiveSession } from '../live-session';
import { SprintChange } from '../models/sprint-change.model';

export type SprintEvent = LiveEvent<SprintChange>;

const topic = (sprintId: string): string => `sprint:${sprintId}`;

/**
 * Sprint figures after each committed change that moves them (`loopboard_sprint`). Sprints heard
 * in the same turn are re-read once; the capacity report is computed at most once per change
 * and process, and only when a subscriber asks for it.
 */
@Injectable()
export class SprintChangesFeed implements OnModuleInit {
  private changed = new Set<string>();
  private scheduled = false;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly listener: DatabaseListener,
    private readonly hub: LiveHub,
    private readonly sprintsRepo: SprintsRepository,
    private readonly reports: CapacityReportService,
    private readonly logger: AppLogger,
  ) {}

  onModuleInit(): void {
    this.listener.on('loopboard_sprint', (sprintId) => this.receive(sprintId));
    // Missed notifications: every subscribed sprint is re-read.
    this.listener.onResync(() => {
      for (const t of this.hub.topicsWith('sprint:')) this.receive(t.slice('sprint:'.length));
    });
  }

  subscribe(sprint: { id: string }, session: LiveSession): LiveSubscription<SprintEvent> {
    return this.hub.subscribe<SprintEvent>(topic(sprint.id), {
      allowed: (event) => session.canSee(event.teamId),
      // A slow reader only needs the latest figures.
      overflow: (backlog) => backlog[backlog.length - 1] as SprintEvent,
    });
  }

  settled(): Promise<void> {
    return this.flushing;
  }

  private receive(sprintId: string): void {
    if (!isUuid(sprintId) || !this.hub.has(topic(sprintId))) return;
    this.changed.add(sprintId);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const ids = [...this.changed];
      this.changed = new Set();
      this.flushing = this.flushing.then(() => this.publish(ids));
    });
  }

  private async publish(ids: string[]): Promise<void> {
    let sprints;
    try {
      sprints = await this.sprintsRepo.findByIds(ids);
    } catch (error) {
      this.logger.warn(
        `Could not read announced sprint changes: ${error instanceof Error ? error.message : String(error)}`,
        'Live',
      );
      return;
    }
    for (const sprint of sprints) {
      let report: Promise<CapacityReportData> | null = null;
      const change: SprintChange = {
        sprintId: sprint.id,
        sprint,
        loadReport: () => (report ??= this.reports.forSprint(sprint.id)),
      };
      this.hub.publish(topic(sprint.id), liveEvent(sprint.teamId, change));
    }
  }
}
