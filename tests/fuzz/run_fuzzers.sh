#!/usr/bin/env bash
# Runs every libFuzzer target of BUILD_DIR for SECONDS each, starting from the
# seed corpora in tests/fuzz/seeds/<target> (copied, so the repository is not
# changed). Fails on any crash, leak, timeout or sanitizer report.
# usage: run_fuzzers.sh BUILD_DIR [SECONDS]
set -euo pipefail
build=$(realpath "$1")
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for target in fuzz_extract fuzz_graph_json fuzz_cypher; do
  mkdir -p "$work/$target"
  cp "$here/seeds/$target"/* "$work/$target/"
  echo "== $target: ${seconds} s"
  if ! (cd "$work" && "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=20 \
        -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 "$work/$target" > "$work/$target.log" 2>&1); then
    echo "FAIL: $target found a problem:" >&2
    tail -60 "$work/$target.log" >&2
    ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* 2> /dev/null >&2 || true
    status=1
  else
    grep -E "^stat::number_of_executed_units|^Done" "$work/$target.log" || true
  fi
done
exit $status
