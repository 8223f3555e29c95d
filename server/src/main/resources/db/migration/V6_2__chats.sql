-- Chats (whatsapp.md §6).

-- Decision: a team may re-open a customer's latest chat on a number instead of opening a new one when the
-- customer (or the team) writes again after the chat was closed. Off by default, as the contract says.
ALTER TABLE team ADD COLUMN reopen_closed_chats boolean NOT NULL DEFAULT false;

-- The two orders of POST /v1/ext/chat that chat_last_message (team_id, last_message_at) does not serve.
CREATE INDEX chat_created ON chat (team_id, created_at);
CREATE INDEX chat_updated ON chat (team_id, updated_at);
