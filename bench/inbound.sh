#!/usr/bin/env bash
# Inbound benchmark (issue 6): signed Meta notifications (1 inbound message : 3 statuses) POSTed to
# /webhooks/meta at increasing fixed rates, with a healthy customer receiver on loopback taking the Chakra
# `message` and `status` events. Per rate: the POST answer p50/p99 (from the moment each POST was due,
# so a slow server cannot hide queueing) and notification-to-customer p50/p99; missing events counted.
# Usage: bench/inbound.sh [seconds per rate] [rates...]   (defaults: 10 s; 1000 2000 3000 4000 5000)
# WARMUP_RATE / WARMUP_SECONDS: the untimed first pass (default 300/s for 30 s).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
command -v psql >/dev/null || { echo "needs psql (apt-get install postgresql-client)" >&2; exit 1; }
seconds=${1:-10}; shift || true
rates=${*:-1000 2000 3000 4000 5000}

export OPENCHAKRA_WEBHOOKS_ALLOW_PRIVATE_URLS=true
start_bench_server
pg_port=$(sed -n 4p "$work/data/postgres/postmaster.pid")
export PGPASSWORD=$(cat "$work/data/postgres.password")
sql() { psql -q -h localhost -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }

waba=7100000000001; pnid=7100000000002; secret=bench-app-secret
receiver_port=$(free_port)
plugin=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench\",\"accessToken\":\"EAAB-bench\",\"appSecret\":\"$secret\",\"graphBaseUrl\":\"http://127.0.0.1:9\",
       \"wabas\":[{\"id\":\"$waba\",\"phoneNumbers\":[{\"id\":\"$pnid\",\"displayPhoneNumber\":\"15550009999\"}]}]}" \
  "$base/v1/admin/plugins/whatsapp" | python3 -c 'import json,sys; print(json.load(sys.stdin)["_data"]["id"])')
curl -sf -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"secret":"bench-team-webhook-secret"}' "$base/v1/admin/team/secrets/webhook" >/dev/null
curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"enableChakraWebhook\":true,\"chakraWebhookUrl\":\"http://127.0.0.1:$receiver_port/chakra\",
       \"whichChakraWebhookEventsToSend\":[\"message\",\"status\"]}" \
  "$base/v1/ext/plugin/whatsapp/$plugin/update-config" >/dev/null
team=$(sql -At -c "SELECT team_id FROM whatsapp_plugin WHERE id = '$plugin'")

# run_rate RATE SECONDS RUN: the outgoing messages the statuses refer to, PENDING, spread over 500 customers'
# chats, then one timed run at RATE.
run_rate() {
  local rate=$1 secs=$2 run=$3 out
  out=$(( rate * secs / 4 + rate ))
  sql <<SQL
INSERT INTO chat (team_id, plugin_id, whatsapp_phone_number_id, contact_identifier)
SELECT '$team', '$plugin', '$pnid', '9180' || lpad(g::text, 8, '0') FROM generate_series(0, 499) g
ON CONFLICT DO NOTHING;
INSERT INTO chat_message (team_id, chat_id, plugin_id, whatsapp_phone_number_id, contact_identifier, external_id,
    data_type, body, text, delivery_status, direction, source_type)
SELECT '$team', c.id, '$plugin', '$pnid', c.contact_identifier, 'wamid.bench-out-$run-' || g, 'text',
       '{"type":"text","text":{"body":"hi"}}', 'hi', 'PENDING', 'OUTBOUND', 'PASS_THROUGH'
FROM generate_series(0, $out - 1) g
JOIN chat c ON c.team_id = '$team' AND c.contact_identifier = '9180' || lpad((g % 500)::text, 8, '0')
           AND c.status = 'OPEN';
ANALYZE chat_message;
SQL
  "$JAVA" "$BENCH_DIR/src/InboundLoad.java" --url "$base" --app-secret "$secret" --waba "$waba" --pnid "$pnid" \
    --receiver-port "$receiver_port" --rate "$rate" --seconds "$secs" --drain 15 \
    --out-prefix "wamid.bench-out-$run-" --out-count "$out" --run "$run"
  # Where everything stands after the drain: nothing should be left but DELIVERED deliveries, and no notification
  # (a processed one is deleted). A delivery in flight is the head of a queue whose lease has not run out.
  echo "#   outbox: $(sql -At -F= -R' ' -c "SELECT d.status || CASE WHEN q.in_flight_until > now() THEN '(leased)'
       ELSE '' END, count(*) FROM webhook_delivery d LEFT JOIN webhook_queue q ON q.head_id = d.id GROUP BY 1 ORDER BY 1")"\
       "notifications: $(sql -At -F= -R' ' -c "SELECT status, count(*) FROM meta_notification GROUP BY 1 ORDER BY 1")"
}

echo "# inbound: $seconds s per rate; server on $(nproc) cores, receiver and load generator on the same machine"
# A server fresh from its start runs its first minute mostly in the JIT compiler: an untimed pass of the
# same mix first, so that the rates measure the server, not its warm-up.
echo "# warm-up (not a result): $(run_rate "${WARMUP_RATE:-300}" "${WARMUP_SECONDS:-30}" warm)"
sleep 2
for rate in $rates; do
  # BENCH_PROFILE: the server's JFR CPU profile and the statements' totals of each rate (lib.sh).
  profile_begin
  mark=$(cpu_mark)
  run_rate "$rate" "$seconds" "r$rate"
  cpu_per "inbound-rate$rate" $(( rate * seconds )) "$mark"
  profile_end "inbound-rate$rate"
  sleep 2
done
