#!/usr/bin/env bash
# Installs what is needed, builds, and runs the whole test suite (CTest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
# The sources as .clang-format writes them (tools/format.sh rewrites them).
bash tools/format.sh --check
ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 900
