-- CreateEnum
CREATE TYPE "DeploymentStatus" AS ENUM ('QUEUED', 'IN_PROGRESS', 'SUCCESS', 'FAILURE', 'CANCELED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AlertKind" ADD VALUE 'GITHUB';
ALTER TYPE "AlertKind" ADD VALUE 'GITLAB';
ALTER TYPE "AlertKind" ADD VALUE 'GENERIC_DEPLOYMENT';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "TaskEventKind" ADD VALUE 'DEPLOYED';
ALTER TYPE "TaskEventKind" ADD VALUE 'INCIDENT_CAUSE_SET';

-- AlterTable
ALTER TABLE "alert_integrations" ADD COLUMN     "service" TEXT,
ADD COLUMN     "suspect_window_minutes" INTEGER NOT NULL DEFAULT 60;

-- CreateTable
CREATE TABLE "deployments" (
    "id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "ref" TEXT,
    "commit_sha" TEXT,
    "status" "DeploymentStatus" NOT NULL,
    "status_at" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "url" TEXT,
    "rollback_of_ref" TEXT,
    "first_commit_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deployments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployment_commits" (
    "deployment_id" UUID NOT NULL,
    "sha" TEXT NOT NULL,
    "message" TEXT,
    "authored_at" TIMESTAMPTZ(3),

    CONSTRAINT "deployment_commits_pkey" PRIMARY KEY ("deployment_id","sha")
);

-- CreateTable
CREATE TABLE "deployment_tasks" (
    "deployment_id" UUID NOT NULL,
    "task_id" UUID NOT NULL,
    "linked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deployment_tasks_pkey" PRIMARY KEY ("deployment_id","task_id")
);

-- CreateTable
CREATE TABLE "incident_causes" (
    "task_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "deployment_id" UUID NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3),
    "confirmed_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_causes_pkey" PRIMARY KEY ("task_id")
);

-- CreateIndex
CREATE INDEX "deployments_team_id_service_environment_finished_at_idx" ON "deployments"("team_id", "service", "environment", "finished_at");

-- CreateIndex
CREATE INDEX "deployments_team_id_started_at_idx" ON "deployments"("team_id", "started_at");

-- CreateIndex
CREATE UNIQUE INDEX "deployments_integration_id_external_id_key" ON "deployments"("integration_id", "external_id");

-- CreateIndex
CREATE INDEX "deployment_tasks_task_id_idx" ON "deployment_tasks"("task_id");

-- CreateIndex
CREATE INDEX "incident_causes_deployment_id_idx" ON "incident_causes"("deployment_id");

-- CreateIndex
CREATE INDEX "incident_causes_team_id_idx" ON "incident_causes"("team_id");

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "alert_integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment_commits" ADD CONSTRAINT "deployment_commits_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment_tasks" ADD CONSTRAINT "deployment_tasks_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment_tasks" ADD CONSTRAINT "deployment_tasks_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_causes" ADD CONSTRAINT "incident_causes_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_causes" ADD CONSTRAINT "incident_causes_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployments"("id") ON DELETE CASCADE ON UPDATE CASCADE;
