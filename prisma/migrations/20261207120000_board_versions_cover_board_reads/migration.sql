-- Board versions cover everything a board read shows, so a read answered from the board read
-- cache (src/boards/read-cache) is current whenever the version it was stored at still is:
--   - the team a board shows (key, name) and the members its cards show as assignees (name,
--     email, capacity, removal): a change bumps every board of the team (BOARD_UPDATED)
--   - the alerts on its cards: any change to an alert row bumps its card board (CARD_UPDATED),
--     not only the badge fields (a repeat already changed occurrences, so no more events)

CREATE OR REPLACE FUNCTION loopboard_team_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE teams uuid[]; shown uuid[]; b uuid[]; k text[];
BEGIN
  IF TG_TABLE_NAME = 'teams' THEN
    teams := ARRAY(SELECT id FROM new_rows);
  ELSE
    teams := ARRAY(SELECT team_id FROM new_rows);
  END IF;
  PERFORM loopboard_notify_team_sprints(teams);
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'teams' THEN
    EXECUTE $q$
      SELECT array_agg(n.id) FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.key, o.name) IS DISTINCT FROM (n.key, n.name)
    $q$ INTO shown;
  ELSIF TG_OP = 'UPDATE' THEN
    EXECUTE $q$
      SELECT array_agg(DISTINCT n.team_id) FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.name, o.email, o.capacity_per_day, o.removed_at)
        IS DISTINCT FROM (n.name, n.email, n.capacity_per_day, n.removed_at)
    $q$ INTO shown;
  END IF;
  IF shown IS NOT NULL THEN
    SELECT array_agg(id), array_agg('BOARD_UPDATED'::text) INTO b, k
      FROM boards WHERE team_id = ANY(shown);
    PERFORM loopboard_board_changes(b, k, NULL, NULL);
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER live_teams_updated ON teams;
CREATE TRIGGER live_teams_updated AFTER UPDATE ON teams
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_team_rows_changed();
DROP TRIGGER live_members_updated ON members;
CREATE TRIGGER live_members_updated AFTER UPDATE ON members
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_team_rows_changed();

CREATE OR REPLACE FUNCTION loopboard_alerts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
        SELECT n.team_id, n.id, n.task_id, o.task_id AS old_task_id,
          CASE
            WHEN n.firings > o.firings OR (o.task_id IS DISTINCT FROM n.task_id AND n.status = 'FIRING') THEN 'FIRED'
            WHEN o.status = 'FIRING' AND n.status = 'RESOLVED' THEN 'RESOLVED'
            WHEN n.occurrences > o.occurrences AND n.status = 'FIRING' THEN 'REPEATED'
          END AS kind,
          (o.*) IS DISTINCT FROM (n.*) AS badge
        FROM old_rows o JOIN new_rows n ON n.id = o.id
      )
      SELECT
        ARRAY(SELECT team_id FROM pairs WHERE kind IS NOT NULL ORDER BY id),
        ARRAY(SELECT id FROM pairs WHERE kind IS NOT NULL ORDER BY id),
        ARRAY(SELECT task_id FROM pairs WHERE kind IS NOT NULL ORDER BY id),
        ARRAY(SELECT kind FROM pairs WHERE kind IS NOT NULL ORDER BY id),
        ARRAY(SELECT task_id FROM pairs WHERE badge AND task_id IS NOT NULL
              UNION SELECT old_task_id FROM pairs WHERE badge AND old_task_id IS NOT NULL)
    $q$ INTO teams, alerts, tasks, kinds, badges;
  END IF;
  PERFORM pg_notify('loopboard_alert',
      json_build_object('team', x.team, 'a', x.alert, 't', x.task, 'k', x.kind)::text)
    FROM unnest(teams, alerts, tasks, kinds) AS x(team, alert, task, kind);
  -- The card shows its alerts (and a card that lost one shows one less): it changed on its board.
  SELECT array_agg(c.board_id), array_agg('CARD_UPDATED'::text), array_agg(tk.id) INTO b, k, t
    FROM (SELECT DISTINCT unnest(badges) AS id) AS x
    JOIN tasks tk ON tk.id = x.id JOIN board_columns c ON c.id = tk.column_id;
  PERFORM loopboard_board_changes(b, k, t, NULL);
  RETURN NULL;
END $$;
