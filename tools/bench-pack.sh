#!/usr/bin/env bash
# Benchmark of `evpack pack` against `zip -r -q` and `cp -r` on the same tree, in one run.
# Prints wall time and peak memory of each, and the ratios the acceptance issue asks for:
# pack is timed twice, with an empty inspection cache and again with every file unchanged.
#   tools/bench-pack.sh [--data DIR] [--photos N] [--pdfs N] [--photo-size WxH] [--jobs N] [--ocr] [--baseline EVPACK]
# --baseline times a second evpack binary (e.g. one built from an older commit) in the same run.
# Default data: bench-data/pack-1000p-100d-4000x3000 (about 2 GB: 1000 photos of 4000x3000 and 100 PDFs),
# generated once with tools/gen_samples.py; outputs go to bench-data/out (both git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

data=""
photos=1000
pdfs=100
size=4000x3000
jobs=""  # evpack's default unless --jobs is given
ocr_flag="--no-ocr"
baseline=""
build=${BUILD_DIR:-build}
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data=$2; shift 2 ;;
    --photos) photos=$2; shift 2 ;;
    --pdfs) pdfs=$2; shift 2 ;;
    --photo-size) size=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --ocr) ocr_flag=""; shift ;;
    --baseline) baseline=$2; shift 2 ;;
    *) echo "usage: tools/bench-pack.sh [--data DIR] [--photos N] [--pdfs N] [--photo-size WxH] [--jobs N] [--ocr] [--baseline EVPACK]" >&2; exit 2 ;;
  esac
done
[ -n "$data" ] || data="bench-data/pack-${photos}p-${pdfs}d-${size}"

command -v /usr/bin/time >/dev/null || { echo "need /usr/bin/time (apt-get install time)" >&2; exit 2; }
command -v zip >/dev/null || { echo "need zip (apt-get install zip)" >&2; exit 2; }
if [ ! -x "$build/evpack" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
  cmake --build "$build" --target evpack --parallel "$(nproc)"
fi
if [ ! -d "$data" ]; then
  echo "generating ${data} ..."
  /usr/bin/python3 tools/gen_samples.py --preset bench --photos "$photos" --pdfs "$pdfs" --photo-size "$size" --out "$data"
fi
out=bench-data/out
rm -rf "$out" && mkdir -p "$out"
files=$(find "$data" -type f | wc -l)
bytes=$(du -sb "$data" | cut -f1)
echo "tree: ${data}: ${files} files, $((bytes / 1000000)) MB; jobs=${jobs:-default, $(nproc) cores}; ocr=$([ -z "$ocr_flag" ] && echo on || echo off)"

# Warm the page cache so every run reads from memory, not from the disk.
find "$data" -type f -print0 | xargs -0 cat > /dev/null

# run NAME CMD...: wall seconds and peak RSS (MiB) of CMD into $NAME_wall / $NAME_rss.
run() {
  local name=$1; shift
  local log; log=$(mktemp)
  /usr/bin/time -v "$@" > "$out/$name.stdout" 2> "$log"
  local wall; wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}')
  local secs; secs=$(echo "$wall" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  local rss; rss=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
  printf -v "${name}_wall" '%s' "$secs"
  printf -v "${name}_rss" '%s' "$((rss / 1024))"
  rm -f "$log"
  sync
}

# pack fsyncs the zip before renaming it into place, so the copy and zip runs include a sync too.
run copy sh -c 'cp -r "$1" "$2" && sync' sh "$data" "$out/copy"
rm -rf "$out/copy"
sync
run nosync cp -r "$data" "$out/copy"
rm -rf "$out/copy"
sync
run zip sh -c 'zip -r -q "$1" "$2" && sync' sh "$out/zip.zip" "$data"
zip_size=$(stat -c %s "$out/zip.zip")
rm -f "$out/zip.zip"
# "用时：检查 X 秒，写入 Y 秒，校验 Z 秒，落盘 S 秒，共 T 秒。"
stages_of() { grep "用时" "$1" | sed 's/[^0-9. ]//g' | awk '{print $1, $2, $3, $4}'; }
if [ -n "$baseline" ]; then
  EVPACK_CACHE_DIR="$out/base-cache" run base "$baseline" pack "$data" -o "$out/base.zip" --unmapped other ${jobs:+--jobs "$jobs"} $ocr_flag --as-of 2026-01-20
  base_size=$(stat -c %s "$out/base.zip")
  read -r base_check_s base_write_s base_verify_s base_sync_s <<< "$(stages_of "$out/base.stdout")"
  rm -f "$out/base.zip"
fi
# The first pack starts with an empty inspection cache (every file is inspected, as on the
# first run over an archive); the second finds every file unchanged (as after an `evpack check`).
export EVPACK_CACHE_DIR="$out/cache"
run pack "$build/evpack" pack "$data" -o "$out/pack.zip" --unmapped other ${jobs:+--jobs "$jobs"} $ocr_flag --as-of 2026-01-20
pack_size=$(stat -c %s "$out/pack.zip")
read -r check_s write_s verify_s sync_s <<< "$(stages_of "$out/pack.stdout")"
rm -f "$out/pack.zip"
run warm "$build/evpack" pack "$data" -o "$out/pack.zip" --unmapped other ${jobs:+--jobs "$jobs"} $ocr_flag --as-of 2026-01-20
read -r warm_check_s warm_write_s warm_verify_s warm_sync_s <<< "$(stages_of "$out/warm.stdout")"
rm -f "$out/pack.zip"
cache_mb=$(( $(du -sb "$out/cache" | cut -f1) / 1000000 ))
unset EVPACK_CACHE_DIR

echo "cp -r + sync     ${copy_wall} s   peak ${copy_rss} MiB   (cp -r alone ${nosync_wall} s)"
echo "zip -r -q + sync ${zip_wall} s   peak ${zip_rss} MiB   $((zip_size / 1000000)) MB"
echo "evpack pack      ${pack_wall} s   peak ${pack_rss} MiB   $((pack_size / 1000000)) MB   (empty inspection cache)"
echo "  of which check ${check_s} s, write ${write_s} s, verify ${verify_s} s, fsync+rename ${sync_s} s"
echo "evpack pack      ${warm_wall} s   peak ${warm_rss} MiB   (again: every file unchanged, inspections from the cache, ${cache_mb} MB)"
echo "  of which check ${warm_check_s} s, write ${warm_write_s} s, verify ${warm_verify_s} s, fsync+rename ${warm_sync_s} s"
if [ -n "$baseline" ]; then
  echo "baseline pack    ${base_wall} s   peak ${base_rss} MiB   $((base_size / 1000000)) MB   ($baseline)"
  echo "  of which check ${base_check_s} s, write ${base_write_s} s, verify ${base_verify_s} s, fsync+rename ${base_sync_s} s"
fi
awk -v p="$pack_wall" -v q="$warm_wall" -v z="$zip_wall" -v c="$copy_wall" -v w="$write_s" -v v="$verify_s" -v s="$sync_s" 'BEGIN {
  k = w + v + s
  printf "ratios: pack / zip -r = %.2f   pack / cp -r = %.2f   (empty cache)\n", p / z, p / c
  printf "        pack / zip -r = %.2f   pack / cp -r = %.2f   (files unchanged since the last check)\n", q / z, q / c
  printf "        packaging only (write + verify + fsync) = %.1f s: / zip -r = %.2f   / cp -r = %.2f\n", k, k / z, k / c
}'
