#!/usr/bin/env bash
# Campaign benchmark (issue 13): a broadcast of N recipients (default 100 000) on a number whose throughput is
# set so that the campaign's default pace (80 % of the number) is 1 000 messages/s, to a standalone Meta
# simulator that sends the statuses back. Measured, side by side in one run:
#   - the achieved sending rate, from Meta's side (first to last accepted campaign message), against the pace;
#   - duplicates (recipients Meta got more than one message for) and missing recipients: goal 0 and 0;
#   - the server's CPU (cores busy on average while sending; PostgreSQL's beside it) and heap (the most used,
#     sampled each second);
#   - API sends on the same number meanwhile: template sends at a fixed rate through the pass-through
#     endpoint, alone before the campaign and while it runs; the p99 they add is the difference.
# Usage: bench/campaign.sh [recipients=100000] [number_mps=1250] [probe_rate=20]
. "$(dirname "$0")/lib.sh"
recipients="${1:-100000}"; number_mps="${2:-1250}"; probe_rate="${3:-20}"
pace=$(( number_mps * 8 / 10 ))
command -v psql >/dev/null || { echo "needs psql (apt-get install postgresql-client)" >&2; exit 1; }
command -v jq >/dev/null || { echo "needs jq" >&2; exit 1; }

start_bench_server
waba=102290129340398; number=106540352242922; meta_token=EAAB-bench; secret=s3cret
# Meta's side limits the number to number_mps too (a campaign above it would see 130429). Statuses (sent,
# delivered) come back as Meta sends them: signed, in batches of up to 100, 8 in flight. Customers do not read
# (one status less per message) and never wrote (templates need no window).
start_simulator --latency-ms 0 --waba "$waba" --phone-number-id "$number" --display-phone-number 15550783881 \
  --token "$meta_token" --app-secret "$secret" --webhook-url "$base/webhooks/meta" --mps "$number_mps" \
  --no-window --no-pair-limit --no-read --webhook-concurrency 8 --webhook-batch 100
# The campaign's recipients and the API sends' are told apart by their first digits.
campaign_prefix=9170; probe_prefix=919900
summary() { curl -sf "$sim/_sim/outbox/summary?phone_number_id=$number&wa_id_prefix=$1"; }

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

# The list: one CSV upload, added by a background job (each number gets its lead).
csv="$work/recipients.csv"
{ echo phoneNumber; seq -f "${campaign_prefix}%08g" 0 $(( recipients - 1 )); } >"$csv"
t0=$(now_ms)
answer=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' --data-binary "@$csv" \
  "$base/v1/admin/campaigns/$campaign/recipients")
job=$(jq -r '._data.backgroundJobId' <<<"$answer")
if [ "$job" != null ]; then
  until [ "$(api "$base/v1/ext/background-job/$job" | jq -r '._data.completionStatus')" = COMPLETED ]; do sleep 1; done
  added=$(api "$base/v1/ext/background-job/$job" | jq -r '._data.result.added')
else
  added=$(jq -r '._data.added' <<<"$answer")
fi
echo "recipients_added=$added list_seconds=$(( ($(now_ms) - t0) / 1000 ))"

probe_body="{\"messaging_product\": \"whatsapp\", \"to\": \"+${probe_prefix}0{seq}\", \"type\": \"template\",
  \"template\": {\"name\": \"hello_world\", \"language\": {\"code\": \"en_US\"}}}"
probe() { # label seconds
  "$JAVA" "$BENCH_DIR/src/HttpLoad.java" --concurrency 32 --seconds "$2" --warmup 2 --rate "$probe_rate" \
    --method POST --label "$1" --url "$base/v1/ext/plugin/whatsapp/$plugin/api/v23.0/$number/messages" \
    --token "$token" --body "$probe_body" --distinct 1000000
}
probe "api-send-alone" 20

