#!/usr/bin/python3
"""The peers' side of bench/graph_bench.sh: times NetworkX or python-igraph on a
node-link graph, the way ../shared/bench/peer_graph.py computes each measure.

  graph_bench_peers.py GRAPH.json --engine networkx|igraph --src ID --dst ID
      [--algos betweenness,closeness,pagerank,shortest]
      [--sample-betweenness K] [--sample-closeness K]

Prints one JSON object of seconds: "load" (json.load and building the graph
object), then one entry per algorithm. With --sample-betweenness K (NetworkX
only: betweenness_centrality(k=K)) or --sample-closeness K, the measure is run
from K sources and the entry is {"sample": seconds, "sources": K}, to be scaled
by n / K: the full runs take hours.
"""
import argparse
import json
import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench"))
import peer_graph  # noqa: E402


def build(engine, ids, edges):
    if engine == "networkx":
        import networkx as nx
        g = nx.Graph()
        g.add_nodes_from(range(len(ids)))
        g.add_edges_from(edges)
        return g
    import igraph as ig
    return ig.Graph(n=len(ids), edges=edges, directed=False)


def timed(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("graph")
    ap.add_argument("--engine", required=True, choices=["networkx", "igraph"])
    ap.add_argument("--algos", default="betweenness,closeness,pagerank,shortest")
    ap.add_argument("--src", required=True)
    ap.add_argument("--dst", required=True)
    ap.add_argument("--sample-betweenness", type=int, default=0)
    ap.add_argument("--sample-closeness", type=int, default=0)
    a = ap.parse_args()
    out = {}
    t = time.perf_counter()
    ids, edges = peer_graph.load(a.graph, False)
    g = build(a.engine, ids, edges)
    out["load"] = time.perf_counter() - t
    n = len(ids)
    sample = random.Random(1).sample(range(n), min(n, max(a.sample_closeness, 1)))
    for algo in a.algos.split(","):
        if algo == "shortest":
            s, d = ids.index(a.src), ids.index(a.dst)
            if a.engine == "networkx":
                import networkx as nx
                out[algo] = timed(lambda: nx.shortest_path(g, s, d))
            else:
                out[algo] = timed(lambda: g.get_shortest_paths(s, d))
        elif algo == "betweenness" and a.sample_betweenness and a.engine == "networkx":
            import networkx as nx
            k = min(n, a.sample_betweenness)
            out[algo] = {"sample": timed(lambda: nx.betweenness_centrality(g, k=k, seed=1)), "sources": k}
        elif algo == "closeness" and a.sample_closeness:
            if a.engine == "networkx":
                import networkx as nx
                secs = timed(lambda: [nx.closeness_centrality(g, u=v) for v in sample])
            else:
                # peer_graph.py's igraph closeness, from the sampled rows of the distance matrix
                def rows():
                    for row in g.distances(source=sample, mode="all"):
                        reach = [x for x in row if x != float("inf") and x > 0]
                        _ = (len(reach) / sum(reach)) * (len(reach) / (n - 1)) if reach else 0.0
                secs = timed(rows)
            out[algo] = {"sample": secs, "sources": len(sample)}
        else:
            fn = peer_graph.run_networkx if a.engine == "networkx" else peer_graph.run_igraph
            secs, _ = fn(ids, edges, False, algo)
            out[algo] = secs
    print(json.dumps(out))


if __name__ == "__main__":
    main()
