#!/usr/bin/env bash
# Stop the local Neo4j started by start.sh: SIGTERM (clean shutdown via the
# launcher's shutdown hook), wait, then SIGKILL if needed. Idempotent.
#
# Env: NEO4J_BOLT_PORT (7687: which server), NEO4J_STOP_TIMEOUT (seconds to wait after SIGTERM, default 60).
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PIDFILE="$HERE/neo4j-${NEO4J_BOLT_PORT:-7687}.pid"
GRACE="${NEO4J_STOP_TIMEOUT:-60}"

alive() {
  [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
  [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]
}
is_launcher() {
  [ -r "/proc/$1/cmdline" ] || return 0
  tr '\0' ' ' <"/proc/$1/cmdline" | grep -q Launcher.java
}

if [ ! -f "$PIDFILE" ]; then
  echo "neo4j-local: not running (no pid file)"
  exit 0
fi
pid="$(cat "$PIDFILE" 2>/dev/null || true)"
if ! alive "$pid" || ! is_launcher "$pid"; then
  echo "neo4j-local: not running (stale pid file)"
  rm -f "$PIDFILE"
  exit 0
fi

echo "neo4j-local: stopping pid $pid"
kill -TERM "$pid" 2>/dev/null || true
start=$SECONDS
while alive "$pid" && (( SECONDS - start < GRACE )); do
  sleep 0.5
done
if alive "$pid"; then
  echo "neo4j-local: still running after ${GRACE}s, sending SIGKILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do alive "$pid" || break; sleep 0.5; done
fi
rm -f "$PIDFILE"
echo "neo4j-local: stopped"
