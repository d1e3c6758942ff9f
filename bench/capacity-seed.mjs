// The capacity-report scenario's data (see bench/README.md, "Capacity report"): an active sprint
// of 2,000 tasks and 20,000 history rows. Team, members, board, integration and sprint through
// the API, the sprint started through the API, 100 alert cards from one webhook post; the bulk of
// the tasks (1,900) and of the history rows INSERTed directly with `pg` (through the API this
// would take minutes). PostgreSQL only.
import pg from 'pg';
import {
  alertmanagerBody,
  firingAlert,
  postWebhook,
  seedIntegration,
  seedSprint,
  seedTeam,
  startSprint,
} from './seed.mjs';

export const PLANNED = 1600;
export const UNPLANNED = 300;
export const ALERT_CARDS = 100;
export const HISTORY_ROWS = 20_000;
const DAY = 86_400_000;

async function seedSql(service, team, sprintId, startedAt, elapsedDays) {
  const client = new pg.Client({ connectionString: service.databaseUrl });
  client.on('error', () => undefined); // the database is dropped at the end
  await client.connect();
  const columns = Object.fromEntries(team.board.columns.map((c) => [c.category, c.id]));
  try {
    // Planned work, added before the start: a third done (over the elapsed days), a quarter in
    // progress, the rest to do.
    await client.query(
      `INSERT INTO tasks (id, team_id, number, key, title, description, type, priority, estimate, column_id,
         rank, sprint_id, assignee_id, labels, source, planned, added_to_sprint_at, created_at, updated_at,
         started_at, completed_at)
       SELECT gen_random_uuid(), $1::uuid, g, $2 || '-' || g,
         'Seeded card ' || g || ': a realistic title of some length for a card',
         'A description of the work, a few sentences long, as cards usually have.',
         (ARRAY['FEATURE','BUG','CHORE'])[1 + g % 3]::"TaskType", 'NONE', (ARRAY[1,2,3,5,8])[1 + g % 5],
         CASE WHEN g % 3 = 0 THEN $4::uuid WHEN g % 4 = 1 THEN $5::uuid ELSE $6::uuid END,
         lpad(g::text, 8, '0'), $3::uuid, ($7::uuid[])[1 + g % cardinality($7::uuid[])],
         (ARRAY['backend','frontend','api','db','infra'])[1 + g % 5:1 + g % 5 + g % 3],
         'MANUAL', false, $8::timestamptz - interval '1 day', $8::timestamptz - interval '2 days', now(),
         CASE WHEN g % 3 = 0 OR g % 4 = 1 THEN $8::timestamptz + (g % $9) * interval '1 day' END,
         CASE WHEN g % 3 = 0 THEN LEAST(now(), $8::timestamptz + (g % $9) * interval '1 day' + interval '6 hours') END
       FROM generate_series(1, $10::int) AS g`,
      [
        team.teamId,
        team.teamKey,
        sprintId,
        columns.DONE,
        columns.IN_PROGRESS,
        columns.TODO,
        team.memberIds,
        new Date(startedAt.getTime()),
        elapsedDays,
        PLANNED,
      ],
    );
    return client;
  } catch (error) {
    await client.end();
    throw error;
  }
}

/** The team's last task number, wherever the schema keeps it (task_counters, or teams.task_seq before it). */
async function setTaskCounter(client, teamId, last) {
  const { rows } = await client.query(
    "SELECT to_regclass('task_counters') IS NOT NULL AS counters",
  );
  if (rows[0].counters) {
    await client.query(
      `INSERT INTO task_counters (team_id, last_number) VALUES ($1, $2)
       ON CONFLICT (team_id) DO UPDATE SET last_number = EXCLUDED.last_number`,
      [teamId, last],
    );
  } else {
    await client.query('UPDATE teams SET task_seq = $2 WHERE id = $1', [teamId, last]);
  }
}

