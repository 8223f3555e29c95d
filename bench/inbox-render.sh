#!/usr/bin/env bash
# Inbox render benchmark (inbox.md §3: the chat list and a 1 000-message conversation render in under 300 ms):
# a server with 500 chats and one chat of 1 000 messages (text with formatting and links, replies, statuses,
# written straight into PostgreSQL), then Debian's headless Chromium, signed in through a sign-in link, loads
# the pages and reports the browser's own Navigation Timing (from the request to the end of the load event:
# server, transfer, parsing, style, layout) and the htmx opening of the big chat from the list (click to the
# last message laid out). Needs psql, chromium and chromedriver.
# Usage: bench/inbox-render.sh [runs=15]
. "$(dirname "$0")/lib.sh"
runs="${1:-15}"
command -v psql >/dev/null || { echo "needs psql (apt-get install postgresql-client)" >&2; exit 1; }
command -v chromedriver >/dev/null || { echo "needs chromium and chromedriver (apt-get install chromium chromium-driver)" >&2; exit 1; }

start_bench_server
pg_port=$(sed -n 4p "$work/data/postgres/postmaster.pid")
[ -f "$work/data/postgres.password" ] && export PGPASSWORD=$(cat "$work/data/postgres.password")
sql() { psql -q -h localhost -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }

sql <<'SQL'
WITH p AS (
  SELECT pl.team_id, pl.id AS plugin_id, n.phone_number_id
  FROM whatsapp_plugin pl JOIN whatsapp_phone_number n ON n.plugin_id = pl.id LIMIT 1
), chats AS (
  INSERT INTO chat (team_id, plugin_id, whatsapp_phone_number_id, contact_identifier, contact_name,
                    last_message_at, last_inbound_at, unread_count, last_message)
  SELECT p.team_id, p.plugin_id, p.phone_number_id, '9198' || lpad(i::text, 8, '0'), 'Customer ' || i,
         now() - make_interval(mins => i), now() - make_interval(mins => i), i % 3,
         jsonb_build_object('id', gen_random_uuid(), 'direction', 'INBOUND', 'text', 'Hello, question number ' || i,
                            'timestamp', (extract(epoch FROM now() - make_interval(mins => i)) * 1000)::bigint)
  FROM p, generate_series(1, 500) AS i
  RETURNING id, team_id, plugin_id, whatsapp_phone_number_id, contact_identifier
)
INSERT INTO chat_message (team_id, chat_id, plugin_id, whatsapp_phone_number_id, contact_identifier, external_id,
                          data_type, body, text, delivery_status, direction, timestamp, source_type)
SELECT c.team_id, c.id, c.plugin_id, c.whatsapp_phone_number_id, c.contact_identifier, 'wamid.bench-' || c.id || '-' || m,
       'text',
       jsonb_build_object('type', 'text', 'text', jsonb_build_object('body', t.body)),
       t.body,
       CASE WHEN m % 2 = 0 THEN 'RECEIVED' ELSE (ARRAY['SENT','DELIVERED','READ','FAILED'])[1 + m % 4] END,
       CASE WHEN m % 2 = 0 THEN 'INBOUND' ELSE 'OUTBOUND' END,
       now() - make_interval(secs => (1000 - m) * 90),
       CASE WHEN m % 2 = 0 THEN 'INBOUND' ELSE 'PASS_THROUGH' END
FROM chats c
CROSS JOIN generate_series(1, 1000) AS m
CROSS JOIN LATERAL (SELECT 'Message ' || m || ': *bold* _italic_ ~strike~ and a link https://example.com/orders/' || m
                           || ' with a longer sentence so that the bubble wraps like a real reply does.' AS body) t
WHERE c.contact_identifier = '919800000001' OR m <= 3;
SQL
big=$(sql -tAc "SELECT id FROM chat WHERE contact_identifier = '919800000001'")
echo "loaded: $(sql -tAc 'SELECT count(*) FROM chat') chats, $(sql -tAc "SELECT count(*) FROM chat_message WHERE chat_id = '$big'") messages in the big chat"

admin=$(sql -tAc "SELECT id FROM app_user WHERE username = 'admin' LIMIT 1")
link=$(curl -sfS -X POST -H "Authorization: Bearer $token" "$base/v1/admin/users/$admin/sign-in-link" \
  | sed -E 's/.*"url":"([^"]+)".*/\1/')

cp_file="$work/classpath"
# The server's test classpath names sibling modules (the simulator, the generated API client): compiled in the
# same reactor they resolve to their classes, with nothing installed in ~/.m2.
(cd "$ROOT" && ./mvnw -q -B -pl server -am -Dspotless.check.skip=true compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test) >/dev/null
"$JAVA" -cp "$(cat "$cp_file")" "$BENCH_DIR/src/InboxRender.java" "$base" "$link" "$big" "$runs"
