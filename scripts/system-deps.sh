#!/usr/bin/env bash
# Debian packages the tests need, installed only when missing (idempotent; needs root or sudo).
#   docker-compose: validates docker-compose.yml without an engine
#   graphviz:       svg/png exports
#   nodejs, npm:    @argdown/cli, which validates the Argdown export
#   chromium:       the map page and Neo4j Browser tests (Playwright drives Debian's browser)
#   Java + Maven:   the local Neo4j (deploy/neo4j-local)
set -euo pipefail
need=()
command -v docker-compose >/dev/null || need+=(docker-compose)
command -v dot >/dev/null || need+=(graphviz)
command -v npm >/dev/null || need+=(nodejs npm)
command -v chromium >/dev/null || need+=(chromium)
command -v java >/dev/null || need+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || need+=(maven)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "system-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${need[@]}" >/dev/null
