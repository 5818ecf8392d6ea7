-- AlterTable
ALTER TABLE "Disk" ADD COLUMN "statusReason" TEXT;

-- CreateTable
CREATE TABLE "SpaceReservation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "storageDomainId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL,
    "provisionedBytes" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "StorageCleanup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT,
    "storageDomainId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_StorageDomain" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "storageType" TEXT NOT NULL DEFAULT 'localfs',
    "path" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "warningLowSpacePct" INTEGER NOT NULL DEFAULT 10,
    "criticalSpaceGb" INTEGER NOT NULL DEFAULT 5,
    "maxOvercommitPct" INTEGER,
    "dataCenterId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastCheckedAt" DATETIME,
    "readDelayMs" REAL,
    "lastError" TEXT,
    "fsType" TEXT,
    "device" TEXT,
    "unknownFiles" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "StorageDomain_dataCenterId_fkey" FOREIGN KEY ("dataCenterId") REFERENCES "DataCenter" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_StorageDomain" ("createdAt", "criticalSpaceGb", "dataCenterId", "description", "id", "name", "path", "status", "type", "warningLowSpacePct") SELECT "createdAt", "criticalSpaceGb", "dataCenterId", "description", "id", "name", "path", "status", "type", "warningLowSpacePct" FROM "StorageDomain";
DROP TABLE "StorageDomain";
ALTER TABLE "new_StorageDomain" RENAME TO "StorageDomain";
CREATE UNIQUE INDEX "StorageDomain_name_key" ON "StorageDomain"("name");
CREATE UNIQUE INDEX "StorageDomain_path_key" ON "StorageDomain"("path");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SpaceReservation_jobId_idx" ON "SpaceReservation"("jobId");

-- CreateIndex
CREATE INDEX "SpaceReservation_storageDomainId_idx" ON "SpaceReservation"("storageDomainId");

-- CreateIndex
CREATE INDEX "StorageCleanup_storageDomainId_idx" ON "StorageCleanup"("storageDomainId");
