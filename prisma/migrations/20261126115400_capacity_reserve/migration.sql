-- AlterTable
ALTER TABLE "alert_episodes" ADD COLUMN     "task_id" UUID;

-- AlterTable
ALTER TABLE "sprints" ADD COLUMN     "closing_report" JSONB,
ADD COLUMN     "reserve_basis" JSONB,
ADD COLUMN     "reserve_override" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "teams" ADD COLUMN     "reserve_policy" JSONB;

-- CreateTable
CREATE TABLE "sprint_reserve_events" (
    "id" UUID NOT NULL,
    "sprint_id" UUID NOT NULL,
    "threshold" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "task_id" UUID,
    "used_points" DOUBLE PRECISION NOT NULL,
    "reserved_points" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "sprint_reserve_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sprint_reserve_events_sprint_id_threshold_key" ON "sprint_reserve_events"("sprint_id", "threshold");

-- AddForeignKey
ALTER TABLE "sprint_reserve_events" ADD CONSTRAINT "sprint_reserve_events_sprint_id_fkey" FOREIGN KEY ("sprint_id") REFERENCES "sprints"("id") ON DELETE CASCADE ON UPDATE CASCADE;
