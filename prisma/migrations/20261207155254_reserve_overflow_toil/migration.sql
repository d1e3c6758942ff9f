-- CreateEnum
CREATE TYPE "ReserveOverflowPolicy" AS ENUM ('FLAG', 'PROPOSE_SWAP', 'FREEZE_PLANNED_STARTS');

-- CreateEnum
CREATE TYPE "ReplanProposalStatus" AS ENUM ('PENDING', 'ACCEPTED', 'REJECTED');

-- AlterTable
ALTER TABLE "teams" ADD COLUMN     "production_share_cap" DOUBLE PRECISION NOT NULL DEFAULT 0.5,
ADD COLUMN     "reserve_overflow_policy" "ReserveOverflowPolicy" NOT NULL DEFAULT 'FLAG';

-- CreateTable
CREATE TABLE "replan_proposals" (
    "id" UUID NOT NULL,
    "sprint_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "status" "ReplanProposalStatus" NOT NULL DEFAULT 'PENDING',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "task_id" UUID,
    "used_points" DOUBLE PRECISION NOT NULL,
    "reserved_points" DOUBLE PRECISION NOT NULL,
    "overflow_points" DOUBLE PRECISION NOT NULL,
    "covered_points" DOUBLE PRECISION NOT NULL,
    "target_points" DOUBLE PRECISION NOT NULL,
    "proposed_points" DOUBLE PRECISION NOT NULL,
    "tasks" JSONB NOT NULL,
    "decided_at" TIMESTAMPTZ(3),
    "decided_by" TEXT,
    "reason" TEXT,

    CONSTRAINT "replan_proposals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "replan_proposals_sprint_id_sequence_key" ON "replan_proposals"("sprint_id", "sequence");

-- AddForeignKey
ALTER TABLE "replan_proposals" ADD CONSTRAINT "replan_proposals_sprint_id_fkey" FOREIGN KEY ("sprint_id") REFERENCES "sprints"("id") ON DELETE CASCADE ON UPDATE CASCADE;
