#!/usr/bin/env bash
# Startup time of the server, embedded PostgreSQL included: from launching the jar to the first 200
# from /actuator/health. "first" is a fresh data dir (initdb, migrations, first-start bootstrap);
# "restart" is the same data dir again. Usage: bench/startup.sh [runs=3]
. "$(dirname "$0")/lib.sh"
runs="${1:-3}"
ensure_jar
work=$(mktemp -d)
trap 'stop_server; rm -rf "$work"' EXIT
for i in $(seq 1 "$runs"); do
  data="$work/data-$i"; port=$(free_port); log="$work/server-$i.log"
  t0=$(now_ms); start_server "$data" "$port" "$log"; first=$(( $(now_ms) - t0 ))
  stop_server
  t0=$(now_ms); start_server "$data" "$port" "$log"; restart=$(( $(now_ms) - t0 ))
  stop_server
  echo "run=$i first_start_ms=$first restart_ms=$restart"
done
