-- Issue 15: since V16 a processed notification is deleted by the transaction that applies it, and since V17 a
-- delivery's lease lives on its queue row. What an older version left behind is put away once here, instead of a
-- pruning pass, a setting and two columns kept for it forever. As with V15, stop processes of an older version before
-- starting this one (they share one database).
DELETE FROM meta_notification WHERE status = 'PROCESSED';
ALTER TABLE meta_notification DROP CONSTRAINT meta_notification_status_check;
ALTER TABLE meta_notification ADD CONSTRAINT meta_notification_status_check CHECK (status IN ('PENDING', 'FAILED'));
ALTER TABLE meta_notification DROP COLUMN processed_at;

ALTER TABLE webhook_delivery DROP COLUMN lease_until;
