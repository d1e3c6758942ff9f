-- CreateIndex
CREATE INDEX "alert_episodes_task_id_idx" ON "alert_episodes"("task_id");
