-- AlterTable
ALTER TABLE "alert_integrations" ADD COLUMN     "alertmanager_authorization" TEXT,
ADD COLUMN     "alertmanager_url" TEXT;

-- AlterTable
ALTER TABLE "alerts" ADD COLUMN     "silence_id" TEXT;
