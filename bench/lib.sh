#!/usr/bin/env bash
# Shared by the bench scripts: a JDK 21+, the server jar, and starting/stopping a server on a data dir.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
. "$ROOT/bin/find-jdk.sh"
JAVA="$JAVA_HOME/bin/java"
# The server starts with the launcher's JVM options (bin/java-options, then OPENCHAKRA_JAVA_OPTS), then
# BENCH_JAVA_OPTS; OPENCHAKRA_JAVA_OPTIONS_FILE=/dev/null starts an older build as it started before that file.
. "$ROOT/bin/java-options.sh"
# BENCH_JAR: another build of the server (e.g. main's, for a before/after comparison in one run), used as it is.
JAR="${BENCH_JAR:-$ROOT/server/target/openchakra-server.jar}"

ensure_jar() {
  [ -z "${BENCH_JAR:-}" ] || return 0
  if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/server/src/main" "$ROOT/server/pom.xml" -newer "$JAR" -print -quit)" ]; then
    (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl server -am package)
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

now_ms() { date +%s%3N; }

# start_server DATA_DIR PORT LOG: starts in the background, sets SERVER_PID, waits for /actuator/health.
start_server() {
  local data="$1" port="$2" log="$3" deadline
  OPENCHAKRA_DATA_DIR="$data" OPENCHAKRA_PORT="$port" "$JAVA" $(openchakra_java_options) ${BENCH_JAVA_OPTS:-} -jar "$JAR" >>"$log" 2>&1 &
  SERVER_PID=$!
  deadline=$(( $(date +%s) + 180 ))
  until curl -sf "http://localhost:$port/actuator/health" >/dev/null 2>&1; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "server exited; see $log" >&2; return 1; fi
    if [ "$(date +%s)" -gt "$deadline" ]; then echo "server did not start; see $log" >&2; return 1; fi
    sleep 0.05
  done
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
}

# start_bench_server: a server on a fresh temporary data dir, stopped and removed on exit. Sets work, port,
# base and token, and lifts the team's rate limit so that benchmarks measure work, not refusals.
start_bench_server() {
  ensure_jar
  work=$(mktemp -d); port=$(free_port)
  # The server's log outlives the run, for a look at what happened: bench/last-server.log (not committed).
  trap 'stop_server; cp "$work/server.log" "$BENCH_DIR/last-server.log" 2>/dev/null; rm -rf "$work"' EXIT
  start_server "$work/data" "$port" "$work/server.log"
  # BENCH_STATEMENTS=no: no pg_stat_statements, so no restart (an idle profile of a fresh server as it runs).
  if [ -n "${BENCH_PROFILE:-}" ] && [ "${BENCH_STATEMENTS:-}" != no ]; then enable_pg_stat_statements; fi
  base="http://localhost:$port"
  token=$(cat "$work/data/initial-admin-token")
  curl -sf -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"rateLimit":{"requestsPerSecond":100000,"burst":100000}}' "$base/v1/admin/team" >/dev/null
}

# http_load [HttpLoad options]: one load, its result line on stdout. After start_http_load, every load runs in one
# load generator JVM for the whole bench run, compiled once: a single-file program per load counted its compile
# (5-8 s of CPU) and its JVM's start and JIT in every round's CPU per request, and slowed the machine just before
# each measurement. Without start_http_load: a single-file program per call, as before.
start_http_load() {
  mkdir -p "$work/http-load"
  "$JAVA_HOME/bin/javac" -nowarn -d "$work/http-load" "$BENCH_DIR/src/HttpLoad.java"
  mkfifo "$work/http-load/in" "$work/http-load/out"
  "$JAVA" -cp "$work/http-load" HttpLoad --serve <"$work/http-load/in" >"$work/http-load/out" &
  HTTP_LOAD_PID=$!
  # Opened in this order by both sides; closed when the script ends, which ends the load generator.
  exec {HTTP_LOAD_IN}>"$work/http-load/in" {HTTP_LOAD_OUT}<"$work/http-load/out"
}
http_load() {
  if [ -z "${HTTP_LOAD_PID:-}" ]; then
    "$JAVA" "$BENCH_DIR/src/HttpLoad.java" "$@"
    return
  fi
  printf '%d\n' "$#" >&"$HTTP_LOAD_IN"
  printf '%s\0' "$@" >&"$HTTP_LOAD_IN"
  local line
  IFS= read -r line <&"$HTTP_LOAD_OUT" || { echo "the load generator stopped" >&2; return 1; }
  echo "$line"
}

