#!/usr/bin/env bash
# `kg path` agrees with NetworkX on the corpus graph and a generated graph:
# shortest-path lengths (undirected and --directed, no path included),
# Dijkstra weights with --weight, the lengths of the K shortest loopless paths
# (nx.shortest_simple_paths) and the number of simple paths within N hops
# (nx.all_simple_paths). Every printed path is checked to be a real path.
# Usage: path_networkx_test.sh KG_BINARY SOURCE_DIR (exit 77: skipped).
set -euo pipefail
kg=$1; src=$2
peer="$src/../shared/bench/peer_graph.py"
[[ -f $peer ]] || { echo "skipped: $peer is missing"; exit 77; }
/usr/bin/python3 -c "import networkx" 2>/dev/null || { echo "skipped: no networkx"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$kg" --rules "$src/rules" -q build "$src/corpus" -o "$tmp/corpus.json"
/usr/bin/python3 "$peer" gen "$tmp/ba.json" --nodes 300 --m 2 --seed 5 > /dev/null

/usr/bin/python3 - "$kg" "$tmp" <<'PY'
import json, os, random, subprocess, sys
import networkx as nx
kg, tmp = sys.argv[1], sys.argv[2]

def load(path, directed):
    data = json.load(open(path))
    g = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(n["id"] for n in data["nodes"])
    weight = {}
    for l in data["links"]:
        s, t = l["source"], l["target"]
        if s == t:
            continue
        w = 1.0 / len(l["evidence"]) if l["evidence"] else 1.0
        key = (s, t) if directed or s < t else (t, s)
        weight[key] = min(weight.get(key, w), w)
    for (s, t), w in weight.items():
        g.add_edge(s, t, weight=w)
    return g, data

def run(graph, *args):
    p = subprocess.run([kg, "-g", graph, "--json", "path", *args], capture_output=True, text=True)
    if p.returncode == 1:
        return None
    assert p.returncode == 0, (args, p.returncode, p.stderr)
    return json.loads(p.stdout)

def check_hops(g, data, a, b, hops):
    """The hops chain from a to b over real edges, each with its relation and direction."""
    links = {(l["source"], l["relation"], l["target"]) for l in data["links"]}
    at = a
    for h in hops:
        assert h["from"] == at, (a, b, hops)
        s, t = (h["from"], h["to"]) if h["forward"] else (h["to"], h["from"])
        assert (s, h["relation"], t) in links, h
        at = h["to"]
    assert at == b, (a, b, hops)

checks = connected = 0
for name, pairs in (("corpus", 80), ("ba", 25)):
    path = os.path.join(tmp, name + ".json")
    rng = random.Random(11)
    for directed in (False, True):
        g, data = load(path, directed)
        nodes = sorted(g.nodes)
        flag = ["--directed"] if directed else []
        und = g.to_undirected() if directed else g
        for i in range(pairs):
            a = rng.choice(nodes)
            # Every other pair from the same component, so that most have paths.
            b = rng.choice(sorted(nx.node_connected_component(und, a)) if i % 2 else nodes)
            # Shortest by hops.
            got = run(path, a, b, *flag)
            if nx.has_path(g, a, b):
                assert got is not None, (name, a, b, directed)
                assert got["length"] == nx.shortest_path_length(g, a, b), (name, a, b, directed)
                check_hops(g, data, a, b, got["hops"])
            else:
                assert got is None, (name, a, b, directed, got)
            checks += 1
            if got is None or a == b:
                continue
            # Lightest with --weight.
            w = run(path, a, b, "--weight", *flag)
            want = nx.dijkstra_path_length(g, a, b, weight="weight")
            assert abs(w["weight"] - want) <= 1e-9, (name, a, b, w["weight"], want)
            check_hops(g, data, a, b, w["hops"])
            # K shortest loopless paths: the same lengths as NetworkX, in order.
            k = run(path, a, b, "--k", "4", *flag)
            want = [len(p) - 1 for _, p in zip(range(4), nx.shortest_simple_paths(g, a, b))]
            assert [p["length"] for p in k["paths"]] == want, (name, a, b, k, want)
            seen = set()
            for p in k["paths"]:
                check_hops(g, data, a, b, p["hops"])
                seen.add(tuple(h["to"] for h in p["hops"]))
            assert len(seen) == len(k["paths"]), "duplicate paths"
            # All simple paths of at most 3 hops.
            every = run(path, a, b, "--all", "--max-hops", "3", "--limit", "100000", *flag)
            want = sum(1 for _ in nx.all_simple_paths(g, a, b, cutoff=3))
            count = 0 if every is None else len(every["paths"])
            assert count == want, (name, a, b, count, want)
            if every:
                lengths = [p["length"] for p in every["paths"]]
                assert lengths == sorted(lengths), lengths
            checks += 4
            connected += 1
print(f"{checks} path answers agree with NetworkX ({connected} connected pairs)")
assert connected >= 35, connected
PY
