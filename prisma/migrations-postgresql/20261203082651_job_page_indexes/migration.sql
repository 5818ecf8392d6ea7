-- DropIndex
DROP INDEX "Job_actor_createdAt_idx";

-- DropIndex
DROP INDEX "Job_createdAt_idx";

-- CreateIndex
CREATE INDEX "Job_createdAt_id_idx" ON "Job"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Job_actor_createdAt_id_idx" ON "Job"("actor", "createdAt", "id");
