#!/usr/bin/env bash
# The real Graphviz dot accepts the DOT kg writes, with no error or warning.
set -euo pipefail
kg=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$kg" --rules "$src/rules" -q build "$src/corpus" -o "$tmp/graph.json"
"$kg" -g "$tmp/graph.json" export --format dot -o "$tmp/graph.dot"
dot -Tsvg "$tmp/graph.dot" -o "$tmp/graph.svg" 2> "$tmp/dot.err"
if [ -s "$tmp/dot.err" ]; then echo "dot complained:"; cat "$tmp/dot.err"; exit 1; fi
grep -q "<svg" "$tmp/graph.svg"
echo "dot accepted graph.dot"
