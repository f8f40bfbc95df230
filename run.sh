#!/usr/bin/env bash
# The main job: installs what is missing, builds kg (Release) into build/,
# builds the graph of corpus/ into out/, prints its statistics, answers a
# "who issued what" query and a path query, and writes the diagrams.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target kg -j "$(nproc)"
mkdir -p out
kg=build/kg

echo "== kg build corpus"
$kg build corpus -o out/graph.json
echo
echo "== kg stats"
$kg -g out/graph.json stats
echo
echo "== Who issued what: kg issued --by SAMR"
$kg -g out/graph.json issued --by SAMR
echo
echo "== How are ETSI and SAC connected: kg path ETSI SAC"
$kg -g out/graph.json path ETSI SAC
echo
echo "== Diagrams"
$kg -g out/graph.json export --format dot -o out/graph.dot
$kg -g out/graph.json render -o out/graph.svg
$kg -g out/graph.json render --focus SAMR --depth 2 -o out/samr.svg
$kg -g out/graph.json render --top 20 --measure pagerank --size-by pagerank -o out/top20.svg
ls -l out/
