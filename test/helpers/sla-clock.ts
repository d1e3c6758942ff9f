/**
 * The SLA clock of a test database: every SLA instant (clock starts, stamps, statuses, the
 * breach scan of every instance) is read from sla_now(), which returns the instant frozen here.
 * Tests step it forward instead of waiting, and poll for what the scan records.
 */
import type { TestApp } from './test-app';

export const MINUTE = 60_000;

export async function freezeSlaClock(t: TestApp, at: Date): Promise<void> {
  await t.prisma.$executeRaw`
    INSERT INTO sla_clock_override (id, frozen_at) VALUES (1, ${at})
    ON CONFLICT (id) DO UPDATE SET frozen_at = excluded.frozen_at`;
}

export async function thawSlaClock(t: TestApp): Promise<void> {
  await t.prisma.$executeRaw`DELETE FROM sla_clock_override`;
}

export const after = (start: Date, ms: number): Date => new Date(start.getTime() + ms);

/** Polls `read` until `done` holds, failing after `timeoutMs` with the last value seen. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline)
      throw new Error(`Condition not met within ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await read();
  }
  return value;
}

export const SLA_FIELDS = `sla { startedAt ackDueAt resolveDueAt ackedAt resolvedAt status breachedAt }
  slaBreaches { target priority at }`;

export interface SlaView {
  startedAt: string;
  ackDueAt: string | null;
  resolveDueAt: string | null;
  ackedAt: string | null;
  resolvedAt: string | null;
  status: string;
  breachedAt: string | null;
}

export async function slaOf(
  t: TestApp,
  taskId: string,
): Promise<{
  priority: string;
  sla: SlaView | null;
  slaBreaches: { target: string; priority: string; at: string }[];
}> {
  const data = await t.ok<{
    task: {
      priority: string;
      sla: SlaView | null;
      slaBreaches: { target: string; priority: string; at: string }[];
    };
  }>(`query ($id: ID!) { task(id: $id) { priority ${SLA_FIELDS} } }`, { id: taskId });
  return data.task;
}

export async function idsWithSlaStatus(
  t: TestApp,
  teamId: string,
  slaStatus: string,
): Promise<string[]> {
  const data = await t.ok<{ tasks: { edges: { node: { id: string } }[] } }>(
    `query ($teamId: ID!, $s: SlaStatus!) { tasks(teamId: $teamId, filter: {slaStatus: $s}, first: 100) { edges { node { id } } } }`,
    { teamId, s: slaStatus },
  );
  return data.tasks.edges.map((e) => e.node.id);
}
