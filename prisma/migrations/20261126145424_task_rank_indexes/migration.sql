-- DropIndex
DROP INDEX "tasks_column_id_rank_idx";

-- CreateIndex
CREATE INDEX "tasks_column_id_rank_id_idx" ON "tasks"("column_id", "rank", "id");

-- CreateIndex
CREATE INDEX "tasks_column_id_priority_rank_id_idx" ON "tasks"("column_id", "priority", "rank", "id");
