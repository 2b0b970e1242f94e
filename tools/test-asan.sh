#!/usr/bin/env bash
# Builds the `asan` preset (RelWithDebInfo, -fsanitize=address,undefined; build-asan/) and runs the
# test suite under it. Run before closing any change to a parser, an adapter or the packaging code.
# The tests labelled slow or browser (tests/slow_tests.txt) are left out unless FULL=1.
#
# usage: tools/test-asan.sh [extra ctest arguments, e.g. -R ZipExtract]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset asan -DEVPACK_MODEL_DIR="${EVPACK_MODEL_DIR:-$PWD/models}" \
  ${EVPACK_CORPUS_DIR:+-DEVPACK_CORPUS_DIR=$EVPACK_CORPUS_DIR} >/dev/null
cmake --build --preset asan -j"${JOBS:-2}"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exclude=()
[ "${FULL:-0}" = 1 ] || exclude=(-LE 'slow|browser')
ctest --test-dir build-asan --output-on-failure -j"${JOBS:-2}" "${exclude[@]}" "$@"
