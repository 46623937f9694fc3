#!/usr/bin/env bash
# Start a local Neo4j 5.26 server (no Docker) for argmap tests, CI and dev use.
# Idempotent: exits 0 at once if something already answers on the Bolt port.
#
# Env: NEO4J_BOLT_PORT (7687), NEO4J_HTTP_PORT (7474),
#      NEO4J_LOCAL_DATA (<this dir>/data), NEO4J_HEAP (1g),
#      NEO4J_PAGECACHE (256m), NEO4J_START_TIMEOUT (120 seconds).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BOLT_PORT="${NEO4J_BOLT_PORT:-7687}"
HTTP_PORT="${NEO4J_HTTP_PORT:-7474}"
DATA_DIR="${NEO4J_LOCAL_DATA:-$HERE/data}"
HEAP="${NEO4J_HEAP:-1g}"
TIMEOUT="${NEO4J_START_TIMEOUT:-120}"
case "$DATA_DIR" in /*) ;; *) DATA_DIR="$PWD/$DATA_DIR" ;; esac
LIB="$HERE/lib"
# One pid/log/lock per Bolt port, so several servers (e.g. one per test run) can coexist.
LOG="$HERE/neo4j-$BOLT_PORT.log"
PIDFILE="$HERE/neo4j-$BOLT_PORT.pid"

# JVM flags from Neo4j 5.26's own conf/neo4j.conf (server.jvm.additional),
# minus -XX:+TrustFinalNonStaticFields which neo4j.conf says not to use embedded.
JVM_FLAGS=(
  "-Xms256m" "-Xmx$HEAP"
  -XX:+UseG1GC
  -XX:-OmitStackTraceInFastThrow
  -XX:+DisableExplicitGC
  -Djdk.nio.maxCachedBufferSize=1024
  -Dio.netty.tryReflectionSetAccessible=true
  -Djdk.tls.ephemeralDHKeySize=2048
  -Djdk.tls.rejectClientInitiatedRenegotiation=true
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --enable-native-access=ALL-UNNAMED
  -Dlog4j2.disable.jmx=true
  -Dlog4j.layout.jsonTemplate.maxStringLength=32768
  -Dfile.encoding=UTF-8
)

# One start.sh at a time (e.g. parallel test runs): the others wait here, then
# find Bolt answering and exit 0.
if command -v flock >/dev/null; then
  exec 9>"$HERE/neo4j-$BOLT_PORT.start.lock"
  flock -w $((TIMEOUT + 300)) 9 || { echo "neo4j-local: another start.sh holds $HERE/neo4j-$BOLT_PORT.start.lock" >&2; exit 1; }
fi

port_open() { # TCP connect test, no extra tools needed
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

if port_open "$BOLT_PORT"; then
  echo "neo4j-local: Bolt already answers on 127.0.0.1:$BOLT_PORT, nothing to do"
  exit 0
fi

command -v java >/dev/null || { echo "neo4j-local: java (17+) not found" >&2; exit 1; }

# Fetch the jars once (Maven keeps its cache in ~/.m2).
if [ ! -f "$LIB/.complete" ]; then
  command -v mvn >/dev/null || { echo "neo4j-local: mvn not found (needed once to fetch jars)" >&2; exit 1; }
  echo "neo4j-local: fetching Neo4j jars from Maven Central into $LIB"
  rm -rf "$LIB"
  # (the sed only strips the stray colour codes Debian's mvn prints even with -q -B)
  (cd "$HERE" && mvn -q -B dependency:copy-dependencies -DoutputDirectory="$LIB" 2>&1 \
    | sed 's/\x1b\[[0-9;]*m//g')
  touch "$LIB/.complete"
fi

# Is process $1 alive (and not a zombie)?
alive() {
  [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
  [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]
}
# Is process $1 our launcher (guards against a recycled pid in a stale pid file)?
is_launcher() {
  [ -r "/proc/$1/cmdline" ] || return 0   # no /proc: trust the pid file
  tr '\0' ' ' <"/proc/$1/cmdline" | grep -q Launcher.java
}

launch() {
  mkdir -p "$DATA_DIR"
  echo "neo4j-local: starting (bolt $BOLT_PORT, http $HTTP_PORT, data $DATA_DIR, log $LOG)"
  (
    cd "$HERE"
    NEO4J_BOLT_PORT="$BOLT_PORT" NEO4J_HTTP_PORT="$HTTP_PORT" \
      exec nohup java "${JVM_FLAGS[@]}" -cp "$LIB/*" "$HERE/Launcher.java" "$DATA_DIR" \
      >"$LOG" 2>&1 </dev/null 9>&-   # 9>&-: the server must not keep the start lock
  ) &
  pid=$!
  echo "$pid" >"$PIDFILE"
  launched=1
}

# A pid file left by an earlier start: if that launcher is still alive it is
# probably still starting up, so wait for it; otherwise start a new one.
launched=0
pid="$(cat "$PIDFILE" 2>/dev/null || true)"
if alive "$pid" && is_launcher "$pid"; then
  echo "neo4j-local: launcher $pid (from $PIDFILE) is still starting up; waiting for it"
else
  rm -f "$PIDFILE"
  launch
fi

start=$SECONDS
while (( SECONDS - start < TIMEOUT )); do
  if ! alive "$pid"; then
    if [ "$launched" = 0 ]; then   # the earlier launcher died: start our own
      rm -f "$PIDFILE"; launch; continue
    fi
    echo "neo4j-local: process $pid exited during startup; last log lines:" >&2
    tail -n 40 "$LOG" >&2 || true
    rm -f "$PIDFILE"
    exit 1
  fi
  if port_open "$BOLT_PORT"; then
    if ! command -v curl >/dev/null || curl -sf -o /dev/null "http://127.0.0.1:$HTTP_PORT/"; then
      echo "neo4j-local: up after $((SECONDS - start))s (pid $pid): bolt://127.0.0.1:$BOLT_PORT http://127.0.0.1:$HTTP_PORT/browser/"
      exit 0
    fi
  fi
  sleep 1
done

echo "neo4j-local: not up after ${TIMEOUT}s (pid $pid left running; stop.sh kills it); last log lines:" >&2
tail -n 40 "$LOG" >&2 || true
exit 1
