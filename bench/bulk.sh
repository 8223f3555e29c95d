#!/usr/bin/env bash
# Bulk jobs benchmark (issue 4). Per run: one bulk create of N leads (flat items: lead_id, name, phone,
# email), timed from the request to the job's COMPLETED; then one bulk update of the same N leads by
# primary key (new name and state), timed the same way. Prints the time to the answer (request
# validated and stored), to COMPLETED, and processes per second, for each.
# Usage: bench/bulk.sh [items=100000] [runs=3]
. "$(dirname "$0")/lib.sh"
n="${1:-100000}"; runs="${2:-3}"
start_bench_server
bodies="$work/bodies"; mkdir -p "$bodies"

# make_bodies RUN: the create and update bodies of one run, with keys and phone numbers of their own.
make_bodies() {
  python3 - "$n" "$1" "$bodies" <<'PY'
import json, sys
n, run, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
creates = [{"lead_id": f"B{run}-{i}", "name": f"Lead {i}", "phone_number": f"9{run}{i:08d}",
            "data": {"email": f"lead{i}@example.com"}} for i in range(n)]
updates = {"processes": [{"lead_id": f"B{run}-{i}", "update": {"data": {"name": f"Lead {i} updated"},
                                                               "state": "IN_PROGRESS"}} for i in range(n)]}
json.dump(creates, open(f"{out}/create-{run}.json", "w"))
json.dump(updates, open(f"{out}/update-{run}.json", "w"))
PY
}

# timed_job LABEL METHOD PATH BODY_FILE: sends the request, waits for COMPLETED, prints one line. The end
# is the job's own completedAt (same machine clock), so the polling interval adds nothing to the number;
# polling is slow because each look at the job counts its entries.
timed_job() {
  local label="$1" method="$2" path="$3" file="$4" t0 t1 t2 job status counts
  t0=$(now_ms)
  job=$(curl -sf -X "$method" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data-binary "@$file" "$base$path" | python3 -c 'import json,sys; print(json.load(sys.stdin)["_data"]["id"])')
  t1=$(now_ms)
  while :; do
    status=$(curl -sf -H "Authorization: Bearer $token" "$base/v1/ext/background-job/$job")
    case "$status" in *'"completionStatus":"COMPLETED"'*|*'"completionStatus":"FAILED"'*) break ;; esac
    sleep 0.5
  done
  t2=$(printf '%s' "$status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["_data"]["completedAt"])')
  counts=$(printf '%s' "$status" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["_meta"]["bjEntryCompletionStatusVsCount"], separators=(",",":")))')
  echo "label=$label items=$n answer_ms=$((t1 - t0)) completed_ms=$((t2 - t0)) per_s=$(( n * 1000 / (t2 - t0) )) counts=$counts"
}

for run in $(seq 1 "$runs"); do
  make_bodies "$run"
  timed_job "bulk-create-run$run" POST /v1/ext/procedure/lead/process/bulk-create "$bodies/create-$run.json"
  timed_job "bulk-update-run$run" PATCH /v1/ext/procedure/lead/process "$bodies/update-$run.json"
done
