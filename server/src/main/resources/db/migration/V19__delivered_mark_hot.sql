-- Issue 15: marking a delivery DELIVERED becomes a HOT update (no index entries; the new version on the same page, its
-- WAL record without the unchanged body), which it can be only when no index names the status or delivered_at.

-- Where each queue's next head is looked for: from its row's `from` position (created_at, id) on, which is the head's,
-- lowered when an older delivery is queued behind it (a redeliver, a writer whose event is older than the one that
-- made the row). Set before the partial index goes, with its help.
ALTER TABLE webhook_queue ADD COLUMN from_created_at timestamptz, ADD COLUMN from_id uuid;
UPDATE webhook_queue q SET (from_created_at, from_id) = (
    SELECT d.created_at, d.id FROM webhook_delivery d
    WHERE d.url = q.url AND d.order_key = q.order_key AND d.status IN ('PENDING', 'FAILED_RETRYING')
    ORDER BY d.created_at, d.id LIMIT 1);

-- Every delivery of a queue, whatever its status: the look for the next head starts at the row's `from`, so it steps
-- over no delivered ones.
DROP INDEX webhook_delivery_queue;
CREATE INDEX webhook_delivery_queue ON webhook_delivery (url, order_key, created_at, id);

-- For the pruning of delivered rows: a summarizing index, which does not stop HOT updates (PostgreSQL 16 and later).
DROP INDEX webhook_delivery_delivered;
CREATE INDEX webhook_delivery_delivered ON webhook_delivery USING brin (delivered_at) WITH (autosummarize = on);

-- Room on each page for the DELIVERED version of its rows.
ALTER TABLE webhook_delivery SET (fillfactor = 75);
