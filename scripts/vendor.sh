#!/usr/bin/env bash
# Re-fetch the vendored front-end libraries from the npm registry:
#   cytoscape        the graph drawing of the map page
#   cytoscape-dagre  its layered (dagre) layout; the dist file bundles @dagrejs/dagre and
#                    @dagrejs/graphlib, whose licenses are copied next to it
# The result (api/static/vendor/) is committed, so installing argmap needs neither
# npm nor the internet; run this only to change a pinned version.
#
# Usage: scripts/vendor.sh [CYTOSCAPE_VERSION] [CYTOSCAPE_DAGRE_VERSION]
set -euo pipefail

CYTOSCAPE_VERSION="${1:-3.35.0}"
CYTOSCAPE_DAGRE_VERSION="${2:-4.0.1}"
# The versions bundled inside cytoscape-dagre's dist file (its rollup build), for their licenses.
DAGRE_VERSION="3.0.0"
GRAPHLIB_VERSION="4.0.1"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$HERE/api/static/vendor"
command -v npm >/dev/null || { echo "vendor: npm not found" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fetch() {  # fetch NAME VERSION DIR: unpack the npm tarball of NAME@VERSION into $work/DIR
  mkdir -p "$work/$3"
  (cd "$work/$3" && npm pack --silent "$1@$2" >/dev/null && tar -xzf ./*.tgz)
}
fetch cytoscape "$CYTOSCAPE_VERSION" cytoscape
fetch cytoscape-dagre "$CYTOSCAPE_DAGRE_VERSION" cytoscape-dagre
fetch @dagrejs/dagre "$DAGRE_VERSION" dagre
fetch @dagrejs/graphlib "$GRAPHLIB_VERSION" graphlib

mkdir -p "$DEST"
cp "$work/cytoscape/package/dist/cytoscape.min.js" "$DEST/cytoscape.min.js"
cp "$work/cytoscape/package/LICENSE" "$DEST/cytoscape.LICENSE"
# The map page has no source maps: drop the comment that would make browsers ask for one.
sed '/^\/\/# sourceMappingURL=/d' "$work/cytoscape-dagre/package/dist/cytoscape-dagre.min.js" \
  >"$DEST/cytoscape-dagre.min.js"
cp "$work/cytoscape-dagre/package/LICENSE" "$DEST/cytoscape-dagre.LICENSE"
cp "$work/dagre/package/LICENSE" "$DEST/dagre.LICENSE"
cp "$work/graphlib/package/LICENSE" "$DEST/graphlib.LICENSE"
printf 'cytoscape %s\ncytoscape-dagre %s (bundles @dagrejs/dagre %s, @dagrejs/graphlib %s)\n' \
  "$CYTOSCAPE_VERSION" "$CYTOSCAPE_DAGRE_VERSION" "$DAGRE_VERSION" "$GRAPHLIB_VERSION" >"$DEST/VERSIONS"
echo "vendor: cytoscape $CYTOSCAPE_VERSION, cytoscape-dagre $CYTOSCAPE_DAGRE_VERSION -> $DEST"
