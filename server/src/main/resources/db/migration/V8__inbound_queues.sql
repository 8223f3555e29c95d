-- Inbound processing by queue (issue 6's throughput): a notification belongs to one of 32 queues by its
-- order key, and each queue is worked by one transaction at a time (an advisory lock), in id order. That
-- keeps one customer's notifications in order without a per-row lease or an anti-join over the backlog.
ALTER TABLE meta_notification
    ADD COLUMN queue smallint GENERATED ALWAYS AS ((hashtextextended(order_key, 0) & 31)::smallint) STORED;

DROP INDEX meta_notification_pending;
DROP INDEX meta_notification_queue;
-- The due notifications of a queue, oldest first.
CREATE INDEX meta_notification_queue_pending ON meta_notification (queue, id) WHERE status = 'PENDING';
-- Failed ones waiting for their retry, which hold back their customer's later notifications.
CREATE INDEX meta_notification_queue_retry ON meta_notification (queue, next_attempt_at) WHERE status = 'PENDING';
-- Claims are the queue's lock now, held by the transaction that applies them: a killed process's
-- transaction rolls back and its lock goes with its connection, so there is no lease to run out.
ALTER TABLE meta_notification DROP COLUMN lease_until;
