#!/usr/bin/env bash
# Graph algorithm benchmark: kg against NetworkX and python-igraph, side by side.
#
#   bench/graph_bench.sh [--build DIR] [--work DIR] [--sizes 10k,100k] [--full-networkx]
#
# Generates Barabasi-Albert graphs with ../shared/bench/peer_graph.py gen
# (10k nodes/30k links: --nodes 10000 --m 3; 100k nodes/500k links: --nodes
# 100000 --m 5) and prints the seconds of: load (read graph.json and build the
# graph), betweenness, closeness, PageRank and one shortest path, computed on
# the undirected simple graph as peer_graph.py does. kg is timed inside the
# process by bench/graph_bench (built in DIR/bench, default build/), so load and
# compute are apart; the peers are timed around each call, in Python.
#
# Runs that would take hours are estimated and marked "~": the measure is run
# from K sources and its time scaled by n/K (NetworkX: betweenness_centrality
# with k=K; kg: Brandes from K sources; closeness: K single-source runs).
# python-igraph has no source sample for betweenness, so on 100k its time is
# extrapolated from the 10k run by the O(n*m) cost of Brandes, marked "~~".
# --full-networkx runs NetworkX betweenness and closeness in full on 10k
# (about 8 minutes for betweenness alone).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build="$root/build"
work=""
sizes="10k,100k"
full_networkx=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --full-networkx) full_networkx=1; shift ;;
    *) echo "usage: $0 [--build DIR] [--work DIR] [--sizes 10k,100k] [--full-networkx]" >&2; exit 2 ;;
  esac
done
peer="$root/../shared/bench/peer_graph.py"
bench="$build/bench/graph_bench"
[[ -x $bench ]] || { echo "no $bench: cmake --build $build --target graph_bench" >&2; exit 1; }
[[ -f $peer ]] || { echo "no $peer" >&2; exit 1; }
if [[ -z $work ]]; then work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work"

results="$work/results.jsonl"
: > "$results"
for size in ${sizes//,/ }; do
  case $size in
    10k) nodes=10000; m=3 ;;
    100k) nodes=100000; m=5 ;;
    *) echo "unknown size $size" >&2; exit 2 ;;
  esac
  graph="$work/ba-$size.json"
  [[ -f $graph ]] || /usr/bin/python3 "$peer" gen "$graph" --nodes $nodes --m $m >&2
  src=n7; dst=n$((nodes - 3))
  echo "== $size: kg" >&2
  if [[ $size == 10k ]]; then
    kg=$("$bench" "$graph" --measures betweenness,closeness,pagerank --path $src $dst)
  else
    kg=$("$bench" "$graph" --measures closeness,pagerank --path $src $dst --sample-betweenness 1000)
  fi
  echo "{\"size\": \"$size\", \"engine\": \"kg\", \"n\": $nodes, \"r\": $kg}" >> "$results"
  echo "== $size: python-igraph" >&2
  if [[ $size == 10k ]]; then
    ig=$(/usr/bin/python3 "$here/graph_bench_peers.py" "$graph" --engine igraph --src $src --dst $dst)
  else
    ig=$(/usr/bin/python3 "$here/graph_bench_peers.py" "$graph" --engine igraph --src $src --dst $dst \
         --algos closeness,pagerank,shortest --sample-closeness 200)
  fi
  echo "{\"size\": \"$size\", \"engine\": \"python-igraph\", \"n\": $nodes, \"r\": $ig}" >> "$results"
  echo "== $size: NetworkX" >&2
  if [[ $size == 10k && $full_networkx == 1 ]]; then
    nx=$(/usr/bin/python3 "$here/graph_bench_peers.py" "$graph" --engine networkx --src $src --dst $dst)
  elif [[ $size == 10k ]]; then
    nx=$(/usr/bin/python3 "$here/graph_bench_peers.py" "$graph" --engine networkx --src $src --dst $dst \
         --sample-betweenness 200 --sample-closeness 200)
  else
    nx=$(/usr/bin/python3 "$here/graph_bench_peers.py" "$graph" --engine networkx --src $src --dst $dst \
         --sample-betweenness 20 --sample-closeness 10)
  fi
  echo "{\"size\": \"$size\", \"engine\": \"NetworkX\", \"n\": $nodes, \"r\": $nx}" >> "$results"
done

/usr/bin/python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
links = {"10k": 29991, "100k": 499975}

def cell(r, key, n, row):
    v = r.get(key)
    if key == "betweenness" and v is None and "betweenness_sample" in r:
        v = {"sample": r["betweenness_sample"], "sources": r["betweenness_sources"]}
    if v is None:
        if key == "betweenness" and row["engine"] == "python-igraph" and row["size"] == "100k":
            base = next((x for x in rows if x["engine"] == "python-igraph" and x["size"] == "10k"), None)
            if base:
                t = base["r"]["betweenness"] * (100000 * 499975) / (10000 * 29991)
                return t, f"~~{t:.0f}"
        return None, "skipped"
    if isinstance(v, dict):
        t = v["sample"] * n / v["sources"]
        return t, f"~{t:.3g}"
    return v, f"{v:.4f}" if v < 1 else f"{v:.2f}"

header = ["graph", "engine", "load", "betweenness", "closeness", "pagerank", "shortest path"]
table, cells = [], {}
for row in rows:
    r, n = row["r"], row["n"]
    line = [row["size"], row["engine"]]
    for key in ["load", "betweenness", "closeness", "pagerank", "shortest"]:
        t, text = cell(r, "path" if (key == "shortest" and row["engine"] == "kg") else key, n, row)
        cells[(row["size"], row["engine"], key)] = t
        line.append(text)
    table.append(line)
width = [max(len(str(x[i])) for x in table + [header]) for i in range(len(header))]
for line in [header, ["-" * w for w in width]] + table:
    print("  ".join(str(x).ljust(w) for x, w in zip(line, width)).rstrip())
print()
print("seconds; ~ = estimated from a sample of sources scaled by n/K, ~~ = extrapolated from 10k by n*m")
for row in rows:
    if row["engine"] == "kg":
        r = row["r"]
        print(f"kg {row['size']}: building the simple-graph view {r['view']:.4f} s, "
              f"path index {r.get('path_index', 0):.4f} s (once per loaded graph), path length {r.get('path_length')}")
for size in links:
    for key in ["betweenness", "closeness", "pagerank", "shortest"]:
        k, ig = cells.get((size, "kg", key)), cells.get((size, "python-igraph", key))
        if k and ig:
            print(f"{size} {key}: kg is {ig / k:.1f}x python-igraph")
PY
