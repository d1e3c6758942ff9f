-- CreateTable
CREATE TABLE "team_holidays" (
    "team_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_holidays_pkey" PRIMARY KEY ("team_id","date")
);

-- CreateTable
CREATE TABLE "sprint_member_days_off" (
    "sprint_id" UUID NOT NULL,
    "member_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "fraction" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "sprint_member_days_off_pkey" PRIMARY KEY ("sprint_id","member_id","date")
);

-- AddForeignKey
ALTER TABLE "team_holidays" ADD CONSTRAINT "team_holidays_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sprint_member_days_off" ADD CONSTRAINT "sprint_member_days_off_sprint_id_member_id_fkey" FOREIGN KEY ("sprint_id", "member_id") REFERENCES "sprint_members"("sprint_id", "member_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A day off is a whole day or half of one (the API refuses anything else; this keeps it so).
ALTER TABLE "sprint_member_days_off" ADD CONSTRAINT "sprint_member_days_off_fraction_check"
  CHECK ("fraction" IN (0.5, 1));

-- Live updates: capacity follows the team's calendar, so its open sprints change with it, and a
-- sprint changes with its members' days off (as it does with sprint_members).
CREATE FUNCTION loopboard_team_holidays_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM loopboard_notify_team_sprints(ARRAY(SELECT DISTINCT team_id FROM old_rows));
  ELSE
    PERFORM loopboard_notify_team_sprints(ARRAY(SELECT DISTINCT team_id FROM new_rows));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER live_team_holidays_inserted AFTER INSERT ON team_holidays REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_team_holidays_changed();
CREATE TRIGGER live_team_holidays_updated AFTER UPDATE ON team_holidays REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_team_holidays_changed();
CREATE TRIGGER live_team_holidays_deleted AFTER DELETE ON team_holidays REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_team_holidays_changed();
CREATE TRIGGER live_sprint_member_days_off_inserted AFTER INSERT ON sprint_member_days_off
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_sprint_rows_changed();
CREATE TRIGGER live_sprint_member_days_off_deleted AFTER DELETE ON sprint_member_days_off
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION loopboard_sprint_rows_changed();
