-- AlterTable
ALTER TABLE "ImageTransfer" ADD COLUMN     "readsChainMap" BOOLEAN NOT NULL DEFAULT false;
