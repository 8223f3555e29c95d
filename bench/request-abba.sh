#!/usr/bin/env bash
# The request path of two builds, alternated A B B A so that a build's place in the run cannot pass for a
# difference between builds: per round, a fresh server, 10 s of warm-up, then GET /v1/health, a single process
# create and /v1/health again, each at 32 clients for `seconds`.
# Usage: bench/request-abba.sh JAR_A JAR_B [seconds=10]
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 JAR_A JAR_B [seconds]" >&2; exit 2; }
a="$(realpath "$1")"; b="$(realpath "$2")"; seconds="${3:-10}"
round() {
  ( export BENCH_JAR="$1"; . "$(dirname "$0")/lib.sh"; start_bench_server; start_http_load
    echo "jar=$(basename "$1") load=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' /)"
    load() { http_load --concurrency 32 --seconds "$seconds" "$@"; }
    load --label warm-up --url "$base/v1/health" --token "$token" >/dev/null
    load --label health-32 --url "$base/v1/health" --token "$token"
    load --label create-32 --method POST --url "$base/v1/ext/procedure/lead/process" --token "$token" \
      --body '{"data": {"name": "Bench lead", "email": "bench@example.com"}}'
    load --label health-32-again --url "$base/v1/health" --token "$token" )
}
for jar in "$a" "$b" "$b" "$a"; do round "$jar"; done
