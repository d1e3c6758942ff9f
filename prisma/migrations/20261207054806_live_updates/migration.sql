-- CreateTable
CREATE TABLE "board_versions" (
    "board_id" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "board_versions_pkey" PRIMARY KEY ("board_id")
);

-- CreateTable
CREATE TABLE "live_commit_hooks" (
    "txid" BIGINT NOT NULL,

    CONSTRAINT "live_commit_hooks_pkey" PRIMARY KEY ("txid")
);

-- AddForeignKey
ALTER TABLE "board_versions" ADD CONSTRAINT "board_versions_board_id_fkey" FOREIGN KEY ("board_id") REFERENCES "boards"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Live updates (GraphQL subscriptions) ----------------------------------------------------------
-- The statement triggers below queue a NOTIFY for every change a subscriber can see. PostgreSQL
-- delivers a transaction notifications only when it commits, in commit order, to every
-- listening session (every replica, and PGlite own session), and never for a rolled-back
-- change. Payloads carry ids only (well under NOTIFY 8000-byte limit), listeners re-read rows.
--
-- Channels and payloads:
--   loopboard_board   {"b": board, "k": kind, "t": task, "c": column}  one per changed card/column
--                     {"b": board, "v": version}   after a transaction changes to that board
--                     (v null: the board was deleted)
--   loopboard_sprint  sprint id, once per transaction that changed the sprint figures
--   loopboard_alert   {"team": team, "a": alert, "t": task, "k": FIRED|REPEATED|RESOLVED|REOPENED}
--   loopboard_token   token id, when a token or its grants changed

