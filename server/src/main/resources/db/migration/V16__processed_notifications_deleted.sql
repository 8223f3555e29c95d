-- Issue 15: a processed notification is deleted by the transaction that applied it, instead of marked PROCESSED.
-- The mark was a new version of the whole row (its body with it) and an entry in two indexes, the second largest
-- share of the WAL per notification; a delete writes a few bytes. Its effects are in chats and the outbox (a
-- pass-through forward keeps the very bytes), so nothing read the processed rows but the pruning. Rows marked
-- PROCESSED by an older version are still pruned, without an index: the table now holds only the backlog and the
-- notifications set aside.
DROP INDEX meta_notification_processed;

-- Notifications waiting for a retry have been tried (attempts > 0): new rows no longer enter this index at all, so an
-- insert writes two index entries instead of three.
DROP INDEX meta_notification_queue_retry;
CREATE INDEX meta_notification_queue_retry ON meta_notification (queue, next_attempt_at)
    WHERE status = 'PENDING' AND attempts > 0;
