import { linkTimeline, type TimelineDeployment } from './deployment-timeline';

let n = 0;
function dep(
  version: string,
  startMinute: number,
  options: Partial<TimelineDeployment> & { minutes?: number } = {},
): TimelineDeployment {
  const startedAt = new Date(Date.UTC(2026, 0, 1, 0, startMinute));
  const status = options.status ?? 'SUCCESS';
  n += 1;
  return {
    id: options.id ?? `d${n}`,
    externalId: options.externalId ?? `ext-${n}`,
    service: options.service ?? 'api',
    environment: options.environment ?? 'production',
    version,
    status,
    startedAt,
    finishedAt:
      options.finishedAt !== undefined
        ? options.finishedAt
        : status === 'IN_PROGRESS'
          ? null
          : new Date(startedAt.getTime() + (options.minutes ?? 5) * 60_000),
    rollbackOfRef: options.rollbackOfRef ?? null,
  };
}

describe('linkTimeline', () => {
  it('links each deployment to the last success finished before it started, per service and environment', () => {
    const v1 = dep('v1', 0);
    const failed = dep('v2', 10, { status: 'FAILURE' });
    const v2 = dep('v2', 20);
    const staging = dep('v3', 30, { environment: 'staging' });
    // Started before v2 finished (20+5): v1 is still what runs.
    const overlapping = dep('v3', 22);
    const links = linkTimeline([v2, staging, overlapping, failed, v1]);
    expect(links.get(v1.id)).toEqual({ previousId: null, rollbackOfId: null });
    expect(links.get(failed.id)?.previousId).toBe(v1.id);
    expect(links.get(v2.id)?.previousId).toBe(v1.id);
    expect(links.get(overlapping.id)?.previousId).toBe(v1.id);
    expect(links.get(staging.id)?.previousId).toBeNull();
  });

  it('takes a success finished exactly when the next one starts as its previous', () => {
    const v1 = dep('v1', 0, { minutes: 10 });
    const v2 = dep('v2', 10);
    expect(linkTimeline([v1, v2]).get(v2.id)?.previousId).toBe(v1.id);
  });

  it('sees a redeploy of an earlier successful version as a rollback of the previous deployment', () => {
    const v1 = dep('v1', 0);
    const v2 = dep('v2', 10);
    const back = dep('v1', 20);
    const again = dep('v1', 30);
    const links = linkTimeline([v1, v2, back, again]);
    expect(links.get(back.id)).toEqual({ previousId: v2.id, rollbackOfId: v2.id });
    // The same version as the one running is a redeploy, not a rollback.
    expect(links.get(again.id)).toEqual({ previousId: back.id, rollbackOfId: null });
  });

  it('does not count a version that only failed before as a rollback', () => {
    const v1 = dep('v1', 0);
    const v2failed = dep('v2', 10, { status: 'FAILURE' });
    const v2 = dep('v2', 20);
    expect(linkTimeline([v1, v2failed, v2]).get(v2.id)?.rollbackOfId).toBeNull();
  });

  it('links a named rollback_of (version or source id) to the latest such deployment before it', () => {
    const v1 = dep('v1', 0);
    const v2 = dep('v2', 10, { externalId: 'run-2' });
    const fix = dep('v2.1', 20, { rollbackOfRef: 'v2' });
    const byId = dep('v1', 30, { rollbackOfRef: 'run-2' });
    const unknown = dep('v1', 40, { rollbackOfRef: 'v9' });
    const links = linkTimeline([v1, v2, fix, byId, unknown]);
    expect(links.get(fix.id)?.rollbackOfId).toBe(v2.id);
    expect(links.get(byId.id)?.rollbackOfId).toBe(v2.id);
    expect(links.get(unknown.id)?.rollbackOfId).toBeNull();
  });
});