# --- CPU time and profiles (issue 15) ---------------------------------------------------------------------
# CPU time is what a request costs whatever else runs on the machine: the scripts print it per request beside
# the rates. Clock ticks of a process (all its threads) plus its reaped children, and of a process tree.
CLK_TCK=$(getconf CLK_TCK)
proc_ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat" 2>/dev/null || echo 0; }
tree_ticks() {
  local total=0 p
  for p in $1 $(pgrep -P "$1" 2>/dev/null || true); do total=$(( total + $(proc_ticks "$p") )); done
  echo "$total"
}
# The embedded PostgreSQL's postmaster (its backends are its children).
pg_pid() { sed -n 1p "$work/data/postgres/postmaster.pid"; }
# cpu_mark: "server postgres [other pid's]" ticks now; cpu_per LABEL COUNT MARK [names of the other pids]
# prints the CPU milliseconds per item of each since MARK.
cpu_mark() {
  local out="$(proc_ticks "$SERVER_PID") $(tree_ticks "$(pg_pid)")" p
  for p in "$@"; do out="$out $(proc_ticks "$p")"; done
  echo "$out"
}
cpu_per() {
  local label="$1" count="$2" before="$3" now; shift 3
  now=($(cpu_mark "${CPU_OTHER_PIDS[@]}")); local then=($before) names=(server postgres "$@") i line="cpu label=$label items=$count"
  for i in "${!now[@]}"; do
    line="$line ${names[$i]}_ms=$(awk -v a="${then[$i]}" -v b="${now[$i]}" -v n="$count" -v t="$CLK_TCK" \
      'BEGIN { printf "%.3f", (n > 0 ? (b - a) * 1000 / t / n : 0) }')"
  done
  echo "$line load=$(cut -d' ' -f1 /proc/loadavg)"
}
CPU_OTHER_PIDS=()

# BENCH_PROFILE=DIR: PostgreSQL with pg_stat_statements, and profile_begin/profile_end LABEL around a phase
# record a JFR CPU profile of the server and the statements' totals into DIR (LABEL.jfr, LABEL.txt).
# BENCH_JFR=no leaves JFR out (an idle server: JFR's own threads would cost more than everything measured).
psql_bench() {
  PGPASSWORD=$(cat "$work/data/postgres.password") psql -q -h localhost -p "$(sed -n 4p "$work/data/postgres/postmaster.pid")" \
    -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"
}
enable_pg_stat_statements() {
  psql_bench -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'" >/dev/null
  stop_server
  start_server "$work/data" "$port" "$work/server.log"
  psql_bench -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
}
profile_begin() {
  [ -n "${BENCH_PROFILE:-}" ] || return 0
  mkdir -p "$BENCH_PROFILE"
  psql_bench -c "SELECT pg_stat_statements_reset(), pg_stat_reset(), pg_stat_reset_shared('wal')" >/dev/null
  [ "${BENCH_JFR:-}" = no ] || "$JAVA_HOME/bin/jcmd" "$SERVER_PID" JFR.start name=bench settings=profile >/dev/null
}
profile_end() {
  [ -n "${BENCH_PROFILE:-}" ] || return 0
  local label="$1"
  [ "${BENCH_JFR:-}" = no ] || "$JAVA_HOME/bin/jcmd" "$SERVER_PID" JFR.stop name=bench filename="$BENCH_PROFILE/$label.jfr" >/dev/null
  {
    if [ "${BENCH_JFR:-}" != no ]; then
      echo "# $label: JFR CPU samples of the server"
      "$JAVA" "$BENCH_DIR/src/JfrTop.java" "$BENCH_PROFILE/$label.jfr" 15
    fi
    echo "# $label: pg_stat_statements, top 15 by total time"
    psql_bench -P pager=off -c "SELECT calls, round(total_exec_time::numeric, 1) AS total_ms,
        round(mean_exec_time::numeric, 3) AS mean_ms, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 150) AS query
      FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15"
    echo "# $label: every statement together (divide by the items for statements per item)"
    psql_bench -At -c "SELECT 'statements calls=' || sum(calls) || ' exec_ms=' || round(sum(total_exec_time)::numeric)
      || ' transactions=' || (SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database())
      FROM pg_stat_statements"
    # Rows written per table (heap) and how many indexes each non-HOT write also touches; WAL in all. Counters reach
    # the views when a backend flushes its statistics (at most once a second, or after 10 s idle): read them last.
    echo "# $label: rows written per table (n_tup_*), indexes per table, WAL by statement and in all"
    psql_bench -P pager=off -c "SELECT relname, n_tup_ins AS ins, n_tup_upd AS upd, n_tup_hot_upd AS hot_upd,
        n_tup_del AS del, n_live_tup AS live, n_dead_tup AS dead, autovacuum_count AS autovac,
        (SELECT count(*) FROM pg_index i WHERE i.indrelid = s.relid) AS indexes,
        (SELECT string_agg(c.relname || '=' || x.idx_scan, ' ' ORDER BY c.relname) FROM pg_index i
           JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_stat_user_indexes x ON x.indexrelid = i.indexrelid
           WHERE i.indrelid = s.relid) AS index_scans
      FROM pg_stat_user_tables s WHERE n_tup_ins + n_tup_upd + n_tup_del > 0
      ORDER BY n_tup_ins + n_tup_upd + n_tup_del DESC LIMIT 15"
    psql_bench -P pager=off -c "SELECT calls, wal_records, wal_fpi, pg_size_pretty(wal_bytes) AS wal,
        left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS query
      FROM pg_stat_statements ORDER BY wal_bytes DESC LIMIT 12"
    psql_bench -At -c "SELECT 'wal records=' || wal_records || ' fpi=' || wal_fpi || ' bytes=' || wal_bytes
      FROM pg_stat_wal"
  } >"$BENCH_PROFILE/$label.txt" 2>&1
  echo "# profile of $label: $BENCH_PROFILE/$label.txt"
}

