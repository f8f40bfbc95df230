#!/usr/bin/env bash
# Output safety: kg build killed with SIGKILL at any moment leaves the previous
# graph.json byte for byte intact (every output is a temporary file + rename).
# usage: robustness_kill_test.sh KG_BINARY SOURCE_DIR
set -euo pipefail
kg=$(realpath "$1")
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
gen=$src/../shared/bench/gen_corpus.py
[ -f "$gen" ] || { echo "skip: $gen not found"; exit 77; }
mb=50
if [ "${KG_SANITIZED:-0}" = 1 ]; then mb=5; fi

python3 "$gen" "$tmp/corpus" --mb "$mb" --files 100 > /dev/null
"$kg" build -q "$src/corpus" -o "$tmp/graph.json" || fail "first build: exit $?"
want=$(sha256sum < "$tmp/graph.json")

# Kill at fixed moments of the extraction.
for delay in 0.05 0.3 1 2.5; do
  "$kg" build -q -j2 "$tmp/corpus" -o "$tmp/graph.json" 2> /dev/null &
  pid=$!
  sleep "$delay"
  kill -KILL "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  [ "$(sha256sum < "$tmp/graph.json")" = "$want" ] || fail "graph.json changed by a build killed after $delay s"
done

# Kill while the new graph is being written: wait for the temporary file
# to appear (on a corpus small enough to finish extracting soon), then kill.
mkdir "$tmp/small"
ls "$tmp/corpus" | head -20 | while read -r f; do ln "$tmp/corpus/$f" "$tmp/small/$f"; done
killed_while_writing=0
for attempt in 1 2 3; do
  "$kg" build -q -j2 "$tmp/small" -o "$tmp/graph.json" 2> /dev/null &
  pid=$!
  while kill -0 "$pid" 2> /dev/null; do
    if compgen -G "$tmp/graph.json.tmp.*" > /dev/null; then
      kill -KILL "$pid" 2> /dev/null && killed_while_writing=1
      break
    fi
  done
  wait "$pid" 2> /dev/null || true
  rm -f "$tmp"/graph.json.tmp.*
  if [ "$(sha256sum < "$tmp/graph.json")" != "$want" ]; then
    # The build finished before the kill: that is a complete new graph, not a torn one.
    python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$tmp/graph.json" || fail "torn graph.json"
    "$kg" build -q "$src/corpus" -o "$tmp/graph.json"
  fi
  [ "$killed_while_writing" = 1 ] && break
done
[ "$(sha256sum < "$tmp/graph.json")" = "$want" ] || fail "graph.json changed by a build killed while writing"
# No temporary file seen in three builds: the graph is written in place.
[ "$killed_while_writing" = 1 ] || fail "kg build never wrote through a temporary file"
echo "robustness_kill_test: ok (killed while writing: $killed_while_writing)"
