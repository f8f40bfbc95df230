#!/usr/bin/env bash
# Throughput and scale of kg build (issue 7): generates 100 MB and 1 GB
# synthetic corpora with ../shared/bench/gen_corpus.py under /tmp (kept between
# runs), builds each with 1 and 2 threads and prints MB/s, seconds, peak RSS,
# entities and links; then times kg build --update after adding one file to the
# 100 MB corpus, and kg build on the real corpus/. Last, when extract_bench
# was built beside kg (build/bench/), the extractor alone on one core, on
# corpus/ and a 10 MB synthetic corpus: MB/s without start-up, reading or
# writing. With --pairs N, it then builds the 100 MB corpus N more times with
# -j1 and -j2 in turn and prints each pair's ratio and their median: on a
# shared VM whose speed drifts within minutes, only adjacent runs compare.
# usage: bench/throughput.sh [KG_BINARY] [--no-1gb] [--pairs N]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
kg_arg=${1:-}
case $kg_arg in "" | --*) kg_arg=$here/build/kg ;; esac
kg=$(realpath "$kg_arg")
sizes="100 1000"
pairs=0
prev=
for a in "$@"; do
  [ "$a" = "--no-1gb" ] && sizes="100"
  [ "$prev" = "--pairs" ] && pairs=$a
  prev=$a
done
case $pairs in '' | *[!0-9]*) echo "--pairs needs a number" >&2; exit 2 ;; esac
gen=$here/../shared/bench/gen_corpus.py
out=${KG_BENCH_DIR:-/tmp/kg_throughput}
mkdir -p "$out"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package: time)" >&2; exit 1; }

# run LABEL MB ARGS...: one timed kg run; prints a table row.
run() {
  local label=$1 mb=$2
  shift 2
  /usr/bin/time -v "$kg" "$@" 2> "$out/time.log" > /dev/null || { tail "$out/time.log" >&2; exit 1; }
  local secs cpu rss counts
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$out/time.log")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$out/time.log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$out/time.log")
  counts=$(python3 - "$out/graph.json" <<'PY'
import re, sys
head = open(sys.argv[1], encoding='utf-8', errors='replace').read(4 << 20)
stats = head[head.find('"statistics"'):]
ent = re.search(r'"entities": (\d+)', stats).group(1)
rel = re.search(r'"relations": (\d+)', stats).group(1)
print(ent, rel)
PY
)
  printf '%-34s %8s %8.2f %9s %8s %9s %9s %10s %10s\n' "$label" "$mb" "$secs" \
    "$(awk -v m="$mb" -v s="$secs" 'BEGIN {printf "%.1f", (s > 0 ? m / s : 0)}')" "$cpu" \
    "$(awk -v m="$mb" -v s="$cpu" 'BEGIN {printf "%.1f", (s > 0 ? m / s : 0)}')" "$rss" $counts
}

printf '%-34s %8s %8s %9s %8s %9s %9s %10s %10s\n' run MB seconds MB/s "CPU s" "MB/CPU s" "RSS MB" \
  entities links
for size in $sizes; do
  corpus=$out/corpus_${size}mb
  if [ ! -d "$corpus" ]; then python3 "$gen" "$corpus" --mb "$size" > /dev/null; fi
  mb=$(du -sk --apparent-size "$corpus" | awk '{printf "%.1f", $1 / 1024}')
  for j in 1 2; do
    run "build ${size} MB -j$j" "$mb" build -q -j$j "$corpus" -o "$out/graph.json"
  done
  if [ "$size" = 100 ]; then
    # cp -p: the extraction cache names the size and time of its graph.
    cp -p "$out/graph.json" "$out/graph_100.json"
    cp -p "$out/graph.json.extractions.bin" "$out/graph_100.json.extractions.bin"
    extra=$corpus/zz_added_newsletter.txt
    cp "$(ls "$here"/corpus/*.txt | head -1)" "$extra"
    run "build --update (+1 file) -j2" "$(du -sk --apparent-size "$extra" | awk '{printf "%.2f", $1 / 1024}')" \
      build -q --update -j2 "$corpus" -o "$out/graph.json"
    cp "$out/graph.json" "$out/graph_update.json"
    run "build ${size} MB +1 file -j2 (full)" "$mb" build -q -j2 "$corpus" -o "$out/graph.json"
    if cmp -s "$out/graph.json" "$out/graph_update.json"; then
      echo "(--update gives the same bytes as the full build)"
    else
      echo "(--update DIFFERS from the full build)"
    fi
    rm -f "$extra" "$out/graph_update.json"
  fi
done
mb=$(du -sk --apparent-size "$here/corpus" | awk '{printf "%.2f", $1 / 1024}')
run "build corpus/ -j1" "$mb" build -q -j1 "$here/corpus" -o "$out/graph.json"
echo "(MB: apparent size; seconds: wall clock; CPU s: user + system time of all threads, which"
echo " a machine shared with other work inflates less than wall time; RSS: peak resident set"
echo " from /usr/bin/time -v; corpora kept in $out)"

if [ "$pairs" -gt 0 ]; then
  corpus=$out/corpus_100mb
  echo
  echo "-j2 against -j1 on the 100 MB corpus, $pairs adjacent pairs (wall seconds):"
  ratios=()
  for ((i = 1; i <= pairs; i++)); do
    t=()
    for j in 1 2; do
      /usr/bin/time -f %e "$kg" build -q -j$j "$corpus" -o "$out/graph.json" 2> "$out/time.log" > /dev/null ||
        { tail "$out/time.log" >&2; exit 1; }
      t+=("$(tail -1 "$out/time.log")")
    done
    ratio=$(awk -v a="${t[0]}" -v b="${t[1]}" 'BEGIN {printf "%.2f", a / b}')
    ratios+=("$ratio")
    printf 'pair %d: -j1 %6.2f s  -j2 %6.2f s  ratio %s\n' "$i" "${t[0]}" "${t[1]}" "$ratio"
  done
  printf '%s\n' "${ratios[@]}" | sort -n |
    awk '{r[NR] = $1} END {m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2; printf "median ratio %.2f over %d pairs (target 1.8)\n", m, NR}'
fi

bench=$(dirname "$kg")/bench/extract_bench
if [ -x "$bench" ]; then
  synthetic=$out/corpus_10mb
  if [ ! -d "$synthetic" ]; then python3 "$gen" "$synthetic" --mb 10 > /dev/null; fi
  echo
  echo "The extractor alone, one core (bench/extract_bench.cc; bytes_per_second is per CPU second):"
  "$bench" --benchmark_min_time=2 "$here/corpus" "$synthetic" 2> /dev/null
fi
