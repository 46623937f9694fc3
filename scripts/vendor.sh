#!/usr/bin/env bash
# Re-fetch the vendored front-end library (cytoscape.js) from the npm registry.
# The result (api/static/vendor/) is committed, so installing argmap needs neither
# npm nor the internet; run this only to change the pinned version.
#
# Usage: scripts/vendor.sh [VERSION]   (default: the pinned version below)
set -euo pipefail

CYTOSCAPE_VERSION="${1:-3.35.0}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$HERE/api/static/vendor"
command -v npm >/dev/null || { echo "vendor: npm not found" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "cytoscape@$CYTOSCAPE_VERSION" >/dev/null && tar -xzf cytoscape-*.tgz)

mkdir -p "$DEST"
cp "$work/package/dist/cytoscape.min.js" "$DEST/cytoscape.min.js"
cp "$work/package/LICENSE" "$DEST/cytoscape.LICENSE"
printf 'cytoscape %s\n' "$CYTOSCAPE_VERSION" >"$DEST/VERSIONS"
echo "vendor: cytoscape $CYTOSCAPE_VERSION -> $DEST"
