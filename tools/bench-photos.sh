#!/usr/bin/env bash
# Photo inspection accuracy and speed (issue 4), measured:
#   1. the labelled photo set (tools/gen_photoset.py): watermark presence precision
#      and recall, exact-minute time reads, duplicate-pair precision/recall and
#      false-pair rate;
#   2. 12-megapixel (4000x3000) watermarked JPEGs: photos per second;
#   3. the real photos of the shared corpus (no watermarks): false "present" count.
#
#   tools/bench-photos.sh [--count N] [--speed N] [--seed S] [--jobs J] [--build DIR] [--verbose]
#
# Data goes to bench-data/ (git-ignored) and is generated once per count/seed.
# The build dir must be configured with -DEVPACK_BUILD_BENCH=ON; the script builds
# the photo_bench target in it.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
count=300
speed=40
seed=4
jobs=2
build="$here/build-photo"
verbose=""
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --speed) speed="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --verbose) verbose="--verbose"; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

py=/usr/bin/python3  # Debian's python: PIL and numpy come from Debian packages
set_dir="$here/bench-data/photoset-$count-$seed"
speed_dir="$here/bench-data/photos-12mp-$speed"
corpus="$(cd "$here/../shared/corpus" 2>/dev/null && pwd || true)"

if [ ! -f "$set_dir/labels.json" ]; then
  nice -n 5 "$py" "$here/tools/gen_photoset.py" "$set_dir" --count "$count" --seed "$seed" --jobs "$jobs"
fi
if [ ! -f "$speed_dir/labels.json" ]; then
  nice -n 5 "$py" "$here/tools/gen_photoset.py" "$speed_dir" --speed "$speed" --seed "$seed" --jobs "$jobs"
fi

if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEVPACK_BUILD_BENCH=ON >/dev/null
fi
nice -n 5 ninja -C "$build" -j2 photo_bench >/dev/null
bench="$build/bench/photo_bench"

echo "== labelled set: $set_dir"
"$bench" "$set_dir" --jobs "$jobs" $verbose
echo
echo "== speed: $speed 12-megapixel JPEGs ($speed_dir)"
"$bench" "$speed_dir" --jobs "$jobs" | grep -E '^photos:|^watermark:|^time read'
if [ -n "$corpus" ]; then
  echo
  echo "== real photos without watermarks: $corpus/exif and $corpus/heic"
  for folder in exif heic; do
    echo "-- $folder"
    "$bench" "$corpus/$folder" --jobs "$jobs"
  done
fi
