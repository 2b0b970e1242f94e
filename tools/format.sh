#!/usr/bin/env bash
# Formats the C++ sources with the repository's .clang-format (Debian's clang-format 14).
#   tools/format.sh          rewrite every tracked C++ file in place
#   tools/format.sh --check  list the files that are not formatted; exit 1 if any
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'include/*.hpp' 'tests/*.cpp' 'tests/*.hpp' \
                                  'bench/*.cpp' 'fuzz/*.cpp')
if [ "${1:-}" = "--check" ]; then
  bad=0
  for f in "${files[@]}"; do
    if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
      echo "not formatted: $f (run tools/format.sh)"
      bad=1
    fi
  done
  exit "$bad"
fi
clang-format -i "${files[@]}"
