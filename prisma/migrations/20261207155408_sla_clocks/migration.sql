-- CreateEnum
CREATE TYPE "SlaTarget" AS ENUM ('ACK', 'RESOLVE');

-- AlterTable
ALTER TABLE "teams" ADD COLUMN     "sla_policy" JSONB NOT NULL DEFAULT '{"URGENT": {"ackMinutes": 15, "resolveMinutes": 240}, "HIGH": {"ackMinutes": 60, "resolveMinutes": 1440}, "MEDIUM": {"ackMinutes": 1440, "resolveMinutes": 7200}, "LOW": {"ackMinutes": null, "resolveMinutes": null}}';

-- CreateTable
CREATE TABLE "sla_clocks" (
    "task_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ack_due_at" TIMESTAMPTZ(3),
    "ack_risk_at" TIMESTAMPTZ(3),
    "resolve_due_at" TIMESTAMPTZ(3),
    "resolve_risk_at" TIMESTAMPTZ(3),
    "acked_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "sla_clocks_pkey" PRIMARY KEY ("task_id")
);

-- CreateTable
CREATE TABLE "sla_breaches" (
    "id" UUID NOT NULL,
    "task_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "target" "SlaTarget" NOT NULL,
    "priority" "TaskPriority" NOT NULL,
    "clock_started_at" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "detected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sla_breaches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sla_clock_override" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "frozen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sla_clock_override_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sla_clocks_team_id_started_at_idx" ON "sla_clocks"("team_id", "started_at");

-- CreateIndex
CREATE INDEX "sla_breaches_team_id_due_at_idx" ON "sla_breaches"("team_id", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "sla_breaches_task_id_target_clock_started_at_key" ON "sla_breaches"("task_id", "target", "clock_started_at");

-- AddForeignKey
ALTER TABLE "sla_clocks" ADD CONSTRAINT "sla_clocks_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sla_breaches" ADD CONSTRAINT "sla_breaches_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- SLA clocks ----------------------------------------------------------------------------------
-- Every SLA instant comes from the database's clock, sla_now(), so that reads, the breach scan
-- of every replica and the stamps below agree. Tests freeze it in sla_clock_override; it is
-- empty in production. Rounded to milliseconds like the timestamptz(3) columns it is compared with.
CREATE FUNCTION sla_now() RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT frozen_at FROM sla_clock_override WHERE id = 1), date_trunc('milliseconds', now()))
$$;

