#!/usr/bin/env bash
# Broken graph files and hostile query arguments: a clear message, exit 1 (or 2
# for usage), never a crash or a hang.
# usage: robustness_graph_test.sh KG_BINARY SOURCE_DIR
set -euo pipefail
kg=$(realpath "$1")
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# run WANT_EXIT EXPECTED_STDERR_SUBSTRING kg-args...: runs kg with a time limit.
run() {
  local want=$1 msg=$2 status=0
  shift 2
  timeout 60 "$kg" "$@" > "$tmp/out" 2> "$tmp/err" || status=$?
  [ "$status" -eq "$want" ] || { cat "$tmp/err" >&2; fail "kg $*: exit $status, want $want"; }
  [ -z "$msg" ] || grep -qF -- "$msg" "$tmp/err" || { cat "$tmp/err" >&2; fail "kg $*: stderr lacks: $msg"; }
}
# stats_of TEXT WANT_EXIT MESSAGE: writes TEXT as a graph and runs kg stats on it.
stats_of() {
  printf '%s' "$1" > "$tmp/g.json"
  run "$2" "$3" -g "$tmp/g.json" stats
}
g=$tmp/g.json
stats_of '{"nodes": [}' 1 "$g:1:12: Invalid value."
stats_of '' 1 "$g:1:1: The document is empty."
stats_of '[]' 1 "$g: top level is not a JSON object"
stats_of '{"links": []}' 1 "$g: no \"nodes\" list"
stats_of '{"nodes": {}}' 1 "$g: no \"nodes\" list"
stats_of '{"nodes": [], "links": 3}' 1 "$g: \"links\" is not a list"
stats_of '{"nodes": [{"type": "Agency"}]}' 1 "$g: nodes[0]: missing \"id\""
stats_of '{"nodes": [{"id": 1.5, "type": "Agency"}]}' 1 "$g: nodes[0]: missing \"id\""
stats_of '{"nodes": [{"id": "A", "type": 7}]}' 1 "$g: nodes[0] (A): \"type\" must be a string"
stats_of '{"nodes": [{"id": "A", "type": "Planet"}]}' 1 "$g: nodes[0] (A): unknown type \"Planet\""
stats_of '{"nodes": [{"id": "A", "type": "Agency", "aliases": "x"}]}' 1 "$g: nodes[0] (A): aliases and docs must be lists of strings"
stats_of '{"nodes": [{"id": "A", "type": "Agency"}, {"id": "A", "type": "Law"}]}' 1 "$g: nodes[1]: duplicate id \"A\""
stats_of '{"nodes": [{"id": "A", "type": "Agency"}], "links": [{"source": "A", "target": "B", "relation": "issued"}]}' 1 "$g: links[0]: link to unknown node \"B\""
stats_of '{"nodes": [{"id": "A", "type": "Agency"}], "links": [{"target": "A", "relation": "issued"}]}' 1 "$g: links[0]: missing \"source\" or \"target\""
stats_of '{"nodes": [{"id": "A", "type": "Agency"}], "links": [{"source": "A", "target": "A", "relation": "owns"}]}' 1 "$g: links[0]: unknown relation \"owns\""
stats_of '{"nodes": [{"id": "A", "type": "Agency"}], "links": [{"source": "A", "target": "A", "relation": "issued", "evidence": [{"line": "x"}]}]}' 1 "$g: links[0]: \"evidence\" must be a list of {doc, line, text}"
# A million nested brackets: an error, not a stack overflow.
python3 -c "print('{\"nodes\":' + '[' * 1000000)" > "$g"
run 1 "$g:2:1: Invalid value." -g "$g" stats
run 1 "$tmp/none.json: No such file or directory" -g "$tmp/none.json" stats

# A truncated real graph: the line and column where it ends.
"$kg" build -q "$src/corpus" -o "$tmp/full.json"
head -c 3000 "$tmp/full.json" > "$tmp/cut.json"
lines=$(wc -l < "$tmp/cut.json")
run 1 "$tmp/cut.json:$((lines + 1)):" -g "$tmp/cut.json" stats

