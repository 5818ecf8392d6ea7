-- CreateTable
CREATE TABLE "DataCenter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "Cluster" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "dataCenterId" TEXT NOT NULL,
    CONSTRAINT "Cluster_dataCenterId_fkey" FOREIGN KEY ("dataCenterId") REFERENCES "DataCenter" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StorageDomain" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "warningLowSpacePct" INTEGER NOT NULL DEFAULT 10,
    "criticalSpaceGb" INTEGER NOT NULL DEFAULT 5,
    "dataCenterId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StorageDomain_dataCenterId_fkey" FOREIGN KEY ("dataCenterId") REFERENCES "DataCenter" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Disk" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "alias" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "provisionedSize" BIGINT NOT NULL,
    "format" TEXT NOT NULL,
    "allocation" TEXT NOT NULL,
    "contentType" TEXT NOT NULL DEFAULT 'data',
    "shareable" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'ok',
    "lockJobId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Volume" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "diskId" TEXT NOT NULL,
    "storageDomainId" TEXT NOT NULL,
    "parentId" TEXT,
    "format" TEXT NOT NULL,
    "legality" TEXT NOT NULL DEFAULT 'legal',
    "actualSize" BIGINT NOT NULL DEFAULT 0,
    "leaf" BOOLEAN NOT NULL DEFAULT true,
    "snapshotId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Volume_diskId_fkey" FOREIGN KEY ("diskId") REFERENCES "Disk" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Volume_storageDomainId_fkey" FOREIGN KEY ("storageDomainId") REFERENCES "StorageDomain" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DiskAttachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "diskId" TEXT NOT NULL,
    "vmId" TEXT,
    "templateId" TEXT,
    "interface" TEXT NOT NULL DEFAULT 'virtio',
    "bootable" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "DiskAttachment_diskId_fkey" FOREIGN KEY ("diskId") REFERENCES "Disk" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DiskAttachment_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DiskAttachment_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "Template" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Vm" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "cpus" INTEGER NOT NULL DEFAULT 1,
    "memoryMb" INTEGER NOT NULL DEFAULT 512,
    "status" TEXT NOT NULL DEFAULT 'down',
    "lockJobId" TEXT,
    "clusterId" TEXT NOT NULL,
    "templateId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Vm_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Vm_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "Template" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Template" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "cpus" INTEGER NOT NULL DEFAULT 1,
    "memoryMb" INTEGER NOT NULL DEFAULT 512,
    "status" TEXT NOT NULL DEFAULT 'ok',
    "lockJobId" TEXT,
    "clusterId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Template_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Snapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "vmId" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'ok',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Snapshot_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "payload" TEXT NOT NULL,
    "error" TEXT,
    "correlationId" TEXT,
    "actor" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "JobStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    CONSTRAINT "JobStep_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "objectType" TEXT,
    "objectId" TEXT,
    "jobId" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "DataCenter_name_key" ON "DataCenter"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_name_key" ON "Cluster"("name");

-- CreateIndex
CREATE UNIQUE INDEX "StorageDomain_name_key" ON "StorageDomain"("name");

-- CreateIndex
CREATE UNIQUE INDEX "StorageDomain_path_key" ON "StorageDomain"("path");

-- CreateIndex
CREATE INDEX "Disk_alias_idx" ON "Disk"("alias");

-- CreateIndex
CREATE INDEX "Disk_lockJobId_idx" ON "Disk"("lockJobId");

-- CreateIndex
CREATE INDEX "Volume_diskId_idx" ON "Volume"("diskId");

-- CreateIndex
CREATE INDEX "Volume_storageDomainId_idx" ON "Volume"("storageDomainId");

-- CreateIndex
CREATE INDEX "Volume_parentId_idx" ON "Volume"("parentId");

-- CreateIndex
CREATE INDEX "DiskAttachment_vmId_idx" ON "DiskAttachment"("vmId");

-- CreateIndex
CREATE INDEX "DiskAttachment_templateId_idx" ON "DiskAttachment"("templateId");

-- CreateIndex
CREATE UNIQUE INDEX "DiskAttachment_diskId_vmId_key" ON "DiskAttachment"("diskId", "vmId");

-- CreateIndex
CREATE UNIQUE INDEX "Vm_name_key" ON "Vm"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Template_name_key" ON "Template"("name");

-- CreateIndex
CREATE INDEX "Snapshot_vmId_idx" ON "Snapshot"("vmId");

-- CreateIndex
CREATE INDEX "Job_status_idx" ON "Job"("status");

-- CreateIndex
CREATE INDEX "Job_correlationId_idx" ON "Job"("correlationId");

-- CreateIndex
CREATE INDEX "JobStep_jobId_idx" ON "JobStep"("jobId");

-- CreateIndex
CREATE INDEX "Event_objectId_idx" ON "Event"("objectId");

-- CreateIndex
CREATE INDEX "Event_createdAt_idx" ON "Event"("createdAt");
