#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, -DEVPACK_FUZZ=ON, clang, ASan) in build-fuzz/ and runs each
# for MINUTES minutes (default 10) on a copy of its seed corpus (fuzz/corpus/<target>/; new inputs
# land in build-fuzz/corpus/<target>/, crashes in build-fuzz/crashes/<target>/).
# Needs clang-14 and libclang-rt-14-dev (tools/deps.sh installs both).
#
# usage: tools/fuzz.sh [MINUTES] [TARGET...]
# Prints one line per target: executions, crashes. Exit 1 when any target crashed.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(rules text_tables zip_extract docx xlsx pdf_text doc_text watermark_text)
fi
command -v clang++ >/dev/null || { echo "clang++ missing: run tools/deps.sh" >&2; exit 2; }

cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DEVPACK_FUZZ=ON -DEVPACK_BUILD_TESTS=OFF \
  ${CCACHE:+-DCMAKE_CXX_COMPILER_LAUNCHER=ccache} >/dev/null
cmake --build build-fuzz -j"${JOBS:-2}" --target $(printf '%s_fuzzer ' "${targets[@]}")

failed=0
export TMPDIR=${TMPDIR:-/tmp}
for t in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$t
  crashes=build-fuzz/crashes/$t
  mkdir -p "$corpus" "$crashes"
  cp -n fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null || true
  log=build-fuzz/$t.log
  # -rss_limit_mb: evpack's limits keep memory bounded; more is a finding.
  set +e
  ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 \
    ./build-fuzz/fuzz/"${t}"_fuzzer "$corpus" -max_total_time=$((minutes * 60)) -timeout=30 -rss_limit_mb=2560 \
    -max_len=262144 -artifact_prefix="$crashes/" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  found=$(find "$crashes" -type f | wc -l)
  printf '%-16s executions %-10s crashes %s (exit %s, log %s)\n' "$t" "${execs:-0}" "$found" "$rc" "$log"
  [ "$found" -eq 0 ] || failed=1
done
exit $failed
