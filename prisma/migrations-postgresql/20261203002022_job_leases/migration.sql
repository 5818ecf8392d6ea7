-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "cancelRequestedBy" TEXT,
ADD COLUMN     "host" TEXT,
ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3),
ADD COLUMN     "leaseOwner" TEXT;

-- AlterTable
ALTER TABLE "Vm" ADD COLUMN     "runtimeHost" TEXT;

-- CreateTable
CREATE TABLE "PortalInstance" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PortalInstance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PortalInstance_host_idx" ON "PortalInstance"("host");

-- CreateIndex
CREATE INDEX "Job_status_leaseExpiresAt_idx" ON "Job"("status", "leaseExpiresAt");
