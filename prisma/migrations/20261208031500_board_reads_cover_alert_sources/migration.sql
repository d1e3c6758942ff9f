-- Board versions cover what a board's alert cards show of their alerts' sources, and alerts that
-- go away, so the board read cache (src/boards/read-cache) can serve the web app's alert cards
-- read (`tasks(teamId:, filter: { boardId:, source: ALERT })` with each alert's integration) and
-- never serves an alert that no longer exists:
--   - an integration renamed (or its kind changed): every board of its team (BOARD_UPDATED)
--   - alerts deleted (with their integration): the boards of the cards they fed (CARD_UPDATED)

CREATE FUNCTION loopboard_alert_sources_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE shown uuid[]; b uuid[]; k text[];
BEGIN
  SELECT array_agg(DISTINCT n.team_id) INTO shown
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.name, o.kind) IS DISTINCT FROM (n.name, n.kind);
  IF shown IS NOT NULL THEN
    SELECT array_agg(id), array_agg('BOARD_UPDATED'::text) INTO b, k
      FROM boards WHERE team_id = ANY(shown);
    PERFORM loopboard_board_changes(b, k, NULL, NULL);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER live_alert_integrations_updated AFTER UPDATE ON alert_integrations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_alert_sources_changed();

CREATE FUNCTION loopboard_alerts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE b uuid[]; k text[]; t uuid[];
BEGIN
  SELECT array_agg(c.board_id), array_agg('CARD_UPDATED'::text), array_agg(tk.id) INTO b, k, t
    FROM (SELECT DISTINCT task_id AS id FROM old_rows WHERE task_id IS NOT NULL) AS x
    JOIN tasks tk ON tk.id = x.id JOIN board_columns c ON c.id = tk.column_id;
  PERFORM loopboard_board_changes(b, k, t, NULL);
  RETURN NULL;
END $$;

CREATE TRIGGER live_alerts_deleted AFTER DELETE ON alerts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_alerts_deleted();
