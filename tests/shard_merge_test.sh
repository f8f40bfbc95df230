#!/usr/bin/env bash
# Sharded build: kg extract (map) in any split and input mode, then kg merge
# (reduce), gives a graph byte-identical to kg build on the same corpus; and
# kg build --update equals the full build after adding, changing or removing files.
# usage: shard_merge_test.sh KG_BINARY SOURCE_DIR
set -euo pipefail
kg=$(realpath "$1")
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_err() { grep -qF -- "$1" "$tmp/err" || { cat "$tmp/err" >&2; fail "stderr lacks: $1"; }; }
gen=$src/../shared/bench/gen_corpus.py

mkdir "$tmp/c"
cp "$src"/corpus/*.txt "$tmp/c/"
if [ -f "$gen" ]; then python3 "$gen" "$tmp/c" --mb 1 --files 10 --seed 3 > /dev/null; fi
"$kg" build -q "$tmp/c" -o "$tmp/built.json" || fail "kg build: exit $?"

# Three shards, three input modes: file arguments, paths on stdin, JSON records on stdin.
ls "$tmp"/c/* > "$tmp/all"
split -n l/3 "$tmp/all" "$tmp/part."
xargs "$kg" extract < "$tmp/part.aa" > "$tmp/s1.jsonl" || fail "extract FILE..."
"$kg" extract --stdin-paths < "$tmp/part.ab" > "$tmp/s2.jsonl" || fail "extract --stdin-paths"
python3 -c "
import json, os, sys
for p in open(sys.argv[1]).read().split():
    print(json.dumps({'name': os.path.basename(p), 'text': open(p, encoding='utf-8', newline='').read()}))" "$tmp/part.ac" \
  | "$kg" extract --stdin-jsonl > "$tmp/s3.jsonl" || fail "extract --stdin-jsonl"
[ "$(cat "$tmp"/s*.jsonl | wc -l)" = "$(wc -l < "$tmp/all")" ] || fail "not one record per document"
"$kg" merge -q "$tmp/s3.jsonl" "$tmp/s1.jsonl" "$tmp/s2.jsonl" -o "$tmp/merged.json" || fail "merge: exit $?"
cmp -s "$tmp/built.json" "$tmp/merged.json" || fail "kg merge differs from kg build"
# Shards on stdin, and one document as raw text on stdin.
cat "$tmp"/s*.jsonl | "$kg" merge -q - -o "$tmp/merged2.json" || fail "merge -: exit $?"
cmp -s "$tmp/built.json" "$tmp/merged2.json" || fail "kg merge - differs from kg build"
first=$(head -1 "$tmp/all")
"$kg" extract --stdin-text "$(basename "$first")" < "$first" > "$tmp/one.jsonl"
"$kg" extract "$first" | cmp -s - "$tmp/one.jsonl" || fail "--stdin-text differs from extracting the file"

# Bad shards: the line at fault, exit 1, no graph written.
printf '%s\n' "$(head -1 "$tmp/s1.jsonl")" '{"doc": "x.txt", "entities": [{"id": "A"}]}' > "$tmp/bad.jsonl"
status=0; "$kg" merge "$tmp/bad.jsonl" -o "$tmp/bad.json" 2> "$tmp/err" || status=$?
[ "$status" = 1 ] || fail "bad shard: exit $status"
expect_err "$tmp/bad.jsonl:2: entity needs string \"id\" and \"type\""
[ ! -e "$tmp/bad.json" ] || fail "a graph was written from a bad shard"
printf '{"doc": "x.txt", "entities": [\n' > "$tmp/torn.jsonl"
status=0; "$kg" merge "$tmp/torn.jsonl" -o "$tmp/bad.json" 2> "$tmp/err" || status=$?
[ "$status" = 1 ] || fail "torn shard: exit $status"
expect_err "$tmp/torn.jsonl:1:"
status=0; "$kg" merge "$tmp/s1.jsonl" -o "$tmp/s1.jsonl" 2> "$tmp/err" || status=$?
[ "$status" = 1 ] || fail "merge over its input: exit $status"
expect_err "refusing to overwrite input"
status=0; "$kg" merge -q "$tmp/s1.jsonl" "$tmp/s1.jsonl" -o "$tmp/dup.json" 2> "$tmp/err" || status=$?
expect_err "already read at $tmp/s1.jsonl:1; keeping the first"

# Incremental builds: new files join, removed ones leave no trace, changed ones
# are read again, and the graph is the one a full build makes, byte for byte
# (the kept documents' extractions come from graph.json.extractions.bin).
mkdir "$tmp/u"
ls "$tmp/c" | head -8 | while read -r f; do cp "$tmp/c/$f" "$tmp/u/"; done
"$kg" build -q "$tmp/u" -o "$tmp/u.json"
ls "$tmp/c" | tail -n +9 | while read -r f; do cp "$tmp/c/$f" "$tmp/u/"; done      # add files
"$kg" build --update "$tmp/u" -o "$tmp/u.json" 2> "$tmp/err" || fail "update (add): exit $?"
expect_err "7 extracted, 8 unchanged, 0 dropped or replaced"
python3 -c "
import json, sys
u, c = json.load(open(sys.argv[1])), sys.argv[2].split()
assert [d['name'] for d in u['graph']['documents']] == sorted(c), 'documents'
" "$tmp/u.json" "$(ls "$tmp/c")" || fail "update after adding files: documents"
cp "$tmp/u.json" "$tmp/before.json"
victim=$(ls "$tmp/u" | head -1)
rm "$tmp/u/$victim"                                                                  # remove one
printf '\nSAMR issued GB/T 98765-2021 on 2 June 2021.\n' >> "$tmp/u/$(ls "$tmp/u" | tail -1)"  # change one
"$kg" build --update "$tmp/u" -o "$tmp/u.json" 2> "$tmp/err" || fail "update (remove, change): exit $?"
expect_err "1 extracted, 13 unchanged, 2 dropped or replaced"
python3 -c "
import json, sys
g = json.load(open(sys.argv[1]))
old = json.load(open(sys.argv[3]))
only_victim = {n['id'] for n in old['nodes'] if n['docs'] == [sys.argv[2]]}
assert only_victim, 'the removed file had entities of its own'
assert not only_victim & {n['id'] for n in g['nodes']}, 'entities left with no evidence remain'
assert len(g['graph']['documents']) == 14
assert sys.argv[2] not in [d['name'] for d in g['graph']['documents']]
assert not any(sys.argv[2] in n['docs'] for n in g['nodes']), 'entity still cites the removed file'
assert not any(e['doc'] == sys.argv[2] for l in g['links'] for e in l['evidence']), 'evidence from the removed file'
assert any(n['id'] == 'GB/T 98765-2021' for n in g['nodes']), 'changed file not re-extracted'
" "$tmp/u.json" "$victim" "$tmp/before.json" || fail "update content"
"$kg" build -q "$tmp/u" -o "$tmp/full.json"
cmp -s "$tmp/u.json" "$tmp/full.json" || fail "update differs from a full build"
# A damaged cache is reported and the update becomes a full build.
printf 'X' | dd of="$tmp/u.json.extractions.bin" bs=1 seek=40 conv=notrunc 2> /dev/null
"$kg" build --update "$tmp/u" -o "$tmp/u.json" 2> "$tmp/err" || fail "update (damaged cache): exit $?"
expect_err "u.json.extractions.bin: extraction cache record 1 is damaged (checksum); building $tmp/u.json from scratch"
expect_err "14 extracted, 0 unchanged, 0 dropped or replaced"
cmp -s "$tmp/u.json" "$tmp/full.json" || fail "update with a damaged cache differs from a full build"
# So is the JSON-lines cache of an older kg, which goes.
rm "$tmp/u.json.extractions.bin"
echo '{"doc": "a.txt"}' > "$tmp/u.json.extractions.jsonl"
"$kg" build --update "$tmp/u" -o "$tmp/u.json" 2> "$tmp/err" || fail "update (old cache): exit $?"
expect_err "u.json.extractions.jsonl: extraction cache of an older kg; building $tmp/u.json from scratch"
[ ! -e "$tmp/u.json.extractions.jsonl" ] || fail "the old cache was left behind"
[ -e "$tmp/u.json.extractions.bin" ] || fail "no new cache"
cmp -s "$tmp/u.json" "$tmp/full.json" || fail "update with an old cache differs from a full build"
# Without its cache (or with one of another graph), --update still works
# from the graph itself, and says that it may merge more than a full build.
rm "$tmp/u.json.extractions.bin"
printf '\nMIIT issued GB/T 98766-2022 on 3 June 2022.\n' >> "$tmp/u/$(ls "$tmp/u" | tail -1)"
"$kg" build --update "$tmp/u" -o "$tmp/u.json" 2> "$tmp/err" || fail "update without cache: exit $?"
expect_err "no extraction cache for $tmp/u.json"
expect_err "1 extracted, 13 unchanged, 1 dropped or replaced"
python3 -c "
import json, sys
g = json.load(open(sys.argv[1]))
assert any(n['id'] == 'GB/T 98766-2022' for n in g['nodes']), 'changed file not re-extracted'
" "$tmp/u.json" || fail "update without cache: content"
echo "shard_merge_test: ok"
