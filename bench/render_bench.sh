#!/usr/bin/env bash
# Times kg render of the whole corpus graph to SVG (in-process Graphviz, default
# layout) side by side with the peer: kg export --format dot piped to Debian's
# `dot` program with the same layout. Target: kg render under 5 s.
# usage: bench/render_bench.sh [KG_BINARY] [GRAPH_JSON]
set -euo pipefail
cd "$(dirname "$0")/.."
kg=${1:-build/kg}
graph=${2:-}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if [ -z "$graph" ]; then
  graph=$tmp/graph.json
  "$kg" -q build corpus -o "$graph"
fi
now() { date +%s.%N; }
t0=$(now)
"$kg" -g "$graph" render -o "$tmp/graph.svg"
t1=$(now)
"$kg" -g "$graph" export --format dot -o "$tmp/graph.dot"
t2=$(now)
dot -Tsvg "$tmp/graph.dot" -o "$tmp/peer.svg"
t3=$(now)
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN {
  printf "%-36s %8s\n", "whole corpus graph to SVG", "seconds"
  printf "%-36s %8.2f\n", "kg render (in-process Graphviz)", b - a
  printf "%-36s %8.2f\n", "kg export dot + dot -Tsvg (peer)", (c - b) + (d - c)
  printf "target: kg render under 5 s: %s\n", (b - a < 5 ? "met" : "MISSED")
}'
