-- The ready delivery queues of the customer webhook outbox (issue 15): one row per (URL, order key) queue that
-- has a delivery PENDING or FAILED_RETRYING, naming its head (the one delivery of the queue that may be in
-- flight) and when that head can next be claimed (`due`: its next attempt, or the end of its lease while it is
-- being sent). A claim reads the due rows of this table, O(claimed), instead of walking every queue of the
-- outbox; the rows are kept in the transactions that write, deliver, fail, expire or redeliver deliveries
-- (WebhookOutbox). Not tenant data: a queue's deliveries carry their team.
CREATE TABLE webhook_queue (
    url       text        NOT NULL,
    order_key text        NOT NULL,
    head_id   uuid        NOT NULL,
    due       timestamptz NOT NULL,
    PRIMARY KEY (url, order_key)
);
CREATE INDEX webhook_queue_due ON webhook_queue (due);

INSERT INTO webhook_queue (url, order_key, head_id, due)
SELECT DISTINCT ON (url, order_key) url, order_key, id, greatest(next_attempt_at, coalesce(lease_until, next_attempt_at))
FROM webhook_delivery
WHERE status IN ('PENDING', 'FAILED_RETRYING')
ORDER BY url, order_key, created_at, id;

-- Every delivery changes its queue's row twice (claimed, then advanced): a few thousand changes a second on a table
-- of a few thousand rows, whose dead versions a claim's walk of the due index would otherwise meet.
ALTER TABLE webhook_queue SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
    autovacuum_vacuum_cost_delay = 0);

-- The next due retry is read from webhook_queue now; nothing reads this index any more.
DROP INDEX webhook_delivery_due;
