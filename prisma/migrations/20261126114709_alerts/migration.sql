-- CreateEnum
CREATE TYPE "TaskResolution" AS ENUM ('DONE', 'WONT_FIX');

-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('ALERTMANAGER', 'GRAFANA', 'KAPACITOR', 'PAGERDUTY', 'GENERIC');

-- CreateEnum
CREATE TYPE "AlertDedupBy" AS ENUM ('ALERT', 'GROUP');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('FIRING', 'RESOLVED');

-- CreateEnum
CREATE TYPE "AlertSeverity" AS ENUM ('CRITICAL', 'HIGH', 'WARNING', 'LOW', 'INFO', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "DeliveryOutcome" AS ENUM ('PROCESSED', 'REJECTED', 'FAILED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "TaskEventKind" ADD VALUE 'ALERT_FIRED';
ALTER TYPE "TaskEventKind" ADD VALUE 'ALERT_RESOLVED';
ALTER TYPE "TaskEventKind" ADD VALUE 'ALERT_ACKNOWLEDGED';
ALTER TYPE "TaskEventKind" ADD VALUE 'PRIORITY_RAISED';
ALTER TYPE "TaskEventKind" ADD VALUE 'REOPENED';
ALTER TYPE "TaskEventKind" ADD VALUE 'RESOLUTION_SET';

-- AlterTable
ALTER TABLE "tasks" ADD COLUMN     "related_task_id" UUID,
ADD COLUMN     "reopen_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "resolution" "TaskResolution";

-- AlterTable
ALTER TABLE "teams" ADD COLUMN     "alert_estimates" JSONB,
ADD COLUMN     "alert_priorities" JSONB;

-- CreateTable
CREATE TABLE "alert_integrations" (
    "id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "name" TEXT NOT NULL,
    "board_id" UUID,
    "column_id" UUID,
    "dedup_by" "AlertDedupBy" NOT NULL DEFAULT 'ALERT',
    "reopen_window_minutes" INTEGER NOT NULL DEFAULT 1440,
    "rules" JSONB NOT NULL DEFAULT '{}',
    "resolve_column_id" UUID,
    "token_hash" TEXT NOT NULL,
    "previous_token_hash" TEXT,
    "previous_token_expires_at" TIMESTAMPTZ(3),
    "token_rotated_at" TIMESTAMPTZ(3),
    "hmac_secret" TEXT,
    "hmac_timestamp_header" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_integrations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "request_id" TEXT,
    "content_type" TEXT,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "body" TEXT NOT NULL,
    "outcome" "DeliveryOutcome" NOT NULL,
    "summary" JSONB,
    "error" TEXT,
    "replay_of_id" UUID,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "dedup_key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "group_key" TEXT,
    "status" "AlertStatus" NOT NULL,
    "severity" "AlertSeverity" NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "environment" TEXT,
    "component" TEXT,
    "instance" TEXT,
    "value" TEXT,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "annotations" JSONB NOT NULL DEFAULT '{}',
    "links" JSONB NOT NULL DEFAULT '[]',
    "starts_at" TIMESTAMPTZ(3),
    "ends_at" TIMESTAMPTZ(3),
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "occurrences" INTEGER NOT NULL DEFAULT 1,
    "firings" INTEGER NOT NULL DEFAULT 1,
    "flaps" INTEGER NOT NULL DEFAULT 0,
    "acknowledged" BOOLEAN NOT NULL DEFAULT false,
    "muted_until" TIMESTAMPTZ(3),
    "task_id" UUID,
    "last_delivery_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_episodes" (
    "id" UUID NOT NULL,
    "alert_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "alert_episodes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alert_integrations_team_id_idx" ON "alert_integrations"("team_id");

-- CreateIndex
CREATE INDEX "webhook_deliveries_integration_id_received_at_idx" ON "webhook_deliveries"("integration_id", "received_at");

-- CreateIndex
CREATE INDEX "alerts_team_id_status_idx" ON "alerts"("team_id", "status");

-- CreateIndex
CREATE INDEX "alerts_task_id_idx" ON "alerts"("task_id");

-- CreateIndex
CREATE UNIQUE INDEX "alerts_integration_id_dedup_key_key" ON "alerts"("integration_id", "dedup_key");

-- CreateIndex
CREATE INDEX "alert_episodes_alert_id_started_at_idx" ON "alert_episodes"("alert_id", "started_at");

-- CreateIndex
CREATE INDEX "alert_episodes_team_id_started_at_idx" ON "alert_episodes"("team_id", "started_at");

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_related_task_id_fkey" FOREIGN KEY ("related_task_id") REFERENCES "tasks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_integrations" ADD CONSTRAINT "alert_integrations_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "alert_integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "alert_integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_episodes" ADD CONSTRAINT "alert_episodes_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
