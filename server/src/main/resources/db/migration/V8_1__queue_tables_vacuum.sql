-- The two queue tables (notifications in, deliveries out) change status in place thousands of times a
-- second: their dead rows stay in the partial "pending" indexes until vacuumed, and every claim walks past
-- them. The default (a vacuum once a fifth of the table is dead) let a claim take seconds; these vacuum
-- them after a few thousand changes, without the cost-based pauses.
ALTER TABLE webhook_delivery SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
    autovacuum_vacuum_cost_delay = 0, autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 20000);
ALTER TABLE meta_notification SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
    autovacuum_vacuum_cost_delay = 0, autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 20000);
