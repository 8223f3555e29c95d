-- A bucket's state is worth nothing after a crash (it refills within seconds), yet every request
-- committed its change with a WAL flush. Unlogged, the commit needs no flush: /v1/health at one client
-- went from ~4 ms to well under 1 ms. A crash empties the table, which only refills the buckets.
ALTER TABLE rate_limit_bucket SET UNLOGGED;