/** Seeds the sprint; returns its id, the team and what was written. */
export async function seedCapacitySprint(service) {
  const seedStarted = performance.now();
  const team = await seedTeam(service, { members: 8 });
  const integration = await seedIntegration(service, team);
  const today = new Date(new Date().toISOString().slice(0, 10));
  const start = new Date(today.getTime() - 9 * DAY);
  const iso = (d) => d.toISOString().slice(0, 10);
  const sprintId = await seedSprint(service, team, {
    startDate: iso(start),
    endDate: iso(new Date(today.getTime() + 4 * DAY)),
  });
  const startedAt = new Date(start.getTime() + 8 * 3_600_000);
  const client = await seedSql(service, team, sprintId, startedAt, 9);
  try {
    await startSprint(service, sprintId); // freezes the committed scope and the reserve
    await client.query('UPDATE sprints SET started_at = $2 WHERE id = $1', [sprintId, startedAt]);
    // Unplanned work added during the sprint: half added scope, half production work.
    await client.query(
      `INSERT INTO tasks (id, team_id, number, key, title, type, priority, estimate, column_id, rank, sprint_id,
         assignee_id, labels, source, planned, added_to_sprint_at, created_at, updated_at, started_at, completed_at)
       SELECT gen_random_uuid(), $1::uuid, $4 + g, $2 || '-' || ($4 + g), 'Unplanned card ' || g,
         (ARRAY['FEATURE','BUG','PRODUCTION_CHANGE','INCIDENT'])[1 + g % 4]::"TaskType", 'HIGH',
         (ARRAY[1,2,3])[1 + g % 3], CASE WHEN g % 2 = 0 THEN $6::uuid ELSE $7::uuid END,
         'u' || lpad(g::text, 8, '0'), $3::uuid, ($8::uuid[])[1 + g % cardinality($8::uuid[])], ARRAY['ops'],
         'MANUAL', false, LEAST(now(), $5::timestamptz + (g % 9) * interval '1 day' + interval '2 hours'),
         LEAST(now(), $5::timestamptz + (g % 9) * interval '1 day' + interval '2 hours'), now(), NULL,
         CASE WHEN g % 2 = 0 THEN LEAST(now(), $5::timestamptz + (g % 9) * interval '1 day' + interval '8 hours') END
       FROM generate_series(1, $9::int) AS g`,
      [
        team.teamId,
        team.teamKey,
        sprintId,
        PLANNED,
        startedAt,
        Object.fromEntries(team.board.columns.map((c) => [c.category, c.id])).DONE,
        Object.fromEntries(team.board.columns.map((c) => [c.category, c.id])).TODO,
        team.memberIds,
        UNPLANNED,
      ],
    );
    await setTaskCounter(client, team.teamId, PLANNED + UNPLANNED);
    // Alert cards through the webhook, then spread over the elapsed days.
    const storm = await postWebhook(
      integration,
      alertmanagerBody(Array.from({ length: ALERT_CARDS }, (_, i) => firingAlert(`cap-${i}`, i))),
    );
    if (storm.status !== 200 || storm.answer.created !== ALERT_CARDS)
      throw new Error(`alert cards: ${storm.status} ${JSON.stringify(storm.answer).slice(0, 300)}`);
    await client.query(
      `UPDATE tasks SET added_to_sprint_at = LEAST(now(), $2::timestamptz + (number % 9) * interval '1 day' + interval '3 hours')
       WHERE team_id = $1 AND source = 'ALERT'`,
      [team.teamId, startedAt],
    );
    // History: up to 10 rows per task, of the kinds the service writes, to 20,000 rows in all.
    const existing = Number((await client.query('SELECT count(*) FROM task_events')).rows[0].count);
    await client.query(
      `INSERT INTO task_events (id, task_id, team_id, kind, actor, at, "from", "to", note)
       SELECT gen_random_uuid(), t.id, t.team_id,
         (ARRAY['CREATED','SPRINT_CHANGED','ASSIGNED','ESTIMATE_CHANGED','MOVED','UPDATED','MOVED','UPDATED','MOVED','UPDATED'])[k]::"TaskEventKind",
         'Member 1', t.created_at + k * interval '1 hour',
         CASE k WHEN 4 THEN 'null'::jsonb WHEN 5 THEN jsonb_build_object('columnId', t.column_id, 'category', 'TODO') END,
         CASE k WHEN 2 THEN to_jsonb(t.sprint_id::text) WHEN 3 THEN to_jsonb(t.assignee_id::text)
                WHEN 4 THEN to_jsonb(t.estimate) WHEN 5 THEN jsonb_build_object('columnId', t.column_id, 'category', 'IN_PROGRESS') END,
         NULL
       FROM tasks t CROSS JOIN generate_series(1, 10) AS k
       WHERE t.team_id = $1
       ORDER BY t.number, k
       LIMIT $2`,
      [team.teamId, Math.max(0, HISTORY_ROWS - existing)],
    );
    await client.query('ANALYZE');
    const counts = (
      await client.query(
        `SELECT (SELECT count(*) FROM tasks WHERE sprint_id = $1)::int AS tasks,
                (SELECT count(*) FROM task_events)::int AS events`,
        [sprintId],
      )
    ).rows[0];
    const seedMs = Math.round(performance.now() - seedStarted);
    return { team, integration, sprintId, counts, seedMs };
  } finally {
    await client.end();
  }
}
