#!/usr/bin/env bash
# Installs what is missing, builds everything (Release) into build/ and runs
# the whole test suite with ctest; then the suite under ASan+UBSan (build-asan)
# and the libFuzzer targets (build-fuzz, clang++).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)"
cd build
ctest --output-on-failure -j "$(nproc)" --timeout 900

# The whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer
# (leaks included), with the scale tests shrunk tenfold (KG_SANITIZED=1);
# then the main job (kg build corpus) under LeakSanitizer. Any report fails.
cd ..
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKG_SANITIZE=address,undefined \
  -DKG_BUILD_BENCH=OFF >/dev/null
cmake --build build-asan -j "$(nproc)"
# tests/lsan.supp names leaks inside Graphviz 2.42, fontconfig and cairo, never kg's.
# Those suppressions match frames inside the Graphviz libraries, which are
# built without frame pointers, so the tests that render unwind slowly.
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
asan_fast=detect_leaks=1:abort_on_error=0
rendering='Renderer|dot_hostile_test|dot_render_test'
(cd build-asan && ASAN_OPTIONS=$asan_fast KG_SANITIZED=1 \
  ctest --output-on-failure -j "$(nproc)" --timeout 1800 -E "$rendering")
(cd build-asan && ASAN_OPTIONS=$asan_fast:fast_unwind_on_malloc=0 KG_SANITIZED=1 \
  ctest --output-on-failure -j "$(nproc)" --timeout 1800 -R "$rendering")
export ASAN_OPTIONS=$asan_fast
asan_out=$(mktemp -d)
build-asan/kg build -q corpus -o "$asan_out/graph.json"
rm -rf "$asan_out"

# libFuzzer targets (tests/fuzz), built with clang++ apart from the main build,
# each run for KG_FUZZ_SECONDS (default 60) from its seed corpus.
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKG_FUZZ=ON \
  -DKG_BUILD_TESTS=OFF -DKG_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target fuzz_extract fuzz_graph_json fuzz_cypher
bash tests/fuzz/run_fuzzers.sh build-fuzz "${KG_FUZZ_SECONDS:-60}"
