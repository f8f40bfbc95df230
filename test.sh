#!/usr/bin/env bash
# Installs what is missing, builds everything (Release) into build/ and runs
# the whole test suite with ctest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)"
cd build
ctest --output-on-failure -j "$(nproc)" --timeout 900
