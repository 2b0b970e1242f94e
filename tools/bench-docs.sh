#!/usr/bin/env bash
# Accuracy and speed of document inspection on a labelled set of generated
# official documents (text PDFs and scans, colour and grayscale, every variant of
# tools/gen/plans.py random_doc_params): precision/recall of the red letterhead,
# the own document number (exact string), the red seal and the 成文日期, per group,
# plus documents and pages per second and peak memory.
#   tools/bench-docs.sh [--count N] [--seed S] [--jobs N]
# The set is generated once into bench-data/docset-<N>-<S>/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."

count=200
seed=11
jobs=$(nproc)
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    *) echo "usage: tools/bench-docs.sh [--count N] [--seed S] [--jobs N]" >&2; exit 2 ;;
  esac
done

bash tools/deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build --parallel "$(nproc)" --target evpack
command -v /usr/bin/time >/dev/null || { echo "need /usr/bin/time (apt-get install time)" >&2; exit 2; }

data="bench-data/docset-${count}-${seed}"
if [ ! -f "$data/labels.json" ]; then
  echo "generating ${data} ..."
  /usr/bin/python3 tools/gen_samples.py --preset docset --count "$count" --seed "$seed" --out "$data" --force
fi

split() {  # $1 = text|scan: a folder of links to that half of the set
  local dir="$data-$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  /usr/bin/python3 - "$data" "$dir" "$1" <<'EOF'
import json, os, shutil, sys
data, out, want = sys.argv[1:4]
# Copies (hard links when possible): evpack never follows symlinks out of the folder it checks.
for f in json.load(open(os.path.join(data, "labels.json"), encoding="utf-8"))["files"]:
    if (want == "scan") == bool(f["is_scan"]):
        src, dst = os.path.join(data, f["path"]), os.path.join(out, f["path"])
        try:
            os.link(src, dst)
        except OSError:
            shutil.copyfile(src, dst)
EOF
  echo "$dir"
}

for half in text scan; do
  dir=$(split "$half")
  docs=$(find "$dir" -name '*.pdf' | wc -l)
  pages=$(for f in "$dir"/*.pdf; do pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}'; done | awk '{s += $1} END {print s}')
  json="$data-$half.json"  # kept: tools/score_docs.py LABELS JSON --misses lists what was missed
  log=$(mktemp)
  /usr/bin/time -v build/evpack check "$dir" --no-cache --quiet --jobs "$jobs" --as-of 2026-01-20 --json "$json" 2> "$log" || true
  wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
  secs=$(echo "$wall" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  echo "== ${half} PDFs: ${docs} documents, ${pages} pages, jobs=${jobs}: wall ${secs} s, peak $((rss / 1024)) MiB"
  awk -v d="$docs" -v p="$pages" -v s="$secs" 'BEGIN { if (s > 0) printf "   %.1f documents/s, %.1f pages/s\n", d / s, p / s }'
  /usr/bin/python3 tools/score_docs.py "$data/labels.json" "$json"
  rm -f "$log"
  rm -rf "$dir"
done

# Accuracy as in a real archive, where scans sit beside the bureau's text PDFs: OCR'd
# 机关代字 are corrected against the ones the text PDFs use (the scan-only run above
# cannot do that).
json="$data-all.json"
build/evpack check "$data" --quiet --jobs "$jobs" --as-of 2026-01-20 --json "$json" || true
echo "== the whole set (text PDFs and scans together):"
/usr/bin/python3 tools/score_docs.py "$data/labels.json" "$json"
