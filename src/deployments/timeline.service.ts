import { Injectable } from '@nestjs/common';
import { linkTimeline, type TimelineDeployment, type TimelineLinks } from './deployment-timeline';
import { DeploymentsRepository } from './deployments.repository';

/** Reads what linking deployments to their predecessors needs, one query per service and environment. */
@Injectable()
export class TimelineService {
  constructor(private readonly deployments: DeploymentsRepository) {}

  async linksOf(
    deployments: readonly (TimelineDeployment & { teamId: string })[],
  ): Promise<Map<string, TimelineLinks>> {
    const streams = new Map<
      string,
      { teamId: string; service: string; environment: string; until: Date }
    >();
    for (const d of deployments) {
      const key = JSON.stringify([d.teamId, d.service, d.environment]);
      const stream = streams.get(key);
      if (!stream)
        streams.set(key, {
          teamId: d.teamId,
          service: d.service,
          environment: d.environment,
          until: d.startedAt,
        });
      else if (d.startedAt > stream.until) stream.until = d.startedAt;
    }
    const histories = await Promise.all(
      [...streams.values()].map((s) =>
        this.deployments.findStreamUntil(s.teamId, s.service, s.environment, s.until),
      ),
    );
    const all = new Map<string, TimelineDeployment>();
    for (const d of [...histories.flat(), ...deployments]) all.set(d.id, d);
    return linkTimeline([...all.values()]);
  }
}
