#!/usr/bin/env bash
# Pass-through send benchmark (issue 5): text messages through OpenChakra to a standalone Meta simulator
# with zero latency, against the same load sent straight to the simulator, side by side in one run:
#   1. closed loop at N clients (default 64): the most sends per second each path sustains;
#   2. open loop at fixed rates (default 2000/s, the goal, and 200/s, N clients at most in flight): latency at
#      that rate; the difference between the two paths' percentiles is what OpenChakra adds;
#   3. GET /v1/health at N clients, for scale: every authenticated request pays its token and bucket.
# Afterwards every send OpenChakra answered 200 must be a chat_message row.
# Usage: bench/send.sh [clients=64] [seconds=10] [rates="2000 200"]
. "$(dirname "$0")/lib.sh"
clients="${1:-64}"; seconds="${2:-10}"; rates="${3:-2000 200}"
command -v psql >/dev/null || { echo "needs psql (apt-get install postgresql-client)" >&2; exit 1; }

start_bench_server
waba=102290129340398; number=106540352242922; meta_token=EAAB-bench
# No webhook URL (nothing to receive statuses yet), no reads: the simulator does only what a send needs.
start_simulator --latency-ms 0 --waba "$waba" \
  --phone-number-id "$number" --display-phone-number 15550783881 --token "$meta_token" --app-secret s3cret \
  --no-window --no-pair-limit --no-throughput-limit --no-read

api() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
# The window check off (customers here never wrote), and a number paced far above what is offered.
api -X PUT -d '{"enforceCustomerServiceWindow": false}' "$base/v1/admin/team" >/dev/null
plugin=$(api -X POST -d "{\"name\": \"bench\", \"graphBaseUrl\": \"$sim\", \"accessToken\": \"$meta_token\",
  \"appSecret\": \"s3cret\", \"wabas\": [{\"id\": \"$waba\", \"phoneNumbers\": [{\"id\": \"$number\",
  \"displayPhoneNumber\": \"+1 555-078-3881\", \"throughputMps\": 10000}]}]}" "$base/v1/admin/plugins/whatsapp" \
  | sed -n 's/.*"_data":{"id":"\([^"]*\)".*/\1/p')
[ -n "$plugin" ] || { echo "could not create the plugin" >&2; exit 1; }

# 10 000 customers, so that sends do not all queue on one chat row.
body='{"messaging_product": "whatsapp", "recipient_type": "individual", "to": "+91987650{seq}", "type": "text",
  "text": {"preview_url": false, "body": "Your order #4711 has shipped and arrives on Monday."}}'
direct="$sim/v23.0/$number/messages"
through="$base/v1/ext/plugin/whatsapp/$plugin/api/v23.0/$number/messages"
ok_through=0
start_http_load
# CPU per request of the server, PostgreSQL and the simulator over each load; the load generator reports its own
# (cpu_ms, over its warm-up and the measurement).
CPU_OTHER_PIDS=("$SIM_PID")
load() { # label url token [more HttpLoad options]; counts OpenChakra's 200s for the check at the end
  local label="$1" url="$2" tok="$3" line mark ok
  shift 3
  mark=$(cpu_mark "${CPU_OTHER_PIDS[@]}")
  line=$(http_load --concurrency "$clients" --seconds "$seconds" --method POST \
    --label "$label" --url "$url" --token "$tok" --body "$body" --distinct 10000 "$@")
  echo "$line"
  ok=$(sed -n 's/.*ok_total=\([0-9]*\).*/\1/p' <<<"$line")
  cpu_per "$label" "$ok" "$mark" simulator | with_loadgen "$line" "$ok"
  if [ "$url" = "$through" ]; then ok_through=$(( ok_through + ok )); fi
}
with_loadgen() { # appends the load generator's CPU per request (from its line) to cpu_per's line
  local cpu
  cpu=$(sed -n 's/.*cpu_ms=\([0-9]*\).*/\1/p' <<<"$1")
  awk -v c="$cpu" -v n="$2" '{ printf "%s loadgen_ms=%.3f\n", $0, (n > 0 ? c / n : 0) }'
}
# The server's JIT needs a while under this load before its numbers mean anything: warm both paths first, as
# long each, one after the other. 20 s was too short: the server's CPU per send still fell by half from the first
# measured round to the second, and by half again after 40-50 s (bench/README.md, "Sends, third pass").
# BENCH_WARMUP=<seconds> sets it.
warmup="${BENCH_WARMUP:-40}"
load "warmup-direct" "$direct" "$meta_token" --seconds "$warmup"
load "warmup-through" "$through" "$token" --seconds "$warmup"
for round in 1 2; do
  load "direct-closed(round$round)" "$direct" "$meta_token"
  [ "$round" = 1 ] && profile_begin
  load "through-closed(round$round)" "$through" "$token"
  [ "$round" = 1 ] && profile_end send-through-closed
done
# One round per rate (BENCH_RATE_ROUNDS=2 for two, as before 2026-12-06's third pass), to keep a run short.
for rate in $rates; do
  [ "$rate" = none ] && continue
  for round in $(seq 1 "${BENCH_RATE_ROUNDS:-1}"); do
    load "direct-rate$rate(round$round)" "$direct" "$meta_token" --rate "$rate"
    load "through-rate$rate(round$round)" "$through" "$token" --rate "$rate"
  done
done
mark=$(cpu_mark "${CPU_OTHER_PIDS[@]}")
line=$(http_load --concurrency "$clients" --seconds "$seconds" --label "health" --url "$base/v1/health" --token "$token")
echo "$line"
ok=$(sed -n 's/.*ok_total=\([0-9]*\).*/\1/p' <<<"$line")
cpu_per health "$ok" "$mark" simulator | with_loadgen "$line" "$ok"

pg_port=$(sed -n 4p "$work/data/postgres/postmaster.pid")
[ -f "$work/data/postgres.password" ] && export PGPASSWORD=$(cat "$work/data/postgres.password")
recorded=$(psql -h localhost -p "$pg_port" -U postgres -d postgres -tAc \
  "SELECT count(*) FROM chat_message WHERE delivery_status = 'SENT'")
echo "sends_ok=$ok_through chat_messages_sent=$recorded"
[ "$recorded" = "$ok_through" ] || { echo "MISMATCH: every accepted send must be recorded" >&2; exit 1; }
