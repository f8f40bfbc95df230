#!/usr/bin/env bash
# kg export --format csv writes nodes.csv and edges.csv with neo4j-admin's
# header convention, correctly quoted, to a directory or to a prefix.
set -euo pipefail
kg=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$src/tests/viz_fixture.py" "$tmp/h.json"
"$kg" -g "$tmp/h.json" export --format csv -o "$tmp/dir/"
"$kg" -g "$tmp/h.json" export --format csv --type Agency,Committee -o "$tmp/sub"
[ "$(head -1 "$tmp/dir/nodes.csv")" = "id:ID,:LABEL,name,aliases:string[],docs:string[]" ]
[ "$(head -1 "$tmp/dir/edges.csv")" = \
  ":START_ID,:END_ID,:TYPE,relation,date,role,evidence,evidence_doc,evidence_line:int,evidence_count:int" ]
set +e
"$kg" -g "$tmp/h.json" export --format csv 2> "$tmp/err"; code=$?
set -e
[ "$code" -eq 2 ] || { echo "csv to stdout: exit $code"; exit 1; }
/usr/bin/python3 - "$tmp" <<'PY'
import csv, sys
tmp = sys.argv[1]
nodes = list(csv.DictReader(open(f"{tmp}/dir/nodes.csv", encoding="utf-8", newline="")))
edges = list(csv.DictReader(open(f"{tmp}/dir/edges.csv", encoding="utf-8", newline="")))
assert len(nodes) == 6 and len(edges) == 5, (len(nodes), len(edges))
byid = {n["id:ID"]: n for n in nodes}
assert byid['Q"uote'] == {"id:ID": 'Q"uote', ":LABEL": "Organization",
                          "name": 'He said "hi" \\N back\\slash',
                          "aliases:string[]": 'R&D, Lab, "X"', "docs:string[]": "a.txt"}, byid['Q"uote']
assert byid["GB/T 1.1-2020"]["docs:string[]"] == "a.txt;b.txt"
assert byid["lonely"]["name"] == "Law with newline and\ttab", byid["lonely"]
assert byid["SAMR"]["name"] == "国家市场监督管理总局"
aff = [e for e in edges if e[":TYPE"] == "AFFILIATED_WITH"]
assert aff == [{":START_ID": "emoji", ":END_ID": 'Q"uote', ":TYPE": "AFFILIATED_WITH",
                "relation": "affiliated_with", "date": "", "role": 'Director, "acting"',
                "evidence": "Wang 😀 Wei, Director.", "evidence_doc": "b.txt",
                "evidence_line:int": "1", "evidence_count:int": "1"}], aff
sub = list(csv.DictReader(open(f"{tmp}/sub.nodes.csv", encoding="utf-8", newline="")))
assert sorted(n["id:ID"] for n in sub) == ["<b>", "SAMR"], sub
sub_edges = list(csv.DictReader(open(f"{tmp}/sub.edges.csv", encoding="utf-8", newline="")))
assert [(e[":START_ID"], e[":TYPE"], e[":END_ID"]) for e in sub_edges] == [("<b>", "PART_OF", "SAMR")]
print("csv: neo4j-admin headers, 6 nodes and 5 edges read back exactly")
PY
