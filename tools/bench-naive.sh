#!/usr/bin/env bash
# evpack against the pipeline a technical user would script (issue 27), side by side:
#   photos       exiftool on every photo (batches of 64), tesseract -l chi_sim+eng on the whole photo
#   screenshots  tesseract -l chi_sim+eng on the whole capture
#   PDFs         pdftotext and pdftoppm (150 dpi) of the first and the last page; a page
#                whose text layer is empty (a scan) has its render read by tesseract
#                -l chi_sim+eng, as a user would to see its number and date
#                (--no-scan-ocr leaves that out: the yardstick of the first measurement)
# two workers (xargs -P 2), tesseract single-threaded per process (OMP_THREAD_LIMIT=1).
# evpack runs `check --no-cache` on the same files. Each archive is split by kind into
# hard-linked views (same folders, one kind each) so both sides see the same files; the
# runs alternate (naive, evpack, naive, evpack, ...) and the median of each is printed:
# CPU seconds (user+sys of the process and its children, GNU time), wall seconds, peak
# memory of evpack, and the ratio naive/evpack.
#
#   tools/bench-naive.sh [--runs N] [--evpack BIN] [--as-of DATE] [--no-scan-ocr] ARCHIVE_FOLDER...
#
# Kinds go by extension: .jpg/.jpeg/.heic photos, .png screenshots, .pdf documents;
# "whole" is every file of the archive (evpack also reads Office files and ledgers,
# which the naive pipeline skips: its whole-archive figure is the sum of the three kinds).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
runs=3
evpack="$here/build/evpack"
as_of=2025-12-31
scan_ocr=1
archives=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --evpack) evpack="$2"; shift 2 ;;
    --as-of) as_of="$2"; shift 2 ;;
    --no-scan-ocr) scan_ocr=0; shift ;;
    -h|--help) sed -n 2,20p "$0"; exit 0 ;;
    *) archives+=("$1"); shift ;;
  esac