# The server's heap, sampled each second (jstat: S0U + S1U + EU + OU, in KB).
"$JAVA_HOME/bin/jstat" -gc "$SERVER_PID" 1000 >"$work/jstat.log" 2>/dev/null &
JSTAT_PID=$!
server0=$(proc_ticks "$SERVER_PID"); pg0=$(tree_ticks "$(pg_pid)"); s0=$(now_ms)
# BENCH_PROFILE=DIR: a JFR recording (CPU, locks, parks, GC) of the campaign with the API sends beside it.
profile_begin
api -X POST "$base/v1/admin/campaigns/$campaign/start" >/dev/null
# The probe runs as long as the campaign should send, so it measures API sends beside it.
probe "api-send-during-campaign" $(( recipients / pace )) &
PROBE_PID=$!
until [ "$(summary "$campaign_prefix" | jq -r '.sends')" -ge "$recipients" ] \
  || [ "$(api "$base/v1/admin/campaigns/$campaign" | jq -r '._data.status')" = COMPLETED ]; do
  sleep 0.5
  [ $(( $(now_ms) - s0 )) -lt $(( recipients * 5 + 60000 )) ] || { echo "the campaign did not finish sending" >&2; break; }
done
# Where the recipients and their attempts stand (all COMPLETED and SENT when it went well).
ledger() {
  psql_bench -tAc "SELECT 'recipients ' || string_agg(status || coalesce('/' || reason, '') || '=' || n, ' ')
    FROM (SELECT status, reason, count(*) AS n FROM campaign_recipient WHERE campaign_id = '$campaign' GROUP BY 1, 2) r"
  psql_bench -tAc "SELECT 'attempts ' || string_agg(status || coalesce('/' || error_code, '') || ' tries ' || tries
    || '=' || n, ' ') FROM (SELECT status, error_code, tries, count(*) AS n FROM campaign_attempt
    WHERE campaign_id = '$campaign' GROUP BY 1, 2, 3) a"
}
server1=$(proc_ticks "$SERVER_PID"); pg1=$(tree_ticks "$(pg_pid)"); s1=$(now_ms)
wait "$PROBE_PID"
kill "$JSTAT_PID" 2>/dev/null || true
profile_end campaign

result=$(summary "$campaign_prefix")
sends=$(jq -r '.sends' <<<"$result"); distinct=$(jq -r '.recipients' <<<"$result")
twice=$(jq -r '.recipients_more_than_once' <<<"$result")
span_ms=$(( $(date -d "$(jq -r '.last_received_at' <<<"$result")" +%s%3N) \
  - $(date -d "$(jq -r '.first_received_at' <<<"$result")" +%s%3N) ))
echo "sends=$sends recipients=$recipients distinct=$distinct duplicates=$twice missing=$(( recipients - distinct ))"
awk -v n="$sends" -v ms="$span_ms" -v pace="$pace" 'BEGIN {
  printf "send_seconds=%.1f rate=%.0f/s pace=%d/s ideal_seconds=%.1f off_by=%.1f%%\n",
    ms / 1000, n / (ms / 1000), pace, n / pace, (ms / 1000 - n / pace) / (n / pace) * 100 }'
heap_mb=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ {u = $3 + $4 + $6 + $8; if (u > m) m = u} END {printf "%.0f", m / 1024}' \
  "$work/jstat.log")
awk -v s="$(( server1 - server0 ))" -v p="$(( pg1 - pg0 ))" -v t="$CLK_TCK" -v ms="$(( s1 - s0 ))" \
  -v heap="$heap_mb" -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
  printf "server_cpu_cores=%.2f postgres_cpu_cores=%.2f server_heap_max_used_mb=%d load=%s\n",
    s / t / (ms / 1000), p / t / (ms / 1000), heap, load }'
echo "api_sends_at_meta=$(summary "$probe_prefix" | jq -r '.sends')"

# What the server recorded: each recipient COMPLETED, each attempt SENT (tries > 1: Meta refused it for now).
for _ in $(seq 60); do
  [ "$(api "$base/v1/admin/campaigns/$campaign" | jq -r '._data.status')" = COMPLETED ] && break
  sleep 1
done
api "$base/v1/admin/campaigns/$campaign" | jq -c '._data | {status, counts}'
ledger
[ "$twice" = 0 ] && [ "$distinct" = "$recipients" ] || { echo "FAILED: duplicates or missing recipients" >&2; exit 1; }
