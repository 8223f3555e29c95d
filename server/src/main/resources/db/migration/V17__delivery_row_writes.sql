-- Issue 15: fewer row writes per customer webhook delivery. A delivery was three versions of its row (written,
-- leased by a claim, marked DELIVERED), each with entries in four or five indexes.

-- The lease of a queue's head is kept on the queue's row (which a claim updates anyway), not on the delivery: a claim
-- no longer writes a new version of the delivery (its body with it). A head is in flight until in_flight_until.
ALTER TABLE webhook_queue ADD COLUMN in_flight_until timestamptz;
UPDATE webhook_queue q SET in_flight_until = d.lease_until
FROM webhook_delivery d WHERE d.id = q.head_id AND d.lease_until > now();
-- No longer written (nor read) by this version; kept so that an older process's statements still run.
COMMENT ON COLUMN webhook_delivery.lease_until IS 'Unused since V17: see webhook_queue.in_flight_until';

-- Nothing refers to (team_id, id) (every statement that names a delivery's team names its id too, the primary key):
-- one index entry less for every version of a delivery.
ALTER TABLE webhook_delivery DROP CONSTRAINT webhook_delivery_team_id_id_key;
