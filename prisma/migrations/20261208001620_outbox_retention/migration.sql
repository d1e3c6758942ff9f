-- CreateIndex
CREATE INDEX "outbox_messages_finished_at_idx" ON "outbox_messages"("finished_at");
