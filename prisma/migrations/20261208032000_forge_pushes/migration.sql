-- CreateEnum
CREATE TYPE "DeploymentCommitsSource" AS ENUM ('PAYLOAD', 'DEPLOYED_COMMIT', 'PUSHES');

-- AlterTable
ALTER TABLE "deployments" ADD COLUMN     "commits_source" "DeploymentCommitsSource",
ADD COLUMN     "repository" TEXT;

-- CreateTable
CREATE TABLE "forge_pushes" (
    "id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "integration_id" UUID NOT NULL,
    "repository" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "before_sha" TEXT NOT NULL,
    "after_sha" TEXT NOT NULL,
    "forced" BOOLEAN NOT NULL,
    "pushed_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "forge_pushes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "forge_push_commits" (
    "push_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "sha" TEXT NOT NULL,
    "message" TEXT,
    "authored_at" TIMESTAMPTZ(3),

    CONSTRAINT "forge_push_commits_pkey" PRIMARY KEY ("push_id","position")
);

-- CreateIndex
CREATE INDEX "forge_pushes_team_id_repository_after_sha_idx" ON "forge_pushes"("team_id", "repository", "after_sha");

-- CreateIndex
CREATE INDEX "forge_pushes_team_id_repository_before_sha_idx" ON "forge_pushes"("team_id", "repository", "before_sha");

-- CreateIndex
CREATE UNIQUE INDEX "forge_pushes_team_id_repository_ref_before_sha_after_sha_key" ON "forge_pushes"("team_id", "repository", "ref", "before_sha", "after_sha");

-- CreateIndex
CREATE INDEX "forge_push_commits_sha_idx" ON "forge_push_commits"("sha");

-- CreateIndex
CREATE INDEX "deployments_team_id_repository_commit_sha_idx" ON "deployments"("team_id", "repository", "commit_sha");

-- AddForeignKey
ALTER TABLE "forge_pushes" ADD CONSTRAINT "forge_pushes_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forge_pushes" ADD CONSTRAINT "forge_pushes_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "alert_integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forge_push_commits" ADD CONSTRAINT "forge_push_commits_push_id_fkey" FOREIGN KEY ("push_id") REFERENCES "forge_pushes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing commits: listed by the generic format, or the deployed commit alone (GitHub, GitLab).
UPDATE "deployments" d SET "commits_source" = CASE WHEN i."kind" = 'GENERIC_DEPLOYMENT'
    THEN 'PAYLOAD'::"DeploymentCommitsSource" ELSE 'DEPLOYED_COMMIT'::"DeploymentCommitsSource" END
  FROM "alert_integrations" i
  WHERE i."id" = d."integration_id" AND EXISTS (SELECT 1 FROM "deployment_commits" c WHERE c."deployment_id" = d."id");