# Empty graph and a graph of one node: statistics work, rankings say why they are empty.
printf '{"nodes": [], "links": []}' > "$tmp/empty.json"
printf '{"nodes": [{"id": "A", "type": "Agency"}], "links": []}' > "$tmp/one.json"
run 0 "" -g "$tmp/empty.json" stats
grep -qF "0 documents, 0 entities, 0 relations" "$tmp/out" || fail "empty graph stats"
run 1 "kg: no entity to rank" -g "$tmp/empty.json" centrality
run 1 "kg: no entity to rank" -g "$tmp/empty.json" centrality --measure betweenness
run 1 "no entity matches" -g "$tmp/empty.json" path A B
run 1 "kg: the graph has no entities, so no communities" -g "$tmp/empty.json" communities
[ ! -s "$tmp/out" ] || fail "communities on an empty graph printed a result"
run 0 "" -g "$tmp/one.json" centrality --measure pagerank
run 1 "eigenvector centrality is undefined on a graph without links" -g "$tmp/one.json" centrality --measure eigenvector
run 0 "" -g "$tmp/one.json" path A A
grep -qF "path of 0 hop(s) from A to A" "$tmp/out" || fail "path A A"

# Hostile numbers and unreachable targets on the real graph.
G=$tmp/full.json
run 0 "" -g "$G" neighbors SAMR --depth 1000000
run 2 "--depth" -g "$G" neighbors SAMR --depth -5
run 2 "--depth" -g "$G" neighbors SAMR --depth 0
run 2 "--depth" -g "$G" neighbors SAMR --depth 99999999999999999999
# Two components: A issued B, C issued D.
two='{"nodes": [{"id": "A", "type": "Agency"}, {"id": "B", "type": "Law"}, {"id": "C", "type": "Agency"}, {"id": "D", "type": "Law"}],
 "links": [{"source": "A", "target": "B", "relation": "issued"}, {"source": "C", "target": "D", "relation": "issued"}]}'
printf '%s' "$two" > "$tmp/two.json"
run 1 "kg: no path from A to D within 1000000000 hops" -g "$tmp/two.json" path A D --max-hops 1000000000
run 1 "kg: no path from A to D" -g "$tmp/two.json" path --k 10000 A D
run 1 "kg: no path from A to D within 1000000 hops" -g "$tmp/two.json" path --all --max-hops 1000000 A D
run 0 "" -g "$tmp/two.json" path A B --max-hops 1000000000
run 1 "kg: no path from A to D: they are not connected" -g "$tmp/two.json" path A D
run 1 "kg: no path from A to D along directed edges" -g "$tmp/two.json" path A D --directed
# A depth far beyond the graph stops where the graph ends.
run 0 "" -g "$tmp/two.json" neighbors A --depth 1000000
[ "$(tail -n +3 "$tmp/out" | awk '{print $1, $4}')" = "1 B" ] || fail "neighbors --depth 1000000"
run 1 "no entity matches \"XYZNOPE\"" -g "$G" path SAMR XYZNOPE
run 0 "" -g "$G" centrality --top 0
[ "$(grep -c . "$tmp/out")" -gt 300 ] || fail "--top 0 lists every entity"
run 2 "--top: expected a whole number from 0 to 18446744073709551615, got \"-1\"" -g "$G" centrality --top -1
run 2 "--top: expected a whole number" -g "$G" centrality --top 99999999999999999999999
run 2 "--top: expected a whole number" -g "$G" communities --top -3
run 2 "--min-size: expected a whole number from 1" -g "$G" communities --min-size 0
run 0 "" -g "$G" query 'MATCH (a)-[r*1..1000000]->(b) RETURN count(*)'
run 1 "unknown label 'Nope'" -g "$G" query 'MATCH (n:Nope) RETURN n'
run 1 "query error at line 1, column 10" -g "$G" query 'MATCH (n RETURN n'
run 1 "division by zero" -g "$G" query 'RETURN 1/0'
run 1 "query error" -g "$G" query 'MATCH (n) RETURN n LIMIT -1'
run 1 "query error" -g "$G" query 'MATCH (n) RETURN n SKIP 99999999999999999999'
echo "robustness_graph_test: ok"