-- Remembers the boards this transaction changed (a transaction-local setting). The first one
-- inserts the transaction row into live_commit_hooks, whose deferred trigger runs at commit.
CREATE FUNCTION loopboard_touch_boards(boards uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  before text := coalesce(current_setting('loopboard.touched_boards', true), '');
  touched text := before;
  board uuid;
BEGIN
  FOREACH board IN ARRAY coalesce(boards, '{}') LOOP
    IF board IS NOT NULL AND strpos(touched, board::text) = 0 THEN
      touched := touched || board::text || ',';
    END IF;
  END LOOP;
  IF touched = before THEN RETURN; END IF;
  IF before = '' THEN
    INSERT INTO live_commit_hooks (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
  END IF;
  PERFORM set_config('loopboard.touched_boards', touched, true);
END $$;

-- Card and column changes: one notification each, then the boards are remembered for the commit.
CREATE FUNCTION loopboard_board_changes(boards uuid[], kinds text[], tasks uuid[], columns uuid[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF boards IS NULL OR cardinality(boards) = 0 THEN RETURN; END IF;
  PERFORM pg_notify('loopboard_board', json_build_object('b', x.b, 'k', x.k, 't', x.t, 'c', x.c)::text)
    FROM unnest(boards, kinds, tasks, columns) AS x(b, k, t, c)
    WHERE x.b IS NOT NULL;
  PERFORM loopboard_touch_boards(boards);
END $$;

-- At commit, after every other lock the transaction takes: bumps each touched board version
-- once, in id order (two transactions never wait on each other boards crosswise), and sends
-- each board new version after its changes.
CREATE FUNCTION loopboard_commit_boards() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched text := coalesce(current_setting('loopboard.touched_boards', true), '');
  bumped record;
BEGIN
  PERFORM set_config('loopboard.touched_boards', '', true);
  DELETE FROM live_commit_hooks WHERE txid = NEW.txid;
  IF touched = '' THEN RETURN NULL; END IF;
  FOR bumped IN
    WITH ids AS (
      SELECT DISTINCT x::uuid AS id FROM unnest(string_to_array(rtrim(touched, ','), ',')) AS x
    ), versions AS (
      INSERT INTO board_versions AS v (board_id, version)
      SELECT ids.id, 1 FROM ids JOIN boards b ON b.id = ids.id ORDER BY ids.id
      ON CONFLICT (board_id) DO UPDATE SET version = v.version + 1
      RETURNING v.board_id, v.version
    )
    SELECT ids.id, versions.version FROM ids LEFT JOIN versions ON versions.board_id = ids.id
    ORDER BY ids.id
  LOOP
    PERFORM pg_notify('loopboard_board', json_build_object('b', bumped.id, 'v', bumped.version)::text);
  END LOOP;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER live_commit_boards AFTER INSERT ON live_commit_hooks
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION loopboard_commit_boards();

CREATE FUNCTION loopboard_notify_sprints(sprints uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('loopboard_sprint', s::text)
    FROM (SELECT DISTINCT s FROM unnest(sprints) AS s WHERE s IS NOT NULL) AS x;
END $$;

-- Capacity follows the team (members, working days, reserve policy): its open sprints change.
CREATE FUNCTION loopboard_notify_team_sprints(teams uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM loopboard_notify_sprints(ARRAY(
    SELECT id FROM sprints WHERE team_id = ANY(teams) AND state <> 'CLOSED'));
END $$;

-- Fields of a task that a sprint figures read (rank alone moves nothing there).
CREATE FUNCTION loopboard_task_figures(t tasks) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws('|', t.sprint_id, t.estimate, t.column_id, t.planned, t.type, t.source,
    t.deleted_at, t.started_at, t.completed_at, t.assignee_id, t.priority, t.resolution, t.title,
    t.added_to_sprint_at)
$$;

-- Statements that join a statement's old rows to its new rows run through EXECUTE: PL/pgSQL
-- caches the plan of a static statement from its first call, and a plan made for one row (a
-- nested loop over two unindexed transition tables) costs a million comparisons for a thousand.

-- tasks -----------------------------------------------------------------------------------------
CREATE FUNCTION loopboard_tasks_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE b uuid[]; k text[]; t uuid[];
BEGIN
  SELECT array_agg(c.board_id), array_agg('CARD_CREATED'::text), array_agg(n.id) INTO b, k, t
    FROM new_rows n JOIN board_columns c ON c.id = n.column_id WHERE n.deleted_at IS NULL;
  PERFORM loopboard_board_changes(b, k, t, NULL);
  PERFORM loopboard_notify_sprints(ARRAY(SELECT sprint_id FROM new_rows));
  RETURN NULL;
END $$;

CREATE FUNCTION loopboard_tasks_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE b uuid[]; k text[]; t uuid[]; sprints uuid[]; reopened uuid[];
BEGIN
  EXECUTE $q$
    WITH pairs AS MATERIALIZED (
      SELECT n.id, o.sprint_id AS old_sprint, n.sprint_id AS new_sprint,
        oc.board_id AS old_board, nc.board_id AS new_board,
        CASE
          WHEN o.deleted_at IS NOT NULL AND n.deleted_at IS NOT NULL THEN NULL
          WHEN n.deleted_at IS NOT NULL THEN 'CARD_DELETED'
          WHEN o.deleted_at IS NOT NULL THEN 'CARD_CREATED'
          WHEN o.column_id IS DISTINCT FROM n.column_id THEN 'CARD_MOVED'
          WHEN o.rank <> n.rank THEN 'CARD_RANKED'
          WHEN (o.*) IS DISTINCT FROM (n.*) THEN 'CARD_UPDATED'
        END AS kind,
        loopboard_task_figures(o) IS DISTINCT FROM loopboard_task_figures(n) AS figures,
        n.reopen_count > o.reopen_count AS reopened
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      LEFT JOIN board_columns oc ON oc.id = o.column_id
      LEFT JOIN board_columns nc ON nc.id = n.column_id
    ), changes AS (
      SELECT old_board AS board, kind, id FROM pairs WHERE kind IS NOT NULL AND old_board IS NOT NULL
      UNION
      SELECT new_board, kind, id FROM pairs WHERE kind IS NOT NULL AND new_board IS NOT NULL
    )
    SELECT c.b, c.k, c.t,
      ARRAY(SELECT unnest(ARRAY[old_sprint, new_sprint]) FROM pairs WHERE figures),
      ARRAY(SELECT id FROM pairs WHERE reopened)
    FROM (SELECT array_agg(board) AS b, array_agg(kind) AS k, array_agg(id) AS t FROM changes) AS c
  $q$ INTO b, k, t, sprints, reopened;
  PERFORM loopboard_board_changes(b, k, t, NULL);
  PERFORM loopboard_notify_sprints(sprints);
  -- A re-firing alert brought the card back from done.
  PERFORM pg_notify('loopboard_alert', json_build_object(
      'team', tk.team_id, 'a', a.id, 't', tk.id, 'k', 'REOPENED')::text)
    FROM unnest(reopened) AS r(id) JOIN tasks tk ON tk.id = r.id
    CROSS JOIN LATERAL (
      SELECT id FROM alerts WHERE task_id = tk.id ORDER BY last_seen_at DESC, id LIMIT 1) AS a;
  RETURN NULL;
END $$;

CREATE FUNCTION loopboard_tasks_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE b uuid[]; k text[]; t uuid[];
BEGIN
  SELECT array_agg(c.board_id), array_agg('CARD_DELETED'::text), array_agg(o.id) INTO b, k, t
    FROM old_rows o JOIN board_columns c ON c.id = o.column_id WHERE o.deleted_at IS NULL;
  PERFORM loopboard_board_changes(b, k, t, NULL);
  PERFORM loopboard_notify_sprints(ARRAY(SELECT sprint_id FROM old_rows));
  RETURN NULL;
END $$;

CREATE TRIGGER live_tasks_inserted AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_tasks_inserted();
CREATE TRIGGER live_tasks_updated AFTER UPDATE ON tasks
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_tasks_updated();
CREATE TRIGGER live_tasks_deleted AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_tasks_deleted();

-- board_columns and boards ----------------------------------------------------------------------
CREATE FUNCTION loopboard_columns_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE b uuid[]; k text[]; c uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(board_id), array_agg('COLUMN_CREATED'::text), array_agg(id) INTO b, k, c FROM new_rows;
  ELSIF TG_OP = 'UPDATE' THEN
    EXECUTE $q$
      SELECT array_agg(n.board_id), array_agg('COLUMN_UPDATED'::text), array_agg(n.id)
      FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (o.*) IS DISTINCT FROM (n.*)
    $q$ INTO b, k, c;
  ELSE
    SELECT array_agg(board_id), array_agg('COLUMN_DELETED'::text), array_agg(id) INTO b, k, c FROM old_rows;
  END IF;
  PERFORM loopboard_board_changes(b, k, NULL, c);
  RETURN NULL;
END $$;

CREATE TRIGGER live_columns_inserted AFTER INSERT ON board_columns REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_columns_changed();
CREATE TRIGGER live_columns_updated AFTER UPDATE ON board_columns
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_columns_changed();
CREATE TRIGGER live_columns_deleted AFTER DELETE ON board_columns REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_columns_changed();

CREATE FUNCTION loopboard_boards_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE b uuid[]; k text[];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    EXECUTE $q$
      SELECT array_agg(n.id), array_agg('BOARD_UPDATED'::text)
      FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.name IS DISTINCT FROM n.name
    $q$ INTO b, k;
    PERFORM loopboard_board_changes(b, k, NULL, NULL);
  ELSE
    -- The commit sees the board gone and tells its subscribers (version null).
    PERFORM loopboard_touch_boards(ARRAY(SELECT id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER live_boards_updated AFTER UPDATE ON boards
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_boards_changed();
CREATE TRIGGER live_boards_deleted AFTER DELETE ON boards REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_boards_changed();

-- alerts: activity for the team, and the card alert badge on its board -------------------------
CREATE FUNCTION loopboard_alerts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE b uuid[]; k text[]; t uuid[];
  teams uuid[]; alerts uuid[]; tasks uuid[]; kinds text[]; badges uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.team_id), array_agg(n.id), array_agg(n.task_id),
        array_agg(CASE WHEN n.status = 'FIRING' THEN 'FIRED' ELSE 'RESOLVED' END),
        array_agg(n.task_id)
      INTO teams, alerts, tasks, kinds, badges
      FROM new_rows n WHERE n.task_id IS NOT NULL;
  ELSE
    EXECUTE $q$
      WITH pairs AS MATERIALIZED (
        SELECT n.team_id, n.id, n.task_id,
          CASE
            WHEN n.firings > o.firings OR (o.task_id IS DISTINCT FROM n.task_id AND n.status = 'FIRING') THEN 'FIRED'
            WHEN o.status = 'FIRING' AND n.status = 'RESOLVED' THEN 'RESOLVED'
            WHEN n.occurrences > o.occurrences AND n.status = 'FIRING' THEN 'REPEATED'
          END AS kind,
          (o.status, o.severity, o.occurrences, o.title, o.task_id, o.acknowledged)
            IS DISTINCT FROM (n.status, n.severity, n.occurrences, n.title, n.task_id, n.acknowledged)
            AS badge
        FROM old_rows o JOIN new_rows n ON n.id = o.id
      )
      SELECT
        ARRAY(SELECT team_id FROM pairs WHERE kind IS NOT NULL ORDER BY id),
        ARRAY(SELECT id FROM pairs WHERE kind IS NOT NULL ORDER BY id),
        ARRAY(SELECT task_id FROM pairs WHERE kind IS NOT NULL ORDER BY id),
        ARRAY(SELECT kind FROM pairs WHERE kind IS NOT NULL ORDER BY id),
        ARRAY(SELECT task_id FROM pairs WHERE badge AND task_id IS NOT NULL)
    $q$ INTO teams, alerts, tasks, kinds, badges;
  END IF;
  PERFORM pg_notify('loopboard_alert',
      json_build_object('team', x.team, 'a', x.alert, 't', x.task, 'k', x.kind)::text)
    FROM unnest(teams, alerts, tasks, kinds) AS x(team, alert, task, kind);
  -- The card shows its alerts (status, occurrences): it changed on its board.
  SELECT array_agg(c.board_id), array_agg('CARD_UPDATED'::text), array_agg(tk.id) INTO b, k, t
    FROM (SELECT DISTINCT unnest(badges) AS id) AS x
    JOIN tasks tk ON tk.id = x.id JOIN board_columns c ON c.id = tk.column_id;
  PERFORM loopboard_board_changes(b, k, t, NULL);
  RETURN NULL;
END $$;

CREATE TRIGGER live_alerts_inserted AFTER INSERT ON alerts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_alerts_changed();
CREATE TRIGGER live_alerts_updated AFTER UPDATE ON alerts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_alerts_changed();

-- sprint figures --------------------------------------------------------------------------------
CREATE FUNCTION loopboard_sprint_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'sprints' THEN
    PERFORM loopboard_notify_sprints(ARRAY(SELECT id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM loopboard_notify_sprints(ARRAY(SELECT sprint_id FROM old_rows));
  ELSE
    PERFORM loopboard_notify_sprints(ARRAY(SELECT sprint_id FROM new_rows));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER live_sprints_updated AFTER UPDATE ON sprints REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_sprint_rows_changed();
CREATE TRIGGER live_sprint_members_inserted AFTER INSERT ON sprint_members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_sprint_rows_changed();
CREATE TRIGGER live_sprint_members_updated AFTER UPDATE ON sprint_members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_sprint_rows_changed();
CREATE TRIGGER live_sprint_members_deleted AFTER DELETE ON sprint_members REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_sprint_rows_changed();
CREATE TRIGGER live_sprint_reserve_events_inserted AFTER INSERT ON sprint_reserve_events
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_sprint_rows_changed();

CREATE FUNCTION loopboard_team_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'teams' THEN
    PERFORM loopboard_notify_team_sprints(ARRAY(SELECT id FROM new_rows));
  ELSE
    PERFORM loopboard_notify_team_sprints(ARRAY(SELECT team_id FROM new_rows));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER live_teams_updated AFTER UPDATE ON teams REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_team_rows_changed();
CREATE TRIGGER live_members_inserted AFTER INSERT ON members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_team_rows_changed();
CREATE TRIGGER live_members_updated AFTER UPDATE ON members REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_team_rows_changed();

-- tokens: open sockets re-check their token ---------------------------------------------------
CREATE FUNCTION loopboard_tokens_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  IF TG_TABLE_NAME = 'api_tokens' AND TG_OP = 'UPDATE' THEN
    -- Not for lastUsedAt: only what decides whether the token is still good.
    EXECUTE $q$
      SELECT array_agg(n.id) FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.revoked_at, o.expires_at, o.token_hash, o.instance_admin)
        IS DISTINCT FROM (n.revoked_at, n.expires_at, n.token_hash, n.instance_admin)
    $q$ INTO ids;
  ELSIF TG_TABLE_NAME = 'api_tokens' THEN
    SELECT array_agg(id) INTO ids FROM old_rows;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(token_id) INTO ids FROM new_rows;
  ELSE
    SELECT array_agg(token_id) INTO ids FROM old_rows;
  END IF;
  PERFORM pg_notify('loopboard_token', x::text) FROM (SELECT DISTINCT unnest(ids) AS x) AS d;
  RETURN NULL;
END $$;

CREATE TRIGGER live_api_tokens_updated AFTER UPDATE ON api_tokens
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_tokens_changed();
CREATE TRIGGER live_api_tokens_deleted AFTER DELETE ON api_tokens REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_tokens_changed();
CREATE TRIGGER live_token_grants_inserted AFTER INSERT ON token_grants REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_tokens_changed();
CREATE TRIGGER live_token_grants_updated AFTER UPDATE ON token_grants REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_tokens_changed();
CREATE TRIGGER live_token_grants_deleted AFTER DELETE ON token_grants REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_tokens_changed();
