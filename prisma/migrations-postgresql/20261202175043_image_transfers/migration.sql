-- CreateTable
CREATE TABLE "ImageTransfer" (
    "id" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "diskId" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "phase" TEXT NOT NULL DEFAULT 'initializing',
    "ticket" TEXT NOT NULL,
    "imagePath" TEXT,
    "imageSize" BIGINT NOT NULL DEFAULT 0,
    "transferred" BIGINT NOT NULL DEFAULT 0,
    "inactivityTimeout" INTEGER NOT NULL DEFAULT 60,
    "lastActivityAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImageTransfer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ImageTransfer_jobId_key" ON "ImageTransfer"("jobId");

-- CreateIndex
CREATE UNIQUE INDEX "ImageTransfer_ticket_key" ON "ImageTransfer"("ticket");

-- CreateIndex
CREATE INDEX "ImageTransfer_diskId_idx" ON "ImageTransfer"("diskId");

-- CreateIndex
CREATE INDEX "ImageTransfer_createdAt_idx" ON "ImageTransfer"("createdAt");
