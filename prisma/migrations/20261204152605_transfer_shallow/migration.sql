-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ImageTransfer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "diskId" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "phase" TEXT NOT NULL DEFAULT 'initializing',
    "ticket" TEXT NOT NULL,
    "imagePath" TEXT,
    "imageSize" BIGINT NOT NULL DEFAULT 0,
    "readsChainMap" BOOLEAN NOT NULL DEFAULT false,
    "shallow" BOOLEAN NOT NULL DEFAULT false,
    "diskSnapshotId" TEXT,
    "transferred" BIGINT NOT NULL DEFAULT 0,
    "inactivityTimeout" INTEGER NOT NULL DEFAULT 60,
    "timeoutPolicy" TEXT NOT NULL DEFAULT 'legacy',
    "lastActivityAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_ImageTransfer" ("actor", "createdAt", "direction", "diskId", "format", "id", "imagePath", "imageSize", "inactivityTimeout", "jobId", "lastActivityAt", "phase", "readsChainMap", "ticket", "timeoutPolicy", "transferred") SELECT "actor", "createdAt", "direction", "diskId", "format", "id", "imagePath", "imageSize", "inactivityTimeout", "jobId", "lastActivityAt", "phase", "readsChainMap", "ticket", "timeoutPolicy", "transferred" FROM "ImageTransfer";
DROP TABLE "ImageTransfer";
ALTER TABLE "new_ImageTransfer" RENAME TO "ImageTransfer";
CREATE UNIQUE INDEX "ImageTransfer_jobId_key" ON "ImageTransfer"("jobId");
CREATE UNIQUE INDEX "ImageTransfer_ticket_key" ON "ImageTransfer"("ticket");
CREATE INDEX "ImageTransfer_diskId_idx" ON "ImageTransfer"("diskId");
CREATE INDEX "ImageTransfer_createdAt_idx" ON "ImageTransfer"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
