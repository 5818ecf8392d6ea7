-- CreateTable
CREATE TABLE "VmHold" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "vmId" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    CONSTRAINT "VmHold_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "VmHold_vmId_idx" ON "VmHold"("vmId");

-- CreateIndex
CREATE INDEX "VmHold_jobId_idx" ON "VmHold"("jobId");
