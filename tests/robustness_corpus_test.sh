#!/usr/bin/env bash
# Hostile corpus files: kg build reports each problem (file, reason), processes
# everything else, prints a summary and exits 1 when a file was skipped.
# usage: robustness_corpus_test.sh KG_BINARY SOURCE_DIR
set -euo pipefail
kg=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_err() { grep -qF -- "$1" "$tmp/err" || { cat "$tmp/err" >&2; fail "stderr lacks: $1"; }; }
# Prints the value of a Python expression over graph.json as `g`.
graph() { python3 -c "import json,sys; g=json.load(open(sys.argv[1])); print($2)" "$1"; }
# Evidence lines of the relations of one document, "subject relation object line" each.
evidence() {
  python3 -c "
import json,sys
g=json.load(open(sys.argv[1]))
for l in g['links']:
  for e in l['evidence']:
    if e['doc']==sys.argv[2]: print(l['source'], l['relation'], l['target'], e['line'])" "$1" "$2"
}

c=$tmp/corpus
mkdir -p "$c/sub" "$c/loops"
sentence='SAMR issued GB/T 22239-2019 on 1 May 2019.'
printf 'Title\n\n%s\n' "$sentence" > "$c/good.txt"
: > "$c/empty.txt"
printf 'Title\r\n\r\n%s\r\n' "$sentence" > "$c/crlf.txt"
printf 'Title\r\r%s\r' "$sentence" > "$c/cr.txt"
printf '\xef\xbb\xbf%s\n' "$sentence" > "$c/bom.md"
printf '# Title\n#\n###\n\n%s\n' "$sentence" > "$c/hashes.md"   # headings with no text (crashed once)
printf 'Title\n\nSAMR \xff\xfeissued GB/T 22239-2019.\nThe Ministry of Industry and Information Technology (MIIT) met.\n' > "$c/badutf8.txt"
printf 'SAMR\0issued\0GB/T 1-2020.\n' > "$c/nul.txt"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' > "$c/picture.txt"
echo "%PDF-1.4 binary" > "$c/report.pdf"
# A paragraph of one 1 MB line, then the sentence on line 3.
python3 -c "import sys; sys.stdout.write('word ' * 209716 + '.\n\n' + sys.argv[1] + '\n')" "$sentence" > "$c/longline.txt"
printf 'Other text.\n' > "$c/sub/good.txt"          # same name as good.txt
ln -s .. "$c/loops/up"                              # a directory loop
ln -s a.txt "$c/loops/b.txt"; ln -s b.txt "$c/loops/a.txt"   # a link loop
ln -s missing.txt "$c/dangling.txt"
mkfifo "$c/fifo.txt"                                # reading it would block

status=0
timeout 120 "$kg" build "$c" -o "$tmp/graph.json" 2> "$tmp/err" || status=$?
[ "$status" -eq 1 ] || { cat "$tmp/err" >&2; fail "kg build exit $status, want 1"; }
expect_err "kg: skipped $c/nul.txt: binary file, not text"
expect_err "kg: skipped $c/picture.txt: binary file, not text"
expect_err "kg: skipped $c/fifo.txt: not a regular file (FIFO, socket or device)"
expect_err "kg: skipped $c/dangling.txt: broken symbolic link"
expect_err "kg: skipped $c/loops/a.txt: symbolic link loop"
expect_err "kg: skipped $c/loops/b.txt: symbolic link loop"
expect_err "kg: skipped $c/sub/good.txt: same file name as $c/good.txt"
expect_err "kg: ignored $c/loops/up: symbolic link to a directory, not followed"
expect_err "kg: ignored $c/report.pdf: not a .txt or .md file"
expect_err "kg: badutf8.txt: invalid UTF-8 at byte 12 (replaced)"
expect_err "kg: badutf8.txt: invalid UTF-8 at byte 13 (replaced)"
expect_err "kg: 1 empty file(s) gave no text"
expect_err "(7 files skipped"

docs=$(graph "$tmp/graph.json" "' '.join(d['name'] for d in g['graph']['documents'])")
[ "$docs" = "badutf8.txt bom.md cr.txt crlf.txt empty.txt good.txt hashes.md longline.txt" ] || fail "documents: $docs"
# Line numbers survive CRLF, lone CR, a BOM and a 1 MB line.
for doc in good.txt crlf.txt cr.txt; do
  [ "$(evidence "$tmp/graph.json" $doc)" = "SAMR issued GB/T 22239-2019 3" ] || fail "$doc: $(evidence "$tmp/graph.json" $doc)"
