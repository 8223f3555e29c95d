#!/usr/bin/env bash
# Idle cost (issue 15): a server with no traffic, on a fresh data dir, after WAIT seconds (default 60): the share
# of one core that the server and PostgreSQL (postmaster and every backend) use over SECONDS (default 60).
# BENCH_JAR selects another build (e.g. main's before a change), so two builds can be measured side by side.
# Usage: bench/idle.sh [wait=60] [seconds=60]
. "$(dirname "$0")/lib.sh"
wait_secs="${1:-60}"; secs="${2:-60}"
start_bench_server
sleep "$wait_secs"
idle_cpu "$secs"
