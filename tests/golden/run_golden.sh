#!/bin/sh
# Golden files of the bundled sample: the JSON report of `check`, and the catalogue (目录.html)
# and BagIt manifest (manifest-sha256.txt) of `pack`, compared byte for byte with
# tests/golden/. Slow (the whole sample is inspected with OCR): CTest label `slow`.
#   run_golden.sh EVPACK SOURCE_DIR            compare (exit 1 and a diff on a difference)
#   run_golden.sh EVPACK SOURCE_DIR --refresh  write the current outputs as the new golden files
# tools/refresh-golden.sh calls the second form; docs/report-format.md says when to use it.
set -eu
evpack=$1
src=$2
mode=${3:-compare}
golden="$src/tests/golden"
work=$(mktemp -d "${TMPDIR:-/tmp}/evpack-golden.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
# Fixed inputs: the check date, the package date (else the files' newest mtime, i.e. the
# checkout time), a private empty inspection cache.
export SOURCE_DATE_EPOCH=1767139200  # 2025-12-31 00:00 UTC
export EVPACK_CACHE_DIR="$work/cache"
cd "$src"
sample=samples/青石县佐证材料
"$evpack" check "$sample" --as-of 2025-12-31 --no-cache --quiet --json "$work/sample-report.json"
"$evpack" pack "$sample" --as-of 2025-12-31 --no-cache --quiet --unmapped other -o "$work/青石县验收材料.zip"
mkdir "$work/bag"
/usr/bin/python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
  "$work/青石县验收材料.zip" "$work/bag"
cp "$work/bag/青石县验收材料/目录.html" "$work/sample-catalogue.html"
cp "$work/bag/青石县验收材料/manifest-sha256.txt" "$work/sample-manifest-sha256.txt"

status=0
for f in sample-report.json sample-catalogue.html sample-manifest-sha256.txt; do
  if [ "$mode" = --refresh ]; then
    cp "$work/$f" "$golden/$f"
    echo "refreshed tests/golden/$f"
  elif ! cmp -s "$golden/$f" "$work/$f"; then
    echo "DIFFERS from tests/golden/$f (refresh with tools/refresh-golden.sh if the change is intended):"
    diff -u "$golden/$f" "$work/$f" | head -60 || true
    status=1
  else
    echo "same as tests/golden/$f"
  fi
done
exit $status