done
[ "$(evidence "$tmp/graph.json" bom.md)" = "SAMR issued GB/T 22239-2019 1" ] || fail "bom.md: $(evidence "$tmp/graph.json" bom.md)"
[ "$(evidence "$tmp/graph.json" hashes.md)" = "SAMR issued GB/T 22239-2019 5" ] || fail "hashes.md: $(evidence "$tmp/graph.json" hashes.md)"
[ "$(evidence "$tmp/graph.json" longline.txt)" = "SAMR issued GB/T 22239-2019 3" ] || fail "longline.txt"
# No BOM or replacement character leaks into an id; the text after bad bytes is still read.
[ "$(graph "$tmp/graph.json" "sum(1 for n in g['nodes'] if '\ufeff' in n['id'] or '\ufffd' in n['id'])")" = 0 ] || fail "BOM or U+FFFD in an id"
[ "$(graph "$tmp/graph.json" "[n['docs'] for n in g['nodes'] if n['id']=='MIIT']")" = "[['badutf8.txt']]" ] || fail "badutf8.txt: MIIT after the bad bytes not found"

# A clean corpus builds with exit 0; empty folders and no files give exit 1.
mkdir "$tmp/clean" "$tmp/none"
cp "$c/good.txt" "$c/empty.txt" "$tmp/clean/"
"$kg" build -q "$tmp/clean" -o "$tmp/clean.json" 2> "$tmp/err" || fail "clean corpus: exit $?"
status=0; "$kg" build "$tmp/none" -o "$tmp/none.json" 2> "$tmp/err" || status=$?
[ "$status" -eq 1 ] || fail "empty folder: exit $status, want 1"
expect_err "kg: no .txt or .md files found"
status=0; "$kg" build "$tmp/nowhere" -o "$tmp/none.json" 2> "$tmp/err" || status=$?
[ "$status" -eq 1 ] || fail "missing path: exit $status, want 1"
expect_err "kg: skipped $tmp/nowhere: no such file or directory"

# Never overwrite an input with the output.
cp "$c/good.txt" "$tmp/clean/keep.txt"
before=$(sha256sum < "$tmp/clean/keep.txt")
status=0; "$kg" build "$tmp/clean" -o "$tmp/clean/keep.txt" 2> "$tmp/err" || status=$?
[ "$status" -eq 1 ] || fail "overwriting an input: exit $status, want 1"
expect_err "kg: refusing to overwrite input $tmp/clean/keep.txt with the graph"
[ "$(sha256sum < "$tmp/clean/keep.txt")" = "$before" ] || fail "input was overwritten"

# An unreadable file. Root reads anything, so run kg as nobody when we are root.
mkdir "$tmp/locked"; chmod 755 "$tmp" "$tmp/locked"
cp "$c/good.txt" "$tmp/locked/open.txt"; cp "$c/good.txt" "$tmp/locked/secret.txt"
chmod 644 "$tmp/locked/open.txt"; chmod 000 "$tmp/locked/secret.txt"
chmod 777 "$tmp/locked"
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  if command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups "$kg" --version >/dev/null 2>&1; then
    run_as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  else
    echo "note: running as root without a usable setpriv; unreadable-file case not tested" >&2
  fi
fi
if [ "$(id -u)" -ne 0 ] || [ ${#run_as[@]} -gt 0 ]; then
  status=0
  "${run_as[@]}" "$kg" --rules "$2/rules" build "$tmp/locked" -o "$tmp/locked/graph.json" 2> "$tmp/err" || status=$?
  [ "$status" -eq 1 ] || { cat "$tmp/err" >&2; fail "unreadable file: exit $status, want 1"; }
  expect_err "kg: skipped $tmp/locked/secret.txt: Permission denied"
  [ "$(graph "$tmp/locked/graph.json" "[d['name'] for d in g['graph']['documents']]")" = "['open.txt']" ] || fail "unreadable: documents"
fi
echo "robustness_corpus_test: ok"
