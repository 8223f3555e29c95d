#!/usr/bin/env bash
# Idle cost (issue 15): a server with no traffic, on a fresh data dir, after WAIT seconds (default 60): the share
# of one core that the server and PostgreSQL (postmaster and every backend) use over SECONDS (default 60).
# BENCH_JAR selects another build (e.g. main's before a change), so two builds can be measured side by side.
# BENCH_PROFILE=DIR also records what woke up meanwhile (JFR, pg_stat_statements, and the CPU ticks of each
# server thread and PostgreSQL process) into DIR/idle.txt; the profile itself costs CPU, so compare its calls
# and ticks, not its share.
# ROUNDS (default 1) windows of SECONDS follow one another, one line each, so that one run shows the JIT's share
# fading into the steady state (e.g. idle.sh 60 60 5: minutes 2 to 6 after start); a profile covers the last one, and
# each round's CPU per thread goes to DIR/threads-round-N.txt. BENCH_STATEMENTS=no leaves pg_stat_statements out
# (enabling it restarts the server, which hides what a fresh one does in its first minutes).
# Usage: bench/idle.sh [wait=60] [seconds=60] [rounds=1]
. "$(dirname "$0")/lib.sh"
wait_secs="${1:-60}"; secs="${2:-60}"; rounds="${3:-1}"

# thread_ticks: "name ms wakeups" of each server thread and each PostgreSQL process, those of one name added up (a
# name's digits dropped: pool-3-thread-7 counts as pool-thread-). ms is the CPU time from /proc/.../schedstat (in
# nanoseconds, unlike the 10 ms ticks of /proc/.../stat, which miss short wake-ups or charge them whole); wakeups
# counts the times it was put on a core. A PostgreSQL process's reaped children (autovacuum workers) add their
# ticks to its ms.
thread_ticks() {
  local t
  {
    for t in /proc/"$SERVER_PID"/task/*; do
      echo "server $(cat "$t/schedstat" 2>/dev/null || echo 0 0 0) $(cat "$t/stat" 2>/dev/null)" || true
    done
    # A PostgreSQL process by what its title says: "postgres: checkpointer", "postgres: postgres postgres
    # 127.0.0.1(port) idle" (a backend; its address and state dropped).
    for t in $(pg_pid) $(pgrep -P "$(pg_pid)" 2>/dev/null || true); do
      echo "pg $(cat "/proc/$t/schedstat" 2>/dev/null || echo 0 0 0) $(tr '\0' ' ' <"/proc/$t/cmdline" 2>/dev/null \
        | sed -E 's/^postgres: //; s/^\/.*/postmaster/; s/ [0-9.]+\([0-9]+\).*//; s/^(.{0,40}).*/\1/; s/[() ]+/_/g; s/_$//') \
        $(cat "/proc/$t/stat" 2>/dev/null)" || true
    done
  } | awk -v tck="$CLK_TCK" '
        NF > 4 { kind = $1; run = $2; slices = $4; n = $0; sub(/^[^(]*\(/, "", n); sub(/\) [^)]*$/, "", n)
                 if (kind == "pg") n = $5
                 gsub(/[0-9]+/, "", n); gsub(/ /, "_", n)
                 rest = $0; sub(/.*\) /, "", rest); split(rest, f, " ")
                 k = kind ":" n; ms[k] += run / 1e6 + (kind == "pg" ? (f[14] + f[15]) * 1000 / tck : 0); w[k] += slices }
        END { for (k in ms) printf "%s %.1f %d\n", k, ms[k], w[k] }'
}

# thread_delta BEFORE AFTER: CPU ms and wake-ups of each thread or process between two thread_ticks, by name
# (threads of one name added up); a thread that ended meanwhile is left out, one that began counts whole.
thread_delta() {
  awk 'NR == FNR { b[$1] = $2; c[$1] = $3; next }
       { d = $2 - b[$1]; if (d > 0.05) printf "%8.1f ms %6d wakeups  %s\n", d, $3 - c[$1], $1 }' "$1" "$2" | sort -rn
}
# pg_activity: what PostgreSQL did since it started (checkpoints, autovacuum and analyze runs), one line; each
# round's profile shows it at the round's end, so a round's periodic work (a checkpoint) can be told.
pg_activity() {
  psql_bench -At -c "SELECT 'checkpoints timed=' || num_timed || ' requested=' || num_requested || ' done=' || num_done
      || ' buffers=' || buffers_written FROM pg_stat_checkpointer" \
    -c "SELECT 'autovacuum=' || coalesce(sum(autovacuum_count), 0) || ' autoanalyze=' || coalesce(sum(autoanalyze_count), 0)
      FROM pg_stat_all_tables" 2>/dev/null | tr '\n' ' '
  echo
}

start_bench_server
sleep "$wait_secs"
# Each line starts with the window's start, in seconds after the server answered. With BENCH_PROFILE, every round's
# CPU ms and wake-ups per thread go to DIR/threads-round-N.txt (reading /proc costs next to nothing).
for round in $(seq "$rounds"); do
  [ "$rounds" -eq 1 ] || printf 'from_s=%d ' $(( wait_secs + (round - 1) * secs ))
  if [ -n "${BENCH_PROFILE:-}" ]; then
    mkdir -p "$BENCH_PROFILE"
    [ "$round" -lt "$rounds" ] || [ "${BENCH_STATEMENTS:-}" = no ] || profile_begin
    thread_ticks >"$BENCH_PROFILE/threads-before.txt"
  fi
  idle_cpu "$secs"
  if [ -n "${BENCH_PROFILE:-}" ]; then
    thread_ticks >"$BENCH_PROFILE/threads-after.txt"
    { echo "# round $round: $(pg_activity)"; thread_delta "$BENCH_PROFILE/threads-before.txt" "$BENCH_PROFILE/threads-after.txt"; } \
      >"$BENCH_PROFILE/threads-round-$round.txt"
  fi
done
if [ -n "${BENCH_PROFILE:-}" ]; then
  [ "${BENCH_STATEMENTS:-}" = no ] || profile_end idle
  {
    echo "# idle: CPU ms and wake-ups per server thread / PostgreSQL process over the last window"
    tail -n +2 "$BENCH_PROFILE/threads-round-$rounds.txt"
  } >>"$BENCH_PROFILE/idle.txt"
fi
