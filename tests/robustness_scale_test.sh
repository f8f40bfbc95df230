#!/usr/bin/env bash
# Corpus shapes that break naive readers: a 50 MB file with no newline and
# 100,000 tiny files. kg must read them all, lose nothing and keep line numbers.
# Under sanitizers (KG_SANITIZED=1, set by test.sh) the sizes shrink tenfold:
# the shapes are the same, only the time differs.
# usage: robustness_scale_test.sh KG_BINARY SOURCE_DIR
set -euo pipefail
kg=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
mb=50
files=100000
if [ "${KG_SANITIZED:-0}" = 1 ]; then mb=5; files=10000; fi

# One line of $mb MB: filler sentences, then a relation at the very end.
mkdir "$tmp/big"
python3 - "$tmp/big/oneline.txt" "$mb" <<'PY'
import sys
filler = 'The committee met in the city and discussed the plan for the year. '
with open(sys.argv[1], 'w') as f:
    f.write(filler * (int(sys.argv[2]) * 1024 * 1024 // len(filler)))
    f.write('SAMR issued GB/T 22239-2019 on 1 May 2019.')
PY
"$kg" build -q -j2 "$tmp/big" -o "$tmp/big.json" || fail "one-line file: exit $?"
got=$(python3 -c "
import json,sys
g=json.load(open(sys.argv[1]))
print(g['graph']['documents'][0]['bytes'], [(l['source'], l['relation'], l['target'], l['evidence'][0]['line']) for l in g['links']])" "$tmp/big.json")
want="$(stat -c %s "$tmp/big/oneline.txt") [('SAMR', 'issued', 'GB/T 22239-2019', 1)]"
[ "$got" = "$want" ] || fail "one-line file: got $got, want $want"

# $files files of one sentence each, every one a document of the graph.
python3 - "$tmp/tiny" "$files" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for d in range(100):
    os.makedirs(os.path.join(root, 'd%02d' % d))
for i in range(n):
    with open(os.path.join(root, 'd%02d' % (i % 100), 't%06d.txt' % i), 'w') as f:
        f.write('SAMR issued GB/T %d-2019 on 1 May 2019.\n' % (i + 1))
PY
"$kg" build -q -j2 "$tmp/tiny" -o "$tmp/tiny.json" || fail "tiny files: exit $?"
got=$(python3 -c "
import json,sys
g=json.load(open(sys.argv[1]))
print(len(g['graph']['documents']), len(g['nodes']), len(g['links']))" "$tmp/tiny.json")
[ "$got" = "$files $((files + 1)) $files" ] || fail "tiny files: documents, nodes, links = $got"
echo "robustness_scale_test: ok"
