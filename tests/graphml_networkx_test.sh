#!/usr/bin/env bash
# NetworkX reads kg's GraphML (read_graphml) and GEXF (read_gexf) back with the
# same nodes, edges and attributes as graph.json, hostile names included.
set -euo pipefail
kg=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$src/tests/viz_fixture.py" "$tmp/h.json"
"$kg" -g "$tmp/h.json" export --format graphml -o "$tmp/h.graphml"
"$kg" -g "$tmp/h.json" export --format gexf -o "$tmp/h.gexf"
"$kg" -g "$tmp/h.json" export --format graphml --relation issued,drafted -o "$tmp/sub.graphml"
/usr/bin/python3 - "$tmp" <<'PY'
import json, sys
import networkx as nx
tmp = sys.argv[1]
data = json.load(open(f"{tmp}/h.json", encoding="utf-8"))
g = nx.read_graphml(f"{tmp}/h.graphml")
assert g.is_directed(), "GraphML graph must be directed"
assert g.number_of_nodes() == 6 and g.number_of_edges() == 5, (g.number_of_nodes(), g.number_of_edges())
for n in data["nodes"]:
    d = g.nodes[n["id"]]
    assert d["type"] == n["type"] and d["name"] == n["name"], (n, d)
    assert d["docs"] == "; ".join(n["docs"]), d
    assert d.get("aliases", "") == "; ".join(n["aliases"]), d
edges = {(u, v, d["relation"]): d for u, v, d in g.edges(data=True)}
for l in data["links"]:
    d = edges[(l["source"], l["target"], l["relation"])]
    assert d.get("date", "") == l.get("date", ""), (l, d)
    assert d.get("role", "") == l.get("role", ""), (l, d)
    ev = l["evidence"][0]
    assert (d["evidence"], d["evidence_doc"], d["evidence_line"], d["evidence_count"]) == \
        (ev["text"], ev["doc"], ev["line"], 1), (l, d)
sub = nx.read_graphml(f"{tmp}/sub.graphml")
assert sorted(sub.nodes) == ["GB/T 1.1-2020", "Q\"uote", "SAMR"], sorted(sub.nodes)
assert sub.number_of_edges() == 2
x = nx.read_gexf(f"{tmp}/h.gexf")
assert x.number_of_nodes() == 6 and x.number_of_edges() == 5, (x.number_of_nodes(), x.number_of_edges())
assert x.nodes["SAMR"]["label"] == "国家市场监督管理总局" and x.nodes["SAMR"]["type"] == "Agency"
assert x.nodes["<b>"]["label"] == "<b>bold</b> & AT&T &lt;not a tag&gt;", x.nodes["<b>"]
assert x.nodes["lonely"]["label"] == "Law with\nnewline and\ttab", x.nodes["lonely"]
rels = sorted(d["relation"] for _, _, d in x.edges(data=True))
assert rels == ["affiliated_with", "cooperates_with", "drafted", "issued", "part_of"], rels
print("networkx: graphml and gexf read back with 6 nodes, 5 edges and every attribute")
PY
