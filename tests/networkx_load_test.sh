#!/usr/bin/env bash
# graph.json loads in NetworkX (node_link_graph) with the counts kg reports.
set -euo pipefail
kg=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$kg" --rules "$src/rules" -q build "$src/corpus" -o "$tmp/graph.json"
"$kg" -g "$tmp/graph.json" stats --json > "$tmp/stats.json"
/usr/bin/python3 - "$tmp/graph.json" "$tmp/stats.json" <<'PY'
import json, sys
import networkx as nx
data = json.load(open(sys.argv[1]))
stats = json.load(open(sys.argv[2]))
g = nx.node_link_graph(data)
assert g.is_directed() and g.is_multigraph(), "graph must be a directed multigraph"
assert g.number_of_nodes() == stats["entities"], (g.number_of_nodes(), stats["entities"])
assert g.number_of_edges() == stats["relations"], (g.number_of_edges(), stats["relations"])
assert stats["entities"] > 100 and stats["relations"] > 20, stats
types = {d["type"] for _, d in g.nodes(data=True)}
assert types <= {"Agency", "Organization", "Committee", "Person", "Law", "Policy", "Standard"}, types
for u, v, d in g.edges(data=True):
    assert d["evidence"], (u, v, d)
    for ev in d["evidence"]:
        assert ev["doc"].endswith(".txt") and ev["line"] >= 1 and ev["text"], ev
print(f"networkx: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, as kg stats says")
PY
