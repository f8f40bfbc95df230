#!/usr/bin/env bash
# Installs what kg needs to build and test, from Debian's packages, and only
# what is missing: safe to run any number of times.
set -euo pipefail

packages=(
  g++ cmake make pkg-config python3
  libboost-graph-dev rapidjson-dev libre2-dev libcli11-dev
  libgraphviz-dev graphviz
  libgtest-dev libgmock-dev libbenchmark-dev libreadline-dev
  python3-networkx python3-igraph python3-scipy python3-numpy
  clang time fonts-noto-cjk
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
