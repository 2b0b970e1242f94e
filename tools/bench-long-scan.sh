#!/usr/bin/env bash
# Peak memory and time of `evpack check` on one long scanned document: colour scans of a
# generated document set joined (pdfunite) into one image-only PDF of at least --pages pages.
# The documents issue's target: peak memory under 500 MB for a 100-page scan.
#   tools/bench-long-scan.sh [--pages N] [--seed S]
set -euo pipefail
cd "$(dirname "$0")/.."

pages=100
seed=8
while [ $# -gt 0 ]; do
  case "$1" in
    --pages) pages=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) echo "usage: tools/bench-long-scan.sh [--pages N] [--seed S]" >&2; exit 2 ;;
  esac
done
build=${BUILD_DIR:-build}
command -v /usr/bin/time >/dev/null || { echo "need /usr/bin/time (apt-get install time)" >&2; exit 2; }
command -v pdfunite >/dev/null || { echo "need pdfunite (apt-get install poppler-utils)" >&2; exit 2; }
if [ ! -x "$build/evpack" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
  cmake --build "$build" --target evpack --parallel "$(nproc)"
fi
data="bench-data/docset-200-${seed}"
if [ ! -f "$data/labels.json" ]; then
  echo "generating ${data} ..."
  /usr/bin/python3 tools/gen_samples.py --preset docset --count 200 --seed "$seed" --out "$data" --force
fi

out="bench-data/long-scan-${pages}"
rm -rf "$out" && mkdir -p "$out/二 联动机制"
# Colour scans in set order, from the start again if needed, until the page count is
# reached (pages counted by pdfinfo).
mapfile -t scans < <(/usr/bin/python3 - "$data" <<'PY'
import json, os, sys
for f in json.load(open(os.path.join(sys.argv[1], "labels.json"), encoding="utf-8"))["files"]:
    if f["is_scan"] and not f["grayscale"]:
        print(os.path.join(sys.argv[1], f["path"]))
PY
)
[ "${#scans[@]}" -gt 0 ] || { echo "no colour scans in $data" >&2; exit 2; }
parts=()
total=0
while [ "$total" -lt "$pages" ]; do
  scan=${scans[$(( ${#parts[@]} % ${#scans[@]} ))]}
  parts+=("$scan")
  total=$(( total + $(pdfinfo "$scan" | awk '/^Pages:/ {print $2}') ))
done
joined="$out/二 联动机制/联席会议纪要汇编（扫描件）.pdf"
pdfunite "${parts[@]}" "$joined"
got=$(pdfinfo "$joined" | awk '/^Pages:/ {print $2}')
size=$(( $(stat -c %s "$joined") / 1000000 ))

log=$(mktemp)
/usr/bin/time -v "$build/evpack" check "$out" --no-cache --jobs 2 -q --as-of 2026-01-20 --json "$out.json" 2> "$log"
wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
rss=$(( $(grep "Maximum resident set size" "$log" | awk '{print $NF}') / 1024 ))
rm -f "$log"
echo "one colour scan of ${got} pages (${#parts[@]} documents joined, ${size} MB)"
awk -v w="$wall" -v p="$got" -v r="$rss" 'BEGIN {
  printf "evpack check: %.1f s, %.1f pages/s, peak %d MiB (target: under 500 MB)\n", w, p / w, r
}'
/usr/bin/python3 - "$out.json" <<'PY'
import json, sys
for f in json.load(open(sys.argv[1], encoding="utf-8"))["files"]:
    d = f.get("document") or {}
    if d:
        print("read: %s pages, scanned %s, letterhead %s, seal %s, number %s, date %s" % (
            d.get("page_count"), d.get("scanned"), (d.get("letterhead") or {}).get("state"),
            (d.get("seal") or {}).get("state"), (d.get("doc_number") or {}).get("text"), d.get("issue_date")))
PY
