-- AlterTable
ALTER TABLE "Job" ADD COLUMN "cancelRequestedBy" TEXT;
ALTER TABLE "Job" ADD COLUMN "host" TEXT;
ALTER TABLE "Job" ADD COLUMN "leaseExpiresAt" DATETIME;
ALTER TABLE "Job" ADD COLUMN "leaseOwner" TEXT;

-- AlterTable
ALTER TABLE "Vm" ADD COLUMN "runtimeHost" TEXT;

-- CreateTable
CREATE TABLE "PortalInstance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "PortalInstance_host_idx" ON "PortalInstance"("host");

-- CreateIndex
CREATE INDEX "Job_status_leaseExpiresAt_idx" ON "Job"("status", "leaseExpiresAt");
