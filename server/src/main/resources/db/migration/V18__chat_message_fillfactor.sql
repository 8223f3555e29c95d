-- Issue 15: an outgoing message's row is updated by each of its statuses (sent, delivered, read), which change no
-- indexed column, so each can be a HOT update (no index entries) when its page has room for the new version. Pages were
-- filled to the brim (fillfactor 100), so most were not: each status wrote an entry in each of the table's six indexes.
-- New pages keep 15 % free for them.
ALTER TABLE chat_message SET (fillfactor = 85);
