#!/usr/bin/env bash
# What authentication and the PostgreSQL-backed rate limit cost per request: GET /actuator/health (no
# token, no limit) against GET /v1/health (token lookup + Bucket4j bucket), side by side in one run,
# alternating, at the same concurrency. Usage: bench/auth-overhead.sh [concurrency=32] [seconds=10]
. "$(dirname "$0")/lib.sh"
concurrency="${1:-32}"; seconds="${2:-10}"
start_bench_server
load() { "$JAVA" "$BENCH_DIR/src/HttpLoad.java" --concurrency "$concurrency" --seconds "$seconds" "$@"; }
for round in 1 2; do
  load --label "actuator-health(round$round)" --url "$base/actuator/health"
  load --label "v1-health(round$round)" --url "$base/v1/health" --token "$token"
done
