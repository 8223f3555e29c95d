#!/usr/bin/env bash
# Campaign benchmark (issue 13): a broadcast of N recipients (default 100 000) on a number paced so that the
# campaign's own default cap (80 % of the number) is 1 000 messages/s, to a standalone Meta simulator that
# delivers statuses back. Measured, side by side in one run:
#   - the achieved sending rate, from Meta's side (first to last accepted message), against the pace;
#   - duplicates (recipients Meta got more than one message for) and missing recipients, both goal 0;
#   - the server's CPU (cores busy on average while sending) and heap (most used, sampled each second);
#   - an API send on the same number meanwhile: template sends at a fixed rate through the pass-through
#     endpoint, before the campaign (alone) and while it runs; the p99 they add is the difference.
# Usage: bench/campaign.sh [recipients=100000] [number_mps=1250] [probe_rate=20]
. "$(dirname "$0")/lib.sh"
recipients="${1:-100000}"; number_mps="${2:-1250}"; probe_rate="${3:-20}"
pace=$(( number_mps * 8 / 10 ))
command -v psql >/dev/null || { echo "needs psql (apt-get install postgresql-client)" >&2; exit 1; }
command -v jq >/dev/null || { echo "needs jq" >&2; exit 1; }

SIM_JAR="$ROOT/meta-simulator/target/openchakra-meta-simulator-0.1.0-SNAPSHOT-standalone.jar"
if [ ! -f "$SIM_JAR" ] || [ -n "$(find "$ROOT/meta-simulator/src/main" -newer "$SIM_JAR" -print -quit)" ]; then
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl meta-simulator package)
fi

start_bench_server
waba=102290129340398; number=106540352242922; meta_token=EAAB-bench; secret=s3cret
sim_port=$(free_port)
sim_log="$work/simulator.log"
# Statuses (sent, delivered) come back as Meta sends them: signed, in batches of up to 100, 8 in flight.
# Customers do not read (one status less per message); nobody here ever wrote, templates need no window.
"$JAVA" ${BENCH_SIM_JAVA_OPTS:-} -jar "$SIM_JAR" --port "$sim_port" --latency-ms 0 --waba "$waba" \
  --phone-number-id "$number" --display-phone-number 15550783881 --token "$meta_token" --app-secret "$secret" \
  --webhook-url "$base/webhooks/meta" --mps "$number_mps" --no-window --no-pair-limit --no-read \
  --webhook-concurrency 8 --webhook-batch 100 >"$sim_log" 2>&1 &
SIM_PID=$!
trap 'kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; kill "$STAT_PID" 2>/dev/null || true;
  stop_server; cp "$work/server.log" "$BENCH_DIR/last-server.log" 2>/dev/null; rm -rf "$work"' EXIT
STAT_PID=
sim="http://127.0.0.1:$sim_port"
until curl -sf "$sim/_sim/health" >/dev/null 2>&1; do
  kill -0 "$SIM_PID" 2>/dev/null || { echo "simulator exited; see $sim_log" >&2; cat "$sim_log" >&2; exit 1; }
  sleep 0.05
done

api() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
plugin=$(api -X POST -d "{\"name\": \"bench\", \"graphBaseUrl\": \"$sim\", \"accessToken\": \"$meta_token\",
  \"appSecret\": \"$secret\", \"wabas\": [{\"id\": \"$waba\", \"phoneNumbers\": [{\"id\": \"$number\",
  \"displayPhoneNumber\": \"+1 555-078-3881\", \"throughputMps\": $number_mps}]}]}" \
  "$base/v1/admin/plugins/whatsapp" | jq -r '._data.id')
[ -n "$plugin" ] && [ "$plugin" != null ] || { echo "could not create the plugin" >&2; exit 1; }
campaign=$(api -X POST -d "{\"name\": \"bench\", \"kind\": \"BROADCAST\", \"pluginId\": \"$plugin\",
  \"whatsappPhoneNumberId\": \"$number\", \"steps\": [{\"templateName\": \"hello_world\"}]}" \
  "$base/v1/admin/campaigns" | jq -r '._data.id')
[ -n "$campaign" ] && [ "$campaign" != null ] || { echo "could not create the campaign" >&2; exit 1; }

# The list: a CSV upload, added by a background job (each number gets its lead).
csv="$work/recipients.csv"
{ echo phoneNumber; seq -f '9170%08g' 0 $(( recipients - 1 )); } >"$csv"
t0=$(now_ms)
job=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' --data-binary "@$csv" \
  "$base/v1/admin/campaigns/$campaign/recipients" | jq -r '._data.backgroundJobId')