done
[ ${#archives[@]} -gt 0 ] || { echo "usage: tools/bench-naive.sh [--runs N] [--evpack BIN] ARCHIVE..." >&2; exit 2; }
for tool in exiftool tesseract pdftotext pdftoppm pdfinfo /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run tools/deps.sh --bench" >&2; exit 2; }
done
[ -x "$evpack" ] || { echo "no evpack binary at $evpack (build first, or --evpack BIN)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/evpack-bench-naive.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export OMP_THREAD_LIMIT=1

# view SRC DST REGEX: hard links (or copies across file systems) of the matching files.
view() {
  local src="$1" dst="$2" regex="$3"
  mkdir -p "$dst"
  (cd "$src" && find . -type f -regextype posix-extended -iregex "$regex" -print0) |
    while IFS= read -r -d '' rel; do
      mkdir -p "$dst/$(dirname "$rel")"
      ln "$src/$rel" "$dst/$rel" 2>/dev/null || cp "$src/$rel" "$dst/$rel"
    done
}

naive_photos() {
  find "$1" -type f -print0 | xargs -0 -r -P 2 -n 64 exiftool -j -q >/dev/null 2>&1 || true
  find "$1" -type f -print0 | xargs -0 -r -P 2 -n 1 sh -c 'tesseract "$1" - -l chi_sim+eng >/dev/null 2>&1 || true' _
}
naive_screens() {
  find "$1" -type f -print0 | xargs -0 -r -P 2 -n 1 sh -c 'tesseract "$1" - -l chi_sim+eng >/dev/null 2>&1 || true' _
}
naive_pdfs() {
  local out="$2"
  mkdir -p "$out"
  find "$1" -type f -print0 | xargs -0 -r -P 2 -n 1 sh -c '
    o="$1/$$"; ocr="$2"; f="$3"  # xargs appends the file after the fixed arguments
    last=$(pdfinfo "$f" 2>/dev/null | sed -n "s/^Pages: *//p"); last=${last:-1}
    for p in 1 "$last"; do
      chars=$(pdftotext -f "$p" -l "$p" "$f" - 2>/dev/null | tr -d "[:space:]" | wc -c || true)
      pdftoppm -r 150 -f "$p" -l "$p" -png "$f" "$o" >/dev/null 2>&1 || true
      if [ "$ocr" = 1 ] && [ "${chars:-0}" -lt 20 ]; then
        for img in "$o"*.png; do [ -f "$img" ] && { tesseract "$img" - -l chi_sim+eng >/dev/null 2>&1 || true; }; done
      fi
      rm -f "$o"*.png
    done' _ "$out" "$scan_ocr"
}
naive_whole() {
  naive_photos "$1/photos"; naive_screens "$1/screens"; naive_pdfs "$1/pdfs" "$work/pages"
}

# measure OUT_FILE CMD...: appends "cpu wall peak_kb" (median later).
measure() {
  local out="$1"; shift
  /usr/bin/time -f '%U %S %e %M' -o "$work/t" "$@" >/dev/null 2>&1 || true
  # (GNU time puts "Command exited with non-zero status N" first when evpack reports errors)
  tail -n 1 "$work/t" | awk '{printf "%.2f %.2f %d\n", $1 + $2, $3, $4}' >>"$out"
}
median() {  # column N of FILE
  sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR]=$c} END {print v[int((NR + 1) / 2)]}'
}

export -f naive_photos naive_screens naive_pdfs naive_whole
export work scan_ocr

for archive in "${archives[@]}"; do
  name="$(basename "$archive")"
  echo "== $archive"
  printf '%-8s %6s %10s %10s %7s %10s %9s %7s %10s\n' kind files "naive CPU" "evpack CPU" ratio \
    "naive wall" "evp wall" "evp MB" "evp CPU/f"
  base="$work/$name"
  view "$archive" "$base/photos" '.*\.(jpe?g|heic)'
  view "$archive" "$base/screens" '.*\.png'
  view "$archive" "$base/pdfs" '.*\.pdf'
  for kind in photos screens pdfs whole; do
    if [ "$kind" = whole ]; then dir="$archive"; files=$(find "$archive" -type f | wc -l)
    else dir="$base/$kind"; files=$(find "$dir" -type f | wc -l); fi
    [ "$files" -gt 0 ] || continue
    : >"$work/naive.$kind"; : >"$work/evpack.$kind"
    for _ in $(seq "$runs"); do
      case "$kind" in
        photos) measure "$work/naive.$kind" bash -c 'naive_photos "$0"' "$dir" ;;
        screens) measure "$work/naive.$kind" bash -c 'naive_screens "$0"' "$dir" ;;
        pdfs) measure "$work/naive.$kind" bash -c 'naive_pdfs "$0" "$1"' "$dir" "$work/pages" ;;
        whole) measure "$work/naive.$kind" bash -c 'naive_whole "$0"' "$base" ;;
      esac
      measure "$work/evpack.$kind" "$evpack" check "$dir" --no-cache --as-of "$as_of" --quiet \
        --json "$work/r.json"
    done
    nc=$(median "$work/naive.$kind" 1); nw=$(median "$work/naive.$kind" 2)
    ec=$(median "$work/evpack.$kind" 1); ew=$(median "$work/evpack.$kind" 2); em=$(median "$work/evpack.$kind" 3)
    awk -v k="$kind" -v f="$files" -v nc="$nc" -v ec="$ec" -v nw="$nw" -v ew="$ew" -v em="$em" 'BEGIN {
      printf "%-8s %6d %10.1f %10.1f %6.1fx %10.1f %9.1f %7.0f %10.3f\n",
             k, f, nc, ec, (ec > 0 ? nc / ec : 0), nw, ew, em / 1024, ec / f }'
  done
done
echo "(median of $runs alternating runs; CPU = user+sys seconds incl. children; ratio = naive CPU / evpack CPU)"