-- Where a clock stands at an instant; the same rules as src/sla/sla-status.ts (slaReading).
CREATE FUNCTION sla_status(c sla_clocks, now_at timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN (c.ack_due_at IS NOT NULL AND coalesce(c.acked_at, now_at) > c.ack_due_at)
      OR (c.resolve_due_at IS NOT NULL AND coalesce(c.resolved_at, now_at) > c.resolve_due_at) THEN 'BREACHED'
    WHEN c.resolved_at IS NOT NULL THEN 'MET'
    WHEN (c.acked_at IS NULL AND c.ack_risk_at <= now_at) OR c.resolve_risk_at <= now_at THEN 'AT_RISK'
    ELSE 'ON_TRACK'
  END
$$;

-- Targets met after their due time are breaches, recorded once per clock and target (the unique
-- key decides between concurrent writers; a fixed order keeps their row locks from crossing).
CREATE FUNCTION sla_record_late(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO sla_breaches (id, task_id, team_id, target, priority, clock_started_at, due_at, detected_at)
  SELECT gen_random_uuid(), c.task_id, c.team_id, x.target::"SlaTarget", t.priority, c.started_at, x.due_at, sla_now()
  FROM sla_clocks c
  JOIN tasks t ON t.id = c.task_id
  CROSS JOIN LATERAL (VALUES ('ACK', c.ack_due_at, c.acked_at), ('RESOLVE', c.resolve_due_at, c.resolved_at))
    AS x(target, due_at, done_at)
  WHERE c.task_id = ANY(ids) AND x.done_at > x.due_at
  ORDER BY c.task_id, x.target
  ON CONFLICT (task_id, target, clock_started_at) DO NOTHING
$$;

-- Due and at-risk (75 %) instants from the clock's start, the team's policy and the card's
-- priority (a priority without targets, NONE included, has none), round the clock.
CREATE FUNCTION sla_recompute(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sla_clocks c SET
    ack_due_at = c.started_at + p.ack * interval '1 minute',
    ack_risk_at = c.started_at + (p.ack * 45.0)::float8 * interval '1 second',
    resolve_due_at = c.started_at + p.res * interval '1 minute',
    resolve_risk_at = c.started_at + (p.res * 45.0)::float8 * interval '1 second'
  FROM tasks t
  JOIN teams tm ON tm.id = t.team_id
  CROSS JOIN LATERAL (
    SELECT (tm.sla_policy -> t.priority::text ->> 'ackMinutes')::int AS ack,
           (tm.sla_policy -> t.priority::text ->> 'resolveMinutes')::int AS res
  ) p
  WHERE c.task_id = ANY(ids) AND t.id = c.task_id;
  PERFORM sla_record_late(ids);
END $$;

-- A new alert card starts its clock; it is acknowledged at once when it has an assignee or was
-- placed outside a triage column.
CREATE FUNCTION sla_clocks_on_task_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  started uuid[];
BEGIN
  WITH inserted AS (
    INSERT INTO sla_clocks (task_id, team_id, started_at, acked_at)
    SELECT n.id, n.team_id, sla_now(),
      CASE WHEN n.assignee_id IS NOT NULL OR coalesce(bc.category::text, 'TRIAGE') <> 'TRIAGE' THEN sla_now() END
    FROM new_rows n
    LEFT JOIN board_columns bc ON bc.id = n.column_id
    WHERE n.source = 'ALERT' AND n.completed_at IS NULL AND n.deleted_at IS NULL
    RETURNING task_id
  )
  SELECT array_agg(task_id) INTO started FROM inserted;
  IF started IS NOT NULL THEN
    PERFORM sla_recompute(started);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER sla_clocks_task_insert AFTER INSERT ON tasks
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sla_clocks_on_task_insert();

-- A reopened alert card (done, then not) starts its clock again (a card from before SLA clocks
-- gets one); leaving triage or getting an assignee acknowledges it, done resolves it (and
-- acknowledges it if nothing did); a priority change recomputes the due times from the start.
CREATE FUNCTION sla_clocks_on_task_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  restarted uuid[];
  stamped uuid[];
  reprioritised uuid[];
BEGIN
  WITH r AS (
    INSERT INTO sla_clocks AS c (task_id, team_id, started_at)
    SELECT n.id, n.team_id, sla_now()
    FROM new_rows n
    JOIN old_rows o ON o.id = n.id
    WHERE n.source = 'ALERT' AND o.completed_at IS NOT NULL AND n.completed_at IS NULL AND n.deleted_at IS NULL
    ON CONFLICT (task_id) DO UPDATE SET started_at = excluded.started_at, acked_at = NULL, resolved_at = NULL
    RETURNING c.task_id
  )
  SELECT array_agg(task_id) INTO restarted FROM r;

  WITH s AS (
    UPDATE sla_clocks c SET
      acked_at = coalesce(c.acked_at, sla_now()),
      resolved_at = CASE WHEN n.completed_at IS NOT NULL THEN coalesce(c.resolved_at, sla_now()) ELSE c.resolved_at END
    FROM new_rows n
    LEFT JOIN board_columns bc ON bc.id = n.column_id
    WHERE c.task_id = n.id
      AND ((c.acked_at IS NULL AND (n.assignee_id IS NOT NULL OR n.completed_at IS NOT NULL
             OR coalesce(bc.category::text, 'TRIAGE') <> 'TRIAGE'))
        OR (c.resolved_at IS NULL AND n.completed_at IS NOT NULL))
    RETURNING c.task_id
  )
  SELECT array_agg(task_id) INTO stamped FROM s;

  SELECT array_agg(n.id) INTO reprioritised
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE n.priority <> o.priority;

  IF restarted IS NOT NULL OR reprioritised IS NOT NULL THEN
    PERFORM sla_recompute(coalesce(restarted, '{}') || coalesce(reprioritised, '{}'));
  END IF;
  IF stamped IS NOT NULL THEN
    PERFORM sla_record_late(stamped);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER sla_clocks_task_update AFTER UPDATE ON tasks
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION sla_clocks_on_task_update();

-- A new policy applies to the team's open clocks, from their start.
CREATE FUNCTION sla_clocks_on_policy_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sla_recompute(ARRAY(SELECT task_id FROM sla_clocks WHERE team_id = NEW.id AND resolved_at IS NULL));
  RETURN NULL;
END $$;

CREATE TRIGGER sla_clocks_team_policy AFTER UPDATE OF sla_policy ON teams
  FOR EACH ROW WHEN (OLD.sla_policy IS DISTINCT FROM NEW.sla_policy)
  EXECUTE FUNCTION sla_clocks_on_policy_change();
