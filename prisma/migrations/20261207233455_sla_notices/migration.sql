-- AlterTable
ALTER TABLE "sla_breaches" ADD COLUMN     "notified_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "sla_warnings" (
    "id" UUID NOT NULL,
    "task_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "target" "SlaTarget" NOT NULL,
    "clock_started_at" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "detected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sla_warnings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sla_warnings_task_id_target_clock_started_at_key" ON "sla_warnings"("task_id", "target", "clock_started_at");

-- CreateIndex
CREATE INDEX "sla_breaches_notified_at_idx" ON "sla_breaches"("notified_at");

-- AddForeignKey
ALTER TABLE "sla_warnings" ADD CONSTRAINT "sla_warnings_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Breaches recorded before notifications existed are not told now.
UPDATE "sla_breaches" SET "notified_at" = "detected_at";
