-- Task numbering moves from teams.task_seq to a counter row of its own (see TaskCounter in
-- schema.prisma): existing counters are carried over before the column goes.

-- CreateTable
CREATE TABLE "task_counters" (
    "team_id" UUID NOT NULL,
    "last_number" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "task_counters_pkey" PRIMARY KEY ("team_id")
);

-- Carry the numbers over.
INSERT INTO "task_counters" ("team_id", "last_number") SELECT "id", "task_seq" FROM "teams";

-- AddForeignKey
ALTER TABLE "task_counters" ADD CONSTRAINT "task_counters_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "teams" DROP COLUMN "task_seq";
