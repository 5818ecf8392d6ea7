-- AlterTable
ALTER TABLE "ImageTransfer" ADD COLUMN     "diskSnapshotId" TEXT,
ADD COLUMN     "shallow" BOOLEAN NOT NULL DEFAULT false;
