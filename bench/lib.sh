#!/usr/bin/env bash
# Shared by the bench scripts: a JDK 21+, the server jar, and starting/stopping a server on a data dir.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
. "$ROOT/bin/find-jdk.sh"
JAVA="$JAVA_HOME/bin/java"
JAR="$ROOT/server/target/openchakra-server.jar"

ensure_jar() {
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
  OPENCHAKRA_DATA_DIR="$data" OPENCHAKRA_PORT="$port" "$JAVA" ${BENCH_JAVA_OPTS:-} -jar "$JAR" >>"$log" 2>&1 &
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
  base="http://localhost:$port"
  token=$(cat "$work/data/initial-admin-token")
  curl -sf -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"rateLimit":{"requestsPerSecond":100000,"burst":100000}}' "$base/v1/admin/team" >/dev/null
}
