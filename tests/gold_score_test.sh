#!/usr/bin/env bash
# The score on ../shared/eval/gold must not fall below the recorded floor.
# Raise the floors whenever the score rises.
set -euo pipefail
kg=$1; src=$2
ENTITY_F1_FLOOR=0.962
TYPED_F1_FLOOR=0.958
RELATION_F1_FLOOR=0.945
shared="$src/../shared"
if [ ! -f "$shared/eval/score.py" ]; then
  echo "SKIP: $shared/eval/score.py is absent (the gold lives beside the repository)"
  exit 77
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$kg" --rules "$src/rules" -q build "$src/corpus" -o "$tmp/graph.json"
python3 "$shared/eval/score.py" "$tmp/graph.json" "$shared/eval/gold" --json > "$tmp/score.json"
python3 - "$tmp/score.json" "$ENTITY_F1_FLOOR" "$TYPED_F1_FLOOR" "$RELATION_F1_FLOOR" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
floors = {"entities": float(sys.argv[2]), "entities_typed": float(sys.argv[3]), "relations": float(sys.argv[4])}
ok = True
for k, floor in floors.items():
    f1 = s[k]["f1"]
    print(f"{k}: F1 {f1:.4f} (floor {floor})")
    ok &= f1 >= floor
sys.exit(0 if ok else 1)
PY
