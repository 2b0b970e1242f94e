#!/usr/bin/env bash
# Prints time and peak memory of `evpack check` on a generated archive of about
# 1,000 photos and 200 PDFs (generated once into bench-data/, not committed).
#   tools/bench.sh [--photos N] [--pdfs N] [--jobs N] [--ocr]
set -euo pipefail
cd "$(dirname "$0")/.."

photos=1000
pdfs=200
jobs=$(nproc)
ocr_flag="--no-ocr"
while [ $# -gt 0 ]; do
  case "$1" in
    --photos) photos=$2; shift 2 ;;
    --pdfs) pdfs=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --ocr) ocr_flag=""; shift ;;
    *) echo "usage: tools/bench.sh [--photos N] [--pdfs N] [--jobs N] [--ocr]" >&2; exit 2 ;;
  esac
done

bash tools/deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DEVPACK_BUILD_BENCH=ON > /dev/null
cmake --build build --parallel "$(nproc)"
command -v /usr/bin/time >/dev/null || { echo "need /usr/bin/time (apt-get install time)" >&2; exit 2; }

data="bench-data/archive-${photos}p-${pdfs}d"
if [ ! -d "$data" ]; then
  echo "generating ${data} ..."
  /usr/bin/python3 tools/gen_samples.py --preset bench --photos "$photos" --pdfs "$pdfs" --out "$data"
fi
files=$(find "$data" -type f | wc -l)
bytes=$(du -sb "$data" | cut -f1)

# Warm the page cache so the figure measures evpack, not the disk.
cat $(find "$data" -type f) > /dev/null 2>&1 || true

log=$(mktemp)
/usr/bin/time -v build/evpack check "$data" --quiet --jobs "$jobs" $ocr_flag --as-of 2026-01-20 \
  --json "$(mktemp --suffix=.json)" 2> "$log"
wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}')
rss=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
user=$(grep "User time" "$log" | awk '{print $NF}')
sys=$(grep "System time" "$log" | awk '{print $NF}')
secs=$(echo "$wall" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
echo "evpack check on ${data}: ${files} files, $((bytes / 1048576)) MiB, jobs=${jobs}, ocr=$([ -z "$ocr_flag" ] && echo on || echo off)"
echo "  wall ${secs} s, user ${user} s, sys ${sys} s"
echo "  peak memory $((rss / 1024)) MiB"
awk -v f="$files" -v s="$secs" 'BEGIN { if (s > 0) printf "  %.1f files/s\n", f / s }'
rm -f "$log"
