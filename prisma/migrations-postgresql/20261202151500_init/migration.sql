-- CreateTable
CREATE TABLE "DataCenter" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "DataCenter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Cluster" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "dataCenterId" TEXT NOT NULL,

    CONSTRAINT "Cluster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StorageDomain" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastCheckedAt" TIMESTAMP(3),
    "readDelayMs" DOUBLE PRECISION,
    "lastError" TEXT,
    "fsType" TEXT,
    "device" TEXT,
    "unknownFiles" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "StorageDomain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpaceReservation" (
    "id" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "storageDomainId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL,
    "provisionedBytes" BIGINT NOT NULL,

    CONSTRAINT "SpaceReservation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StorageCleanup" (
    "id" TEXT NOT NULL,
    "jobId" TEXT,
    "storageDomainId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StorageCleanup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Disk" (
    "id" TEXT NOT NULL,
    "alias" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "provisionedSize" BIGINT NOT NULL,
    "format" TEXT NOT NULL,
    "allocation" TEXT NOT NULL,
    "contentType" TEXT NOT NULL DEFAULT 'data',
    "shareable" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'ok',
    "statusReason" TEXT,
    "lockJobId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Disk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Volume" (
    "id" TEXT NOT NULL,
    "diskId" TEXT NOT NULL,
    "storageDomainId" TEXT NOT NULL,
    "parentId" TEXT,
    "format" TEXT NOT NULL,
    "legality" TEXT NOT NULL DEFAULT 'legal',
    "actualSize" BIGINT NOT NULL DEFAULT 0,
    "capacity" BIGINT NOT NULL DEFAULT 0,
    "leaf" BOOLEAN NOT NULL DEFAULT true,
    "snapshotId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Volume_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DiskAttachment" (
    "id" TEXT NOT NULL,
    "diskId" TEXT NOT NULL,
    "vmId" TEXT,
    "templateId" TEXT,
    "interface" TEXT NOT NULL DEFAULT 'virtio',
    "bootable" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "DiskAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vm" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "cpus" INTEGER NOT NULL DEFAULT 1,
    "memoryMb" INTEGER NOT NULL DEFAULT 512,
    "status" TEXT NOT NULL DEFAULT 'down',
    "lockJobId" TEXT,
    "clusterId" TEXT NOT NULL,
    "templateId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "runtimePid" INTEGER,
    "qmpSocket" TEXT,
    "runtimeStartedAt" TIMESTAMP(3),
    "memoryDiskId" TEXT,

    CONSTRAINT "Vm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VmHold" (
    "id" TEXT NOT NULL,
    "vmId" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,

    CONSTRAINT "VmHold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Template" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "cpus" INTEGER NOT NULL DEFAULT 1,
    "memoryMb" INTEGER NOT NULL DEFAULT 512,
    "status" TEXT NOT NULL DEFAULT 'ok',
    "lockJobId" TEXT,
    "clusterId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Snapshot" (
    "id" TEXT NOT NULL,
    "vmId" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'ok',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "payload" TEXT NOT NULL,
    "error" TEXT,
    "correlationId" TEXT,
    "actor" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobStep" (
    "id" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "JobStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "objectType" TEXT,
    "objectId" TEXT,
    "jobId" TEXT,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Permission" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Permission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "SpaceReservation_jobId_idx" ON "SpaceReservation"("jobId");

-- CreateIndex
CREATE INDEX "SpaceReservation_storageDomainId_idx" ON "SpaceReservation"("storageDomainId");

-- CreateIndex
CREATE INDEX "StorageCleanup_storageDomainId_idx" ON "StorageCleanup"("storageDomainId");

-- CreateIndex
CREATE INDEX "Disk_alias_id_idx" ON "Disk"("alias", "id");

-- CreateIndex
CREATE INDEX "Disk_provisionedSize_id_idx" ON "Disk"("provisionedSize", "id");

-- CreateIndex
CREATE INDEX "Disk_status_id_idx" ON "Disk"("status", "id");

-- CreateIndex
CREATE INDEX "Disk_createdAt_id_idx" ON "Disk"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Disk_lockJobId_idx" ON "Disk"("lockJobId");

-- CreateIndex
CREATE INDEX "Volume_diskId_idx" ON "Volume"("diskId");

-- CreateIndex
CREATE INDEX "Volume_storageDomainId_leaf_capacity_idx" ON "Volume"("storageDomainId", "leaf", "capacity");

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
CREATE INDEX "Vm_status_id_idx" ON "Vm"("status", "id");

-- CreateIndex
CREATE INDEX "Vm_createdAt_id_idx" ON "Vm"("createdAt", "id");

-- CreateIndex
CREATE INDEX "VmHold_vmId_idx" ON "VmHold"("vmId");

-- CreateIndex
CREATE INDEX "VmHold_jobId_idx" ON "VmHold"("jobId");

-- CreateIndex
CREATE UNIQUE INDEX "Template_name_key" ON "Template"("name");

-- CreateIndex
CREATE INDEX "Snapshot_vmId_idx" ON "Snapshot"("vmId");

-- CreateIndex
CREATE INDEX "Job_status_idx" ON "Job"("status");

-- CreateIndex
CREATE INDEX "Job_correlationId_idx" ON "Job"("correlationId");

-- CreateIndex
CREATE INDEX "Job_createdAt_idx" ON "Job"("createdAt");

-- CreateIndex
CREATE INDEX "Job_actor_createdAt_idx" ON "Job"("actor", "createdAt");

-- CreateIndex
CREATE INDEX "JobStep_jobId_idx" ON "JobStep"("jobId");

-- CreateIndex
CREATE INDEX "Event_objectId_idx" ON "Event"("objectId");

-- CreateIndex
CREATE INDEX "Event_createdAt_idx" ON "Event"("createdAt");

-- CreateIndex
CREATE INDEX "Event_actor_id_idx" ON "Event"("actor", "id");

-- CreateIndex
CREATE UNIQUE INDEX "User_name_key" ON "User"("name");

-- CreateIndex
CREATE INDEX "Permission_userId_idx" ON "Permission"("userId");

-- CreateIndex
CREATE INDEX "Permission_objectType_objectId_idx" ON "Permission"("objectType", "objectId");

-- CreateIndex
CREATE UNIQUE INDEX "Permission_userId_role_objectType_objectId_key" ON "Permission"("userId", "role", "objectType", "objectId");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- AddForeignKey
ALTER TABLE "Cluster" ADD CONSTRAINT "Cluster_dataCenterId_fkey" FOREIGN KEY ("dataCenterId") REFERENCES "DataCenter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StorageDomain" ADD CONSTRAINT "StorageDomain_dataCenterId_fkey" FOREIGN KEY ("dataCenterId") REFERENCES "DataCenter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Volume" ADD CONSTRAINT "Volume_diskId_fkey" FOREIGN KEY ("diskId") REFERENCES "Disk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Volume" ADD CONSTRAINT "Volume_storageDomainId_fkey" FOREIGN KEY ("storageDomainId") REFERENCES "StorageDomain"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiskAttachment" ADD CONSTRAINT "DiskAttachment_diskId_fkey" FOREIGN KEY ("diskId") REFERENCES "Disk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiskAttachment" ADD CONSTRAINT "DiskAttachment_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiskAttachment" ADD CONSTRAINT "DiskAttachment_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "Template"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vm" ADD CONSTRAINT "Vm_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vm" ADD CONSTRAINT "Vm_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "Template"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VmHold" ADD CONSTRAINT "VmHold_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Template" ADD CONSTRAINT "Template_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Snapshot" ADD CONSTRAINT "Snapshot_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobStep" ADD CONSTRAINT "JobStep_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Permission" ADD CONSTRAINT "Permission_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

