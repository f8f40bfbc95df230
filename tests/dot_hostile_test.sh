#!/usr/bin/env bash
# Hostile names (quotes, backslashes, Graphviz escapes, HTML, entities, emoji,
# Chinese, newline, tab) survive kg export --format dot and kg render: the real
# Graphviz dot reads every DOT variant kg writes without any error or warning,
# and the SVG kg renders in-process shows every name exactly as it is spelt.
set -euo pipefail
kg=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$src/tests/viz_fixture.py" "$tmp/h.json"
g=(-g "$tmp/h.json")

# Every DOT variant through the real dot; any stderr output fails the test.
variants=(
  ""
  "--layout dot" "--layout neato" "--layout fdp" "--layout sfdp" "--layout circo" "--layout twopi"
  "--cluster type" "--cluster doc" "--cluster community" "--cluster type --layout fdp"
  "--size-by degree" "--size-by pagerank --cluster doc"
  "--focus SAMR --depth 1" "--path lonely_not_linked_skip"
  "--top 3" "--type Agency,Person" "--relation issued,part_of" "--doc b.txt" "--since 2020"
  "--min-degree 2" "--no-legend"
)
n=0
for v in "${variants[@]}"; do
  [ "$v" = "--path lonely_not_linked_skip" ] && v=(--path emoji 'GB/T 1.1-2020') || read -r -a v <<< "$v"
  n=$((n + 1))
  "$kg" "${g[@]}" export --format dot "${v[@]}" -o "$tmp/v$n.dot"
  if ! dot -Tsvg "$tmp/v$n.dot" -o "$tmp/v$n.svg" 2> "$tmp/dot.err" || [ -s "$tmp/dot.err" ]; then
    echo "dot complained about export --format dot ${v[*]}:"; cat "$tmp/dot.err"; exit 1
  fi
done
echo "dot accepted $n DOT variants without a warning"

# In-process rendering; the SVG must be well-formed XML showing the names as spelt.
"$kg" -q "${g[@]}" render -o "$tmp/h.svg" 2> "$tmp/render.err"
if [ -s "$tmp/render.err" ]; then echo "kg render complained:"; cat "$tmp/render.err"; exit 1; fi
/usr/bin/python3 - "$tmp/h.svg" <<'PY'
import sys
import xml.etree.ElementTree as ET
NS = {"s": "http://www.w3.org/2000/svg", "x": "http://www.w3.org/1999/xlink"}
root = ET.parse(sys.argv[1]).getroot()
labels, tips = set(), set()
for g in root.iter("{http://www.w3.org/2000/svg}g"):
    if g.get("class") not in ("node", "edge"):
        continue
    lines = [t.text or "" for t in g.iter("{http://www.w3.org/2000/svg}text")]
    labels.add(" ".join(lines))
    for a in g.iter("{http://www.w3.org/2000/svg}a"):
        tips.add(a.get("{http://www.w3.org/1999/xlink}title"))
expected = [
    "国家市场监督管理总局",
    'He said "hi" \\N back\\slash',
    "<b>bold</b> & AT&T &lt;not a tag&gt;",
    "Wang 😀 Wei",
    "Directives for standardization, Part 1",
    "Law with newline and tab",
    "part of", "cooperates with",
]
missing = [e for e in expected if e not in labels]
assert not missing, f"labels not drawn as spelt: {missing}\ndrawn: {sorted(labels)}"
tip = ('国家市场监督管理总局 issued Directives for standardization, Part 1 (2020-03)\n'
       'a.txt:3: SAMR issued "GB/T 1.1" <today> & more \\ end.')
assert tip in tips, f"edge tooltip missing:\n{tip!r}\ntooltips: {sorted(t for t in tips if t)}"
print(f"svg: {len(expected)} hostile labels and the evidence tooltip drawn exactly")
PY

# PNG and PDF come from the extension; a bad extension is a usage error.
"$kg" -q "${g[@]}" render -o "$tmp/h.png" --layout neato
"$kg" -q "${g[@]}" render -o "$tmp/h.pdf" --cluster type
head -c 4 "$tmp/h.png" | grep -q PNG
head -c 5 "$tmp/h.pdf" | grep -q '%PDF-'
set +e
"$kg" "${g[@]}" render -o "$tmp/h.jpg" 2> "$tmp/err"; code=$?
set -e
[ "$code" -eq 2 ] && grep -q "end the file name with .svg, .png or .pdf" "$tmp/err" \
  || { echo "bad extension: exit $code"; cat "$tmp/err"; exit 1; }
set +e
"$kg" "${g[@]}" render -o "$tmp/p.svg" --path lonely SAMR 2> "$tmp/err"; code=$?
set -e
[ "$code" -eq 1 ] && grep -q "no path between lonely and SAMR" "$tmp/err" && [ ! -e "$tmp/p.svg" ] \
  || { echo "no path: exit $code"; cat "$tmp/err"; exit 1; }
echo "png, pdf and the error cases behave"
