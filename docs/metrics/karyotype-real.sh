#!/usr/bin/env bash
# Real cells of other laboratories through our own pipeline (bundled detector -> boxes ->
# bundled classifier -> cell-level assignment): the proposed sex chromosomes against the
# laboratories' karyograms (counts.csv). Writes OUT/<cell>.png karyograms and OUT/<cell>.json.
#   docs/metrics/karyotype-real.sh [OUT]     (run from the repository root; ./karyo builds first)
set -euo pipefail
OUT="${1:-/tmp/karyotype-real}"
REAL="${KARYO_SHARED_DATA:-../shared/data}/real"
KARYO="${KARYO_CMD:-./karyo}"
mkdir -p "$OUT"
printf "cell\tlaboratory_karyotype\tproposed\tsex_match\tclassify_ms\n"
for csv in "$REAL/cabinh-case-8129A/counts.csv" "$REAL/tuanvision-cytovision/counts.csv"; do
  dir="$(dirname "$csv")"
  tail -n +2 "$csv" | while IFS=, read -r cell count karyo how; do
    img="$dir/a/$cell"
    stem="${cell%.*}"
    $KARYO karyotype "$img" --out "$OUT/$stem.png" --json > "$OUT/$stem.json" 2>/dev/null || { echo "$cell failed"; continue; }
    python3 - "$OUT/$stem.json" "$cell" "$karyo" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
truth = sys.argv[3][2:]            # "46XY" -> "XY"
print("%s\t%s\t%s\t%s\t%.0f" % (sys.argv[2], sys.argv[3], j["iscn"], "yes" if j["sex_chromosomes"] == truth else "no",
                                j["classify_ms"]))
PY
  done
done
