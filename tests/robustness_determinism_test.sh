#!/usr/bin/env bash
# Determinism: the same documents give a byte-identical graph.json whatever
# the order in which files were created, the folder layout and -j.
# usage: robustness_determinism_test.sh KG_BINARY SOURCE_DIR
set -euo pipefail
kg=$(realpath "$1")
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
gen=$src/../shared/bench/gen_corpus.py

mkdir "$tmp/docs"
cp "$src"/corpus/*.txt "$tmp/docs/"
if [ -f "$gen" ]; then python3 "$gen" "$tmp/docs" --mb 2 --files 40 --seed 7 > /dev/null; fi
ls "$tmp/docs" > "$tmp/names"

# Layout A: flat, created in name order. Layout B: created in reverse order,
# spread over nested folders. Layout C: created in a shuffled order.
mkdir "$tmp/a" "$tmp/b" "$tmp/c"
while read -r f; do cp "$tmp/docs/$f" "$tmp/a/$f"; done < "$tmp/names"
i=0
tac "$tmp/names" | while read -r f; do
  d="$tmp/b/x$((i % 3))/y$((i % 2))"; mkdir -p "$d"; cp "$tmp/docs/$f" "$d/$f"; i=$((i + 1))
done
shuf --random-source=<(yes) "$tmp/names" | while read -r f; do cp "$tmp/docs/$f" "$tmp/c/$f"; done

"$kg" build -q -j1 "$tmp/a" -o "$tmp/a1.json" || fail "build a -j1"
"$kg" build -q -j2 "$tmp/a" -o "$tmp/a2.json" || fail "build a -j2"
"$kg" build -q -j2 "$tmp/b" -o "$tmp/b2.json" || fail "build b -j2"
"$kg" build -q -j1 "$tmp/c" -o "$tmp/c1.json" || fail "build c -j1"
"$kg" build -q -j8 "$tmp/c" -o "$tmp/c8.json" || fail "build c -j8"
for g in a2 b2 c1 c8; do
  cmp -s "$tmp/a1.json" "$tmp/$g.json" || fail "$g.json differs from a1.json"
done
n=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['graph']['documents']))" "$tmp/a1.json")
[ "$n" = "$(wc -l < "$tmp/names")" ] || fail "documents: $n"
echo "robustness_determinism_test: ok ($n documents)"
