-- CreateTable
CREATE TABLE "UnregisteredEntity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "storageDomainId" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ovf" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UnregisteredEntity_storageDomainId_fkey" FOREIGN KEY ("storageDomainId") REFERENCES "StorageDomain" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "UnregisteredEntity_storageDomainId_entityType_idx" ON "UnregisteredEntity"("storageDomainId", "entityType");

-- CreateIndex
CREATE UNIQUE INDEX "UnregisteredEntity_storageDomainId_entityId_key" ON "UnregisteredEntity"("storageDomainId", "entityId");
