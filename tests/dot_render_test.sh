#!/usr/bin/env bash
# On the real corpus graph, every DOT file kg writes (whole graph, ego network,
# path, top-N, clusters) is read by the real Graphviz dot with no error or
# warning, and kg render draws the same selections in-process, also silently.
set -euo pipefail
kg=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$kg" --rules "$src/rules" -q build "$src/corpus" -o "$tmp/graph.json"
g=(-g "$tmp/graph.json")
selections=(
  ""
  "--focus SAMR --depth 2"
  "--top 20"
  "--top 20 --measure pagerank --size-by pagerank"
  "--relation issued --cluster type"
  "--cluster community --min-degree 1"
  "--cluster doc --min-degree 1"
)
n=0
for s in "${selections[@]}"; do
  read -r -a sel <<< "$s"
  n=$((n + 1))
  "$kg" "${g[@]}" export --format dot "${sel[@]}" -o "$tmp/s$n.dot"
  if ! dot -Tsvg "$tmp/s$n.dot" -o "$tmp/s$n.svg" 2> "$tmp/dot.err" || [ -s "$tmp/dot.err" ]; then
    echo "dot complained about export --format dot $s:"; cat "$tmp/dot.err"; exit 1
  fi
  grep -q "<svg" "$tmp/s$n.svg"
  "$kg" -q "${g[@]}" render "${sel[@]}" -o "$tmp/r$n.svg" 2> "$tmp/render.err"
  if [ -s "$tmp/render.err" ]; then echo "kg render $s complained:"; cat "$tmp/render.err"; exit 1; fi
  grep -q "<svg" "$tmp/r$n.svg"
done
echo "dot accepted $n corpus DOT files and kg render drew them without a warning"
