#!/usr/bin/env bash
# Debian packages argmap needs, installed only when missing (idempotent; needs root or sudo).
# Usage: scripts/system-deps.sh [graphviz]   (no argument: everything the tests need;
#        `graphviz` alone: what `make serve` needs for the svg/png exports)
#   docker-compose: validates docker-compose.yml without an engine
#   graphviz:       svg/png exports
#   nodejs, npm:    @argdown/cli, which validates the Argdown export
#   chromium:       the map page and Neo4j Browser tests (Playwright drives Debian's browser)
#   Java + Maven:   the local Neo4j (deploy/neo4j-local)
set -euo pipefail
need=()
if [ "${1:-all}" = "graphviz" ]; then
  command -v dot >/dev/null && exit 0
  need=(graphviz)
else
command -v docker-compose >/dev/null || need+=(docker-compose)
command -v dot >/dev/null || need+=(graphviz)
command -v npm >/dev/null || need+=(nodejs npm)
command -v chromium >/dev/null || need+=(chromium)
command -v java >/dev/null || need+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || need+=(maven)
fi
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "system-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${need[@]}" >/dev/null
