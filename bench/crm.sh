#!/usr/bin/env bash
# CRM benchmark (issue: CRM core). Loads N processes (default 1 000 000) of one team straight into the
# database, then measures through the HTTP API: four list queries (p50/p99), and single-process create
# throughput at 32 clients against GET /v1/health throughput in the same run.
# Usage: bench/crm.sh [processes=1000000] [seconds=10]
. "$(dirname "$0")/lib.sh"
n="${1:-1000000}"; seconds="${2:-10}"
command -v psql >/dev/null || { echo "needs psql (apt-get install postgresql-client)" >&2; exit 1; }
start_bench_server
api() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
api -X POST -d '{"shortId":"deal","states":[{"shortId":"OPEN_D"},{"shortId":"WON"}],"completedState":"WON",
  "primaryKey":"code","attributes":[{"shortId":"code","type":"string"},{"shortId":"city","type":"string"},
  {"shortId":"amount","type":"integer"}]}' "$base/v1/admin/procedures" >/dev/null

pg_port=$(sed -n 4p "$work/data/postgres/postmaster.pid")
[ -f "$work/data/postgres.password" ] && export PGPASSWORD=$(cat "$work/data/postgres.password")
sql() { psql -q -h localhost -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
# The attribute indexes are built in the background after the procedure commits; wait for them.
deadline=$(( $(date +%s) + 120 ))
until [ "$(sql -tAc "SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'process_t_city_%' OR indexname LIKE 'process_n_amount_%'")" = 2 ]; do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "attribute indexes not built; see the server log:" >&2; grep -i index "$work/server.log" >&2; exit 1; }
  sleep 0.2
done

t0=$(now_ms)
sql <<SQL
INSERT INTO process (team_id, procedure_id, status, state, data, pk_value, created_at, updated_at)
SELECT p.team_id, p.id, 'OPEN', 'OPEN_D',
       jsonb_build_object('code', 'D-' || i, 'city', 'city-' || (i % 100), 'amount', (i::bigint * 7919) % 1000000),
       'D-' || i, ts, ts
FROM procedure p, generate_series(1, $n) AS i,
     LATERAL (SELECT date_trunc('milliseconds', now() - make_interval(secs => i)) AS ts) t
WHERE p.short_id = 'deal';
ANALYZE process;
SQL
echo "loaded=$n load_ms=$(( $(now_ms) - t0 ))"

now=$(date +%s%3N); day=86400000
list() { # concurrency, label, where-json
  "$JAVA" "$BENCH_DIR/src/HttpLoad.java" --concurrency "$1" --seconds "$seconds" --label "$2-c$1" --method POST \
    --url "$base/v1/ext/procedure/deal/process/list" --token "$token" --body "{\"where\": $3}"
}
for c in 1 4; do
  list "$c" "list-eq-attribute"  '{"city": "city-42"}'
  list "$c" "list-range-number"  '{"amount": {">=": 500000, "<": 510000}}'
  list "$c" "list-range-createdAt" "{\"createdAt\": {\">=\": $(( now - 3*day )), \"<\": $(( now - 2*day ))}}"
  list "$c" "list-or-attributes" '{"or": [{"city": "city-7"}, {"amount": {"<": 5000}}]}'
done

load() { "$JAVA" "$BENCH_DIR/src/HttpLoad.java" --concurrency 32 --seconds "$seconds" "$@"; }
load --label "health-32" --url "$base/v1/health" --token "$token"
load --label "create-32" --method POST --url "$base/v1/ext/procedure/lead/process" --token "$token" \
  --body '{"data": {"name": "Bench lead", "email": "bench@example.com"}}'
load --label "health-32-again" --url "$base/v1/health" --token "$token"
