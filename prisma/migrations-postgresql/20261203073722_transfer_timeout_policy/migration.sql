-- AlterTable
ALTER TABLE "ImageTransfer" ADD COLUMN     "timeoutPolicy" TEXT NOT NULL DEFAULT 'legacy';