until [ "$(api "$base/v1/ext/background-job/$job" | jq -r '._data.completionStatus')" = COMPLETED ]; do sleep 1; done
t1=$(now_ms)
added=$(api "$base/v1/ext/background-job/$job" | jq -r '._data.result.added')
echo "recipients_added=$added list_seconds=$(( (t1 - t0) / 1000 ))"

probe_body='{"messaging_product": "whatsapp", "to": "+91990{seq}", "type": "template",
  "template": {"name": "hello_world", "language": {"code": "en_US"}}}'
probe() { # label seconds
  "$JAVA" "$BENCH_DIR/src/HttpLoad.java" --concurrency 32 --seconds "$2" --warmup 2 --rate "$probe_rate" \
    --method POST --label "$1" --url "$base/v1/ext/plugin/whatsapp/$plugin/api/v23.0/$number/messages" \
    --token "$token" --body "$probe_body" --distinct 1000000
}
probe "api-send-alone" 20

# CPU ticks of the server process (utime + stime, /proc), and its heap sampled each second (jstat).
ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
hz=$(getconf CLK_TCK)
"$JAVA_HOME/bin/jstat" -gc "$SERVER_PID" 1000 >"$work/jstat.log" 2>/dev/null &
STAT_PID=$!
cpu0=$(ticks); s0=$(now_ms)
api -X POST "$base/v1/admin/campaigns/$campaign/start" >/dev/null
# The probe runs for as long as the campaign should send (plus a little), so it measures sends beside it.
probe "api-send-during-campaign" $(( recipients / pace + 5 )) &
PROBE_PID=$!
until [ "$(curl -sf "$sim/_sim/outbox/summary?phone_number_id=$number" | jq -r '.sends')" -ge "$recipients" ]; do
  sleep 0.5
  [ $(( $(now_ms) - s0 )) -lt $(( recipients * 5 )) ] || { echo "campaign did not finish sending" >&2; break; }
done
cpu1=$(ticks); s1=$(now_ms)
wait "$PROBE_PID"
kill "$STAT_PID" 2>/dev/null || true
summary=$(curl -sf "$sim/_sim/outbox/summary?phone_number_id=$number")
sends=$(jq -r '.sends' <<<"$summary"); distinct=$(jq -r '.recipients' <<<"$summary")
twice=$(jq -r '.recipients_more_than_once' <<<"$summary")
first=$(jq -r '.first_received_at' <<<"$summary"); last=$(jq -r '.last_received_at' <<<"$summary")
span_ms=$(( $(date -d "$last" +%s%3N) - $(date -d "$first" +%s%3N) ))
heap_mb=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ {u = $3 + $4 + $6 + $8; if (u > m) m = u} END {printf "%.0f", m / 1024}' "$work/jstat.log")
cpu_cores=$(awk -v t="$(( cpu1 - cpu0 ))" -v hz="$hz" -v ms="$(( s1 - s0 ))" 'BEGIN {printf "%.2f", t / hz / (ms / 1000)}')
echo "sends=$sends recipients=$recipients distinct=$distinct duplicates=$twice missing=$(( recipients - distinct ))"
awk -v n="$sends" -v ms="$span_ms" -v pace="$pace" 'BEGIN {
  printf "send_seconds=%.1f rate=%.0f/s pace=%d/s ideal_seconds=%.1f off_by=%.1f%%\n",
    ms / 1000, n / (ms / 1000), pace, n / pace, (ms / 1000 - n / pace) / (n / pace) * 100 }'
echo "server_cpu_cores=$cpu_cores server_heap_max_mb=$heap_mb"

# What the server recorded: each recipient completed once, each message one chat message with Meta's wamid.
until [ "$(api "$base/v1/admin/campaigns/$campaign" | jq -r '._data.status')" = COMPLETED ]; do sleep 1; done
api "$base/v1/admin/campaigns/$campaign" | jq -c '._data.counts'
pg_port=$(sed -n 4p "$work/data/postgres/postmaster.pid")
[ -f "$work/data/postgres.password" ] && export PGPASSWORD=$(cat "$work/data/postgres.password")
psql -h localhost -p "$pg_port" -U postgres -d postgres -tAc "SELECT 'attempts_sent=' || count(*) FILTER (WHERE status = 'SENT')
  || ' attempts_other=' || count(*) FILTER (WHERE status <> 'SENT') || ' retried=' || count(*) FILTER (WHERE tries > 1)
  FROM campaign_attempt WHERE campaign_id = '$campaign'"
[ "$twice" = 0 ] && [ "$distinct" = "$recipients" ] || { echo "FAILED: duplicates or missing recipients" >&2; exit 1; }
