#!/usr/bin/env bash
# On time (issue 15, idle): on a server otherwise idle, ROUNDS broadcasts of N recipients, each scheduled for
# LEAD_MS ahead, one after the other, to a standalone Meta simulator. Per round: how late after its startAt the
# first message reached Meta, and how long after the last one the broadcast was COMPLETED. BENCH_JAR selects
# another build, so that two can be compared in one run.
# Usage: bench/clock.sh [rounds=5] [recipients=20] [lead_ms=5000]
. "$(dirname "$0")/lib.sh"
rounds="${1:-5}"; recipients="${2:-20}"; lead_ms="${3:-5000}"
command -v jq >/dev/null || { echo "needs jq" >&2; exit 1; }

start_bench_server
waba=102290129340398; number=106540352242922; meta_token=EAAB-bench; secret=s3cret
start_simulator --latency-ms 0 --waba "$waba" --phone-number-id "$number" --display-phone-number 15550783881 \
  --token "$meta_token" --app-secret "$secret" --webhook-url "$base/webhooks/meta" --no-window --no-pair-limit \
  --no-read
api() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
plugin=$(api -X POST -d "{\"name\": \"bench\", \"graphBaseUrl\": \"$sim\", \"accessToken\": \"$meta_token\",
  \"appSecret\": \"$secret\", \"wabas\": [{\"id\": \"$waba\", \"phoneNumbers\": [{\"id\": \"$number\",
  \"displayPhoneNumber\": \"+1 555-078-3881\", \"throughputMps\": 1000}]}]}" \
  "$base/v1/admin/plugins/whatsapp" | jq -r '._data.id')
[ -n "$plugin" ] && [ "$plugin" != null ] || { echo "could not create the plugin" >&2; exit 1; }
ms() { date -d "$1" +%s%3N; }

for round in $(seq "$rounds"); do
  prefix="91$(( 70 + round ))"
  start_at=$(( $(now_ms) + lead_ms ))
  campaign=$(api -X POST -d "{\"name\": \"clock $round\", \"kind\": \"BROADCAST\", \"pluginId\": \"$plugin\",
    \"whatsappPhoneNumberId\": \"$number\", \"steps\": [{\"templateName\": \"hello_world\"}],
    \"start\": true, \"startAt\": $start_at}" "$base/v1/admin/campaigns" | jq -r '._data.id')
  [ -n "$campaign" ] && [ "$campaign" != null ] || { echo "could not create the campaign" >&2; exit 1; }
  list=$(seq -f "{\"phoneNumber\": \"${prefix}%08g\"}" 0 $(( recipients - 1 )) | paste -sd, -)
  api -X POST -d "{\"recipients\": [$list]}" "$base/v1/admin/campaigns/$campaign/recipients" >/dev/null
  deadline=$(( start_at + 60000 ))
  until [ "$(api "$base/v1/admin/campaigns/$campaign" | jq -r '._data.status')" = COMPLETED ]; do
    if [ "$(now_ms)" -ge "$deadline" ]; then
      echo "round $round: not COMPLETED a minute after its start" >&2
      api "$base/v1/admin/campaigns/$campaign" | jq -c '._data | {status, statusMessage, counts}' >&2
      psql_bench -c "SELECT task_name, task_instance, execution_time, picked FROM scheduled_tasks" >&2
      break
    fi
    sleep 0.05
  done
  summary=$(curl -sf "$sim/_sim/outbox/summary?phone_number_id=$number&wa_id_prefix=$prefix")
  completed=$(api "$base/v1/admin/campaigns/$campaign" | jq -r '._data.completedAt')
  first=$(ms "$(jq -r '.first_received_at' <<<"$summary")"); last=$(ms "$(jq -r '.last_received_at' <<<"$summary")")
  echo "round=$round sends=$(jq -r '.sends' <<<"$summary") first_send_after_start_at_ms=$(( first - start_at ))" \
    "completed_after_last_send_ms=$(( completed - last )) load=$(cut -d' ' -f1 /proc/loadavg)"
done
