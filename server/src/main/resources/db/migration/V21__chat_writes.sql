-- Issue 15: every message sent or received inserts a chat_message row and rewrites its chat row. The chat's update
-- changes last_message_at and updated_at, which are indexed (the list orders), so it cannot be HOT: each one writes an
-- entry in every index of chat. Fewer indexes, fewer entries (bench/README.md, "Sends, fifth pass").

-- chat_message had both PRIMARY KEY (id) and UNIQUE (team_id, id); no foreign key references the second, and every
-- lookup by id is served by the first.
ALTER TABLE chat_message DROP CONSTRAINT chat_message_team_id_id_key;

-- chat had PRIMARY KEY (id) and UNIQUE (team_id, id), the second for chat_message's foreign key. Every statement on
-- chat names its team, so one key on (team_id, id) serves them all.
ALTER TABLE chat_message DROP CONSTRAINT chat_message_team_id_chat_id_fkey;
ALTER TABLE chat DROP CONSTRAINT chat_team_id_id_key;
ALTER TABLE chat DROP CONSTRAINT chat_pkey;
ALTER TABLE chat ADD CONSTRAINT chat_pkey PRIMARY KEY (team_id, id);
ALTER TABLE chat_message ADD CONSTRAINT chat_message_team_id_chat_id_fkey
    FOREIGN KEY (team_id, chat_id) REFERENCES chat (team_id, id);

-- chat_message's autoanalyze cost 0.26 s of CPU each at 40 000 rows (a sample of 30 000 rows, its four jsonb columns
-- among them), and came after every 10 % of growth: every few seconds while messages are sent, since
-- db/AutovacuumPace keeps autovacuum looking every 2 s then. The first analyze (after 50 rows) still comes at once,
-- which the plans of a fresh server need; after it, once the table has doubled. Nothing filters or joins on the
-- jsonb columns, so no statistics are gathered for them.
ALTER TABLE chat_message SET (autovacuum_analyze_scale_factor = 1);
ALTER TABLE chat_message ALTER COLUMN body SET STATISTICS 0, ALTER COLUMN attachments SET STATISTICS 0,
    ALTER COLUMN errors SET STATISTICS 0, ALTER COLUMN status_details SET STATISTICS 0;
