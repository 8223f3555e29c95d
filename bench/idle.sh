#!/usr/bin/env bash
# Idle cost (issue 15): a server with no traffic, on a fresh data dir, after WAIT seconds (default 60): the share
# of one core that the server and PostgreSQL (postmaster and every backend) use over SECONDS (default 60).
# BENCH_JAR selects another build (e.g. main's before a change), so two builds can be measured side by side.
# BENCH_PROFILE=DIR also records what woke up meanwhile (JFR, pg_stat_statements, and the CPU ticks of each
# server thread and PostgreSQL process) into DIR/idle.txt; the profile itself costs CPU, so compare its calls
# and ticks, not its share.
# Usage: bench/idle.sh [wait=60] [seconds=60]
. "$(dirname "$0")/lib.sh"
wait_secs="${1:-60}"; secs="${2:-60}"

# thread_ticks: "name ticks" of each server thread and each PostgreSQL process (with its reaped children), those
# of one name added up (a name's digits dropped: pool-3-thread-7 counts as pool-thread-).
thread_ticks() {
  local t
  {
    for t in /proc/"$SERVER_PID"/task/*; do cat "$t/stat" 2>/dev/null | sed 's/^/server /' || true; done
    for t in $(pg_pid) $(pgrep -P "$(pg_pid)" 2>/dev/null || true); do
      cat "/proc/$t/stat" 2>/dev/null | sed 's/^/pg /' || true
    done
  } | awk '{ kind = $1; n = $0; sub(/^[^(]*\(/, "", n); sub(/\) [^)]*$/, "", n); gsub(/[0-9]+/, "", n); gsub(/ /, "_", n)
             rest = $0; sub(/.*\) /, "", rest); split(rest, f, " ")
             t[kind ":" n] += f[12] + f[13] + (kind == "pg" ? f[14] + f[15] : 0) }
           END { for (k in t) print k, t[k] }'
}

start_bench_server
sleep "$wait_secs"
if [ -n "${BENCH_PROFILE:-}" ]; then
  profile_begin
  thread_ticks >"$BENCH_PROFILE/threads-before.txt"
fi
idle_cpu "$secs"
if [ -n "${BENCH_PROFILE:-}" ]; then
  thread_ticks >"$BENCH_PROFILE/threads-after.txt"
  profile_end idle
  # Ticks (10 ms) each thread or process used over the window, by name (threads of one name added up).
  {
    echo "# idle: CPU ticks per server thread / PostgreSQL process over the window"
    awk 'NR == FNR { b[$1] = $2; next } { d = $2 - b[$1]; if (d > 0) print d, $1 }' \
      "$BENCH_PROFILE/threads-before.txt" "$BENCH_PROFILE/threads-after.txt" | sort -rn
  } >>"$BENCH_PROFILE/idle.txt"
fi
