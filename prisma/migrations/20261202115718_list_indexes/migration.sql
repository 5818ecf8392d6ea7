-- DropIndex
DROP INDEX "Disk_alias_idx";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Volume" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "diskId" TEXT NOT NULL,
    "storageDomainId" TEXT NOT NULL,
    "parentId" TEXT,
    "format" TEXT NOT NULL,
    "legality" TEXT NOT NULL DEFAULT 'legal',
    "actualSize" BIGINT NOT NULL DEFAULT 0,
    "capacity" BIGINT NOT NULL DEFAULT 0,
    "leaf" BOOLEAN NOT NULL DEFAULT true,
    "snapshotId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Volume_diskId_fkey" FOREIGN KEY ("diskId") REFERENCES "Disk" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Volume_storageDomainId_fkey" FOREIGN KEY ("storageDomainId") REFERENCES "StorageDomain" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Volume" ("actualSize", "createdAt", "diskId", "format", "id", "leaf", "legality", "parentId", "snapshotId", "storageDomainId") SELECT "actualSize", "createdAt", "diskId", "format", "id", "leaf", "legality", "parentId", "snapshotId", "storageDomainId" FROM "Volume";
DROP TABLE "Volume";
ALTER TABLE "new_Volume" RENAME TO "Volume";
CREATE INDEX "Volume_diskId_idx" ON "Volume"("diskId");
CREATE INDEX "Volume_storageDomainId_leaf_capacity_idx" ON "Volume"("storageDomainId", "leaf", "capacity");
CREATE INDEX "Volume_parentId_idx" ON "Volume"("parentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Disk_alias_id_idx" ON "Disk"("alias", "id");

-- CreateIndex
CREATE INDEX "Disk_provisionedSize_id_idx" ON "Disk"("provisionedSize", "id");

-- CreateIndex
CREATE INDEX "Disk_status_id_idx" ON "Disk"("status", "id");

-- CreateIndex
CREATE INDEX "Disk_createdAt_id_idx" ON "Disk"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Event_actor_id_idx" ON "Event"("actor", "id");

-- CreateIndex
CREATE INDEX "Job_createdAt_idx" ON "Job"("createdAt");

-- CreateIndex
CREATE INDEX "Job_actor_createdAt_idx" ON "Job"("actor", "createdAt");

-- CreateIndex
CREATE INDEX "Vm_status_id_idx" ON "Vm"("status", "id");

-- CreateIndex
CREATE INDEX "Vm_createdAt_id_idx" ON "Vm"("createdAt", "id");

-- Backfill: every volume of a disk has the disk's size (disks never grow).
UPDATE "Volume" SET "capacity" = (SELECT "provisionedSize" FROM "Disk" WHERE "Disk"."id" = "Volume"."diskId");