# idle_cpu SECONDS: the share of one core that the server and PostgreSQL (all its processes) use meanwhile.
idle_cpu() {
  local secs="$1" s0 p0 s1 p1
  s0=$(proc_ticks "$SERVER_PID"); p0=$(tree_ticks "$(pg_pid)")
  sleep "$secs"
  s1=$(proc_ticks "$SERVER_PID"); p1=$(tree_ticks "$(pg_pid)")
  awk -v s="$((s1 - s0))" -v p="$((p1 - p0))" -v t="$CLK_TCK" -v n="$secs" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "idle seconds=%d server_pct=%.2f postgres_pct=%.2f total_pct=%.2f load=%s\n",
             n, s * 100 / t / n, p * 100 / t / n, (s + p) * 100 / t / n, l }'
}

# --- The standalone Meta simulator (send.sh, campaign.sh) --------------------------------------------------------
# start_simulator [simulator options]: after start_bench_server, the simulator (its jar built when older than its
# sources) on a free port with those options, its log in $work/simulator.log; waits until it answers. Sets SIM_PID
# and sim (its base URL); on exit it is stopped with the server.
start_simulator() {
  local jar="$ROOT/meta-simulator/target/openchakra-meta-simulator-0.1.0-SNAPSHOT-standalone.jar" sim_port
  if [ ! -f "$jar" ] || [ -n "$(find "$ROOT/meta-simulator/src/main" -newer "$jar" -print -quit)" ]; then
    (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl meta-simulator package)
  fi
  sim_port=$(free_port); sim="http://127.0.0.1:$sim_port"
  "$JAVA" ${BENCH_SIM_JAVA_OPTS:-} -jar "$jar" --port "$sim_port" "$@" >"$work/simulator.log" 2>&1 &
  SIM_PID=$!
  trap 'kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; stop_server
    cp "$work/server.log" "$BENCH_DIR/last-server.log" 2>/dev/null; rm -rf "$work"' EXIT
  until curl -sf "$sim/_sim/health" >/dev/null 2>&1; do
    kill -0 "$SIM_PID" 2>/dev/null || { echo "simulator exited:" >&2; cat "$work/simulator.log" >&2; exit 1; }
    sleep 0.05
  done
}
